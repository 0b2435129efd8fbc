"""One optional mark per field (issue 18, copy): the wizard adds "– optional" to every field that
need not be answered, so a label must not say it again ("Anlagen (freiwillig) – optional")."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from jobcenter.forms import selectors as forms

# What a label would say that the wizard's "– optional" already says.
OWN_MARK = re.compile(r"\((freiwillig|optional)\)", re.IGNORECASE)

OPTIONAL_FIELDS = [
    (d.ident, page.key, field.key, field)
    for d in forms.all_definitions()
    for page in d.pages
    for field in page.fields
    if not field.required
]


def test_optional_fields_are_found():
    assert len(OPTIONAL_FIELDS) > 20


@pytest.mark.parametrize(
    "field", [f for *_k, f in OPTIONAL_FIELDS], ids=[".".join(k) for *k, _f in OPTIONAL_FIELDS]
)
def test_an_optional_field_does_not_mark_itself(field):
    with translation.override("de"):
        assert not OWN_MARK.search(str(field.label)), str(field.label)


def test_the_message_page_marks_its_attachments_once(client, jobcenter):
    base = reverse("portal:wizard_start", kwargs={"jobcenter": jobcenter.slug, "form": "nachricht"})
    client.post(
        f"{base}person/",
        {
            "vorname": "Kim",
            "nachname": "Muster",
            "geburtsdatum-tag": "1",
            "geburtsdatum-monat": "2",
            "geburtsdatum-jahr": "1980",
        },
    )
    html = client.get(f"{base}nachricht/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Anlagen – optional" in text
    assert "freiwillig" not in text
