"""The receipt renderer loads its fonts once per process, for every language, and a worker's
warm-up does it before the first receipt."""

import pytest
from weasyprint.text.fonts import FontConfiguration

from jobcenter.receipts import pdf
from jobcenter.receipts import selectors as receipts
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db


def _clear_caches():
    for cached in list(vars(pdf).values()):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


@pytest.fixture
def font_loads(monkeypatch):
    """A fresh process's caches, and a count of the font faces loaded from now on."""
    _clear_caches()
    loads = []
    real = FontConfiguration.add_font_face

    def counted(self, rule_descriptors, url_fetcher):
        loads.append(rule_descriptors.get("font_family"))
        return real(self, rule_descriptors, url_fetcher)

    monkeypatch.setattr(FontConfiguration, "add_font_face", counted)
    yield loads
    _clear_caches()


def test_fonts_are_loaded_once_per_process_whatever_the_language(jobcenter, font_loads):
    german = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="de")
    english = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="en")
    receipts.render_receipt_pdf(german)
    first = len(font_loads)
    assert first > 0
    receipts.render_receipt_pdf(english)
    receipts.render_receipt_pdf(german)
    assert len(font_loads) == first


def test_after_the_warm_up_a_receipt_loads_no_fonts(jobcenter, font_loads):
    receipts.warm_up()
    assert font_loads
    loaded = len(font_loads)
    data = receipts.render_receipt_pdf(
        make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="uk")
    )
    assert data.startswith(b"%PDF")
    assert len(font_loads) == loaded
