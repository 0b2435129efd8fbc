"""No secret of a link in the logs: tokens in paths and OIDC query parameters are masked."""

import logging
import uuid

import pytest
from django.urls import reverse

from jobcenter.accounts.logfilters import MaskTokensFilter, mask_tokens

TOKEN = "a3f9c1d2e4b5a6978812fedcba0123456789abcdef0123456789abcdef012345"


def _secret_paths():
    public_id = uuid.uuid4()
    return [
        reverse(
            "portal:submission_link",
            kwargs={"jobcenter": "musterkreis", "public_id": public_id, "token": TOKEN},
        ),
        reverse(
            "portal:submission_link_pdf",
            kwargs={"jobcenter": "musterkreis", "public_id": public_id, "token": TOKEN},
        ),
        reverse(
            "portal:wizard_resume",
            kwargs={"jobcenter": "musterkreis", "form": "weiterbewilligung", "token": TOKEN},
        ),
        reverse("accounts:verify", kwargs={"token": TOKEN}),
        reverse("accounts:email_confirm", kwargs={"token": TOKEN}),
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MTIz", "token": TOKEN}),
    ]


@pytest.mark.parametrize("index", range(6))
def test_secret_path_segments_are_masked(index):
    path = _secret_paths()[index]
    for line in (
        f"Not Found: {path}",
        f'"GET {path} HTTP/1.1" 404 1234',
        f"link https://jobcenter.example{path} sent",
    ):
        masked = mask_tokens(line)
        assert TOKEN not in masked and "[…]" in masked
    assert "MTIz" not in mask_tokens(_secret_paths()[5])


def test_other_paths_and_the_receipt_id_stay_readable():
    public_id = uuid.uuid4()
    path = reverse(
        "portal:submission_link",
        kwargs={"jobcenter": "musterkreis", "public_id": public_id, "token": TOKEN},
    )
    assert str(public_id) in mask_tokens(path)
    for line in (
        "Not Found: /konto/anmelden/",
        "GET /static/kern/kern.css 200",
        "Bad Request: /musterkreis/weiterbewilligung/person/",
        "nothing at all",
        "ratio 3/4 and /does/not/exist/",
    ):
        assert mask_tokens(line) == line


def test_oidc_query_parameters_are_masked():
    line = '"GET /konto/servicekonto/zurueck/?code=SECRETCODE&state=SECRETSTATE HTTP/1.1" 302'
    masked = mask_tokens(line)
    assert "SECRETCODE" not in masked and "SECRETSTATE" not in masked
    assert "/konto/servicekonto/zurueck/?code=[…]&state=[…]" in masked


def test_the_filter_rewrites_the_record_and_never_drops_it():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (reverse("accounts:verify", kwargs={"token": TOKEN}),),
        None,
    )
    assert MaskTokensFilter().filter(record) is True
    assert TOKEN not in record.getMessage()
    broken = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", ("one",), None)
    assert MaskTokensFilter().filter(broken) is True


def test_every_log_record_is_masked_whichever_handler_writes_it():
    # Django's own "django.server" and (in DEBUG) console handlers do not propagate to the root
    # handler; the record factory masks the record before any handler sees it.
    assert getattr(logging.getLogRecordFactory(), "masks_tokens", False)
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    logger = logging.getLogger("django.server")
    keep = Keep()
    logger.addHandler(keep)
    try:
        path = reverse("accounts:verify", kwargs={"token": TOKEN})
        logger.warning('"%s %s %s" %s %s', "GET", path, "HTTP/1.1", 404, 179)
    finally:
        logger.removeHandler(keep)
    assert seen == ['"GET /konto/bestaetigen/[…]/ HTTP/1.1" 404 179']


@pytest.mark.django_db
def test_a_404_for_a_receipt_link_is_logged_without_the_token(client, jobcenter):
    path = reverse(
        "portal:submission_link",
        kwargs={"jobcenter": jobcenter.slug, "public_id": uuid.uuid4(), "token": TOKEN},
    )
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    keep = Keep()
    logging.getLogger("django.request").addHandler(keep)
    try:
        assert client.get(path).status_code == 404
    finally:
        logging.getLogger("django.request").removeHandler(keep)
    assert seen and all(TOKEN not in line for line in seen)
    assert any("Not Found" in line and "[…]" in line for line in seen)
