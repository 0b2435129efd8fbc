"""Generated requests against every form a citizen or a caseworker can send: every page of
every wizard form (Erstantrag, WBA, Veränderungsmitteilung, the application-date page, the
further services), the upload
forms and the staff forms. 0 server errors, 0 tracebacks, and input a page does not take is
answered with a message.

CI runs a few examples per target (``GENERATED_REQUESTS_EXAMPLES``, default 2: about 320
requests); ``bench/generated_requests.py`` runs the same tests with
enough examples for more than 10,000 requests and adds up the figures.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter.forms import selectors as forms
from jobcenter.forms.definition import PerItemPage, RepeatPage
from jobcenter.portal.wizard import SLUG_OF
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.forms.test_pages import input_names
from tests.security.generated import (
    EXAMPLES,
    Tally,
    check,
    html_forms,
    odd_text,
    post_data,
    upload_files,
)

GENERATED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _household() -> dict:
    """Erstantrag answers with a partner, two children, a grandmother outside the BG and a
    self-employed activity, so that every per-person page has an instance."""
    from tests.forms.test_erstantrag_rules import answers, birthday, member

    data = answers(
        member("Sam", "1982-05-01", "partner"),
        member("Alex", birthday(10)),
        member("Jo", birthday(16)),
        member("Oma", "1950-01-01", "eltern", bg=False),
        **{"ek-1": {"arten": ["selbststaendig"]}},
    )
    data["taetigkeiten"] = [{"art": "Friseursalon", "person": "Kim", "seit": "2020-01-01"}]
    return data


def _url_key(definition, page) -> str:
    if isinstance(page, PerItemPage):
        return page.instances(_household())[0].key
    return page.key


WIZARD_PAGES = [
    (SLUG_OF.get(d.key, d.key), d.ident, p.key, _url_key(d, p))
    for d in forms.all_definitions()
    for p in d.pages
]


def test_every_wizard_form_is_covered():
    """Every version of every form the engine knows is served by the wizard and has its pages
    here: a new form or version is fuzzed without touching this file."""
    definitions = forms.all_definitions()
    assert {d.key for d in definitions} <= set(SLUG_OF), "a form the wizard does not serve"
    assert {ident for _s, ident, *_r in WIZARD_PAGES} == {d.ident for d in definitions}
    assert len(WIZARD_PAGES) == sum(len(d.pages) for d in definitions)
    # Among them the forms of issue 17: Erstantrag with its Anlagen, both WBA versions, VÄM and
    # the further services.
    assert {"wba@2026-1", "wba@2026-2", "erstantrag@2026-1", "aenderung@2026-1"} <= {
        d.ident for d in definitions
    }
    assert len(SLUG_OF) >= 10


@pytest.fixture
def tally(request):
    t = Tally(request.node.name)
    yield t
    t.write()


def _raising_client() -> Client:
    # An exception in a view fails the test with its traceback instead of becoming a 500 page.
    return Client(raise_request_exception=True)


def _page_fields(ident: str, page_key: str) -> tuple[dict[str, list[str]], list[str]]:
    """The page's input names with the values they take, and the names of its file fields."""
    page = next(p for p in forms.get(ident).pages if p.key == page_key)
    options = {
        f.key: [o.value for o in getattr(f, "options", ())] + ["ja", "nein"] for f in page.fields
    }
    files = {f.key for f in page.fields if f.kind == "file"}
    fields, file_names = {}, []
    for name in input_names(page, 3):
        key = name.rsplit("-", 1)[-1] if isinstance(page, RepeatPage) else name
        if key in files:
            file_names.append(name)
            continue
        fields[name] = options.get(key.split("-")[0], [])
    if isinstance(page, RepeatPage):
        fields[f"{page.group}-count"] = ["0", "1", "3", "-1", "11", "x"]
    fields["aktion"] = ["weiter", "zurueck", "hinzufuegen", "entfernen-0", "entfernen-9", "x"]
    fields["von"] = ["pruefen"]
    return fields, file_names


def household_citizen(jobcenter, version):
    """A citizen whose Erstantrag draft (of ``version``) has a household (the per-person pages
    exist)."""
    from tests.intake.factories import make_draft

    citizen = make_citizen(f"haushalt-{version}@example.invalid")
    make_draft(
        jobcenter, answers=_household(), user=citizen, form_key="erstantrag", form_version=version
    )
    return citizen


@pytest.fixture
def wizard_citizen(request, jobcenter):
    """Who sends the page: anonymous for the newest version of a form (the first POST starts a
    draft), the household's citizen for the Erstantrag, and for an older version a citizen
    whose draft was started with it (a draft keeps its version; a new one gets the newest)."""
    from tests.intake.factories import make_draft

    ident = request.node.callspec.params["ident"]
    definition = forms.get(ident)
    if definition.key == "erstantrag":
        return household_citizen(jobcenter, definition.version)
    if forms.latest(definition.key).ident == ident:
        return None
    citizen = make_citizen(f"{definition.key}-{definition.version}@example.invalid")
    make_draft(
        jobcenter,
        answers={},
        user=citizen,
        form_key=definition.key,
        form_version=definition.version,
    )
    return citizen


@pytest.mark.parametrize(("slug", "ident", "page_key", "url_key"), WIZARD_PAGES)
@GENERATED
@given(data=st.data())
def test_wizard_page(slug, ident, page_key, url_key, jobcenter, wizard_citizen, tally, data):
    from jobcenter.intake.models import Draft

    client = _raising_client()
    if wizard_citizen is not None:
        login_as(client, wizard_citizen)
    url = f"/{jobcenter.slug}/{slug}/{url_key}/"
    fields, file_names = _page_fields(ident, page_key)
    body = data.draw(post_data(fields, {"revision": "0"}))
    body.update(data.draw(upload_files(file_names)))
    response = client.post(url, body)
    tally.record(response)
    check(response, method="post")
    if response.status_code == 302:  # the draft exists now: the next page, the check page
        for follow in (response["Location"], f"/{jobcenter.slug}/{slug}/pruefen/"):
            shown = client.get(follow)
            tally.record(shown)
            check(shown, method="get")
    if wizard_citizen is not None:  # the page was the one of the draft's own version
        definition = forms.get(ident)
        assert Draft.objects.filter(
            user=wizard_citizen, form_key=definition.key, form_version=definition.version
        ).exists()


@pytest.fixture
def own_submission(jobcenter):
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_submission

    citizen = make_citizen("fuzz@example.invalid")
    return citizen, make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, user=citizen)


def _fuzz_forms(client, url: str, data, tally, *, only_post=False) -> int:
    """GET ``url``, then send each of its forms once with generated values; returns how many."""
    page = client.get(url)
    tally.record(page)
    check(page, method="get")
    sent = 0
    for form in html_forms(page.content.decode(), url):
        if only_post and form.method != "post":
            continue
        body = data.draw(post_data(form.fields, form.hidden))
        if form.method == "post":
            body.update(data.draw(upload_files(form.files)))
            response = client.post(form.action, body)
        else:
            response = client.get(form.action, body)
        tally.record(response)
        check(response, method=form.method)
        sent += 1
    return sent


@GENERATED
@given(data=st.data())
def test_upload_forms(jobcenter, own_submission, tally, data):
    citizen, submission = own_submission
    client = _raising_client()
    login_as(client, citizen)
    sent = _fuzz_forms(client, f"/{jobcenter.slug}/unterlagen/", data, tally)
    sent += _fuzz_forms(
        client, f"/{jobcenter.slug}/unterlagen/{submission.public_id}/", data, tally
    )
    # The wizard's own upload page needs a draft: start one with the first page.
    client.post(f"/{jobcenter.slug}/buergergeld/person/", {"aktion": "zurueck", "vorname": "K"})
    sent += _fuzz_forms(client, f"/{jobcenter.slug}/unterlagen/antrag/buergergeld/", data, tally)
    assert sent >= 2


@pytest.fixture
def staff_case(jobcenter):
    from jobcenter.accounts.models import Role
    from jobcenter.casework.models import Case
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_submission

    staff = make_staff(jobcenter, roles=tuple(Role))
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON)
    return staff, Case.objects.get(submission=submission)


STAFF_PAGES = [
    "/backoffice/",
    "/backoffice/posteingang/",
    "/backoffice/kunden/",
    "/backoffice/papierantrag/",
    "/backoffice/protokoll/",
    "case:",
    "case:unterlagen/",
    "case:weiterleiten/",
    "case:zurueckziehen/",
    "case:zuordnen/",
    "case:zuweisen/",
    "case:status/",
    "case:notiz/",
    "case:nachricht/",
    "case:schutz/",
]


@pytest.mark.parametrize("where", STAFF_PAGES)
@GENERATED
@given(data=st.data())
def test_staff_forms(where, staff_case, tally, data):
    staff, case = staff_case
    client = _raising_client()
    login_as(client, staff)
    url = where.replace("case:", f"/backoffice/vorgaenge/{case.public_id}/")
    page = client.get(url)
    if page.status_code == 405:  # an action without a page of its own: POST it directly
        body = data.draw(post_data({"text": [], "status": [], "to": [], "reason": []}, {}))
        response = client.post(url, body)
        tally.record(response)
        assert response.status_code < 500
        return
    _fuzz_forms(client, url, data, tally)


@GENERATED
@given(path=odd_text, query=odd_text)
def test_search_and_filters_take_any_query(staff_case, tally, path, query):
    staff, _case = staff_case
    client = _raising_client()
    login_as(client, staff)
    for url in ("/backoffice/kunden/", "/backoffice/posteingang/", "/backoffice/protokoll/"):
        response = client.get(url, {"q": query, "status": path, "seite": query, "team": path})
        tally.record(response)
        check(response, method="get")
