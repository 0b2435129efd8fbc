"""The page frame is rendered once per language and Jobcenter state, never with request data."""

from django.utils import translation

from jobcenter.core.frame import frame_part
from tests.accounts.fixtures import login_as, make_citizen


def test_a_renamed_jobcenter_shows_its_new_name_at_once(client, jobcenter):
    assert jobcenter.name in frame_part("brand", jobcenter)
    jobcenter.name = "Jobcenter Neuer Name"
    jobcenter.save()
    page = client.get(f"/{jobcenter.slug}/").content.decode()
    assert "Jobcenter Neuer Name" in page


def test_the_frame_follows_the_language(jobcenter):
    with translation.override("en"):
        footer = frame_part("footer", jobcenter)
    assert "Accessibility" in footer
    assert "Barrierefreiheit" in frame_part("footer", jobcenter)


def test_the_language_switch_marks_the_current_language(client, jobcenter):
    page = client.get(f"/{jobcenter.slug}/").content.decode()
    assert 'value="de" lang="de"' in page
    assert page.count('aria-current="true"') == 1


def test_per_request_parts_stay_per_request(client, jobcenter):
    """The CSRF token, the current path and the login state are not cached with the frame."""
    first = client.get(f"/{jobcenter.slug}/").content.decode()
    assert f'name="next" value="/{jobcenter.slug}/"' in first
    login_as(client, make_citizen())
    signed_in = client.get(f"/{jobcenter.slug}/impressum/").content.decode()
    assert f'name="next" value="/{jobcenter.slug}/impressum/"' in signed_in
    assert "Abmelden" in signed_in and "Abmelden" not in first
    for part in ("head", "brand", "languages", "footer"):
        assert "csrfmiddlewaretoken" not in frame_part(part, jobcenter)
