"""Draft services and selectors: ownership, expiry, revisions, conflicts."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from jobcenter.intake import selectors, services
from jobcenter.intake.models import Draft

pytestmark = pytest.mark.django_db


def new_draft(jobcenter, session_key="s1"):
    return services.draft_create(
        jobcenter=jobcenter, form_key="wba", form_version="2026-1", session_key=session_key
    )


def test_a_draft_needs_an_owner(jobcenter):
    with pytest.raises(IntegrityError):
        Draft.objects.create(
            jobcenter=jobcenter, form_key="wba", form_version="2026-1", expires_at=timezone.now()
        )


def test_saving_a_page_merges_answers_and_bumps_the_revision(jobcenter):
    draft = new_draft(jobcenter)
    draft = services.draft_save_page(draft=draft, page_key="a", values={"x": 1}, seen_revision=0)
    draft = services.draft_save_page(
        draft=draft, page_key="b", values={"y": 2}, seen_revision=1, pending={"y": ["zwei"]}
    )
    assert draft.answers == {"x": 1, "y": 2}
    assert draft.revision == 2 and draft.page_revisions == {"a": 1, "b": 2}
    assert draft.pending_input == {"b": {"y": ["zwei"]}}
    draft = services.draft_save_page(draft=draft, page_key="b", values={"y": 3}, seen_revision=2)
    assert draft.pending_input == {}


def test_stale_write_with_different_answers_is_a_conflict(jobcenter):
    draft = new_draft(jobcenter)
    services.draft_save_page(draft=draft, page_key="a", values={"x": 1}, seen_revision=0)
    with pytest.raises(services.DraftConflict) as exc:
        services.draft_save_page(draft=draft, page_key="a", values={"x": 2}, seen_revision=0)
    assert exc.value.draft.answers == {"x": 1}
    # Another page written meanwhile is no conflict: pages merge.
    services.draft_save_page(draft=draft, page_key="b", values={"y": 1}, seen_revision=0)


def test_expiry_is_configurable_and_expired_drafts_are_gone(jobcenter, settings):
    settings.DRAFT_EXPIRY_DAYS = 2
    draft = new_draft(jobcenter)
    assert draft.expires_at - timezone.now() > dt.timedelta(days=1, hours=23)
    assert (
        selectors.draft_for_session(jobcenter=jobcenter, form_key="wba", session_key="s1") == draft
    )
    Draft.objects.filter(pk=draft.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert (
        selectors.draft_for_session(jobcenter=jobcenter, form_key="wba", session_key="s1") is None
    )
    call_command("delete_expired_drafts")
    assert not Draft.objects.exists()


def test_selectors_never_cross_jobcenters_or_sessions(jobcenter, other_jobcenter):
    draft = new_draft(jobcenter)
    assert (
        selectors.draft_for_session(jobcenter=other_jobcenter, form_key="wba", session_key="s1")
        is None
    )
    assert (
        selectors.draft_for_session(jobcenter=jobcenter, form_key="wba", session_key="s2") is None
    )
    assert (
        selectors.draft_for_session(jobcenter=jobcenter, form_key="aenderung", session_key="s1")
        is None
    )
    assert (
        selectors.draft_for_session(jobcenter=jobcenter, form_key="wba", session_key=None) is None
    )
    assert draft


def test_drafts_can_be_claimed_by_an_account(jobcenter, django_user_model):
    draft = new_draft(jobcenter)
    user = django_user_model.objects.create(**{django_user_model.USERNAME_FIELD: "kim@example.org"})
    assert services.drafts_claim_for_user(session_key="s1", user=user) == 1
    assert selectors.draft_for_user(jobcenter=jobcenter, form_key="wba", user=user) == draft


def test_a_draft_the_wizard_read_saves_a_page_with_one_query(jobcenter, django_user_model):
    """The selectors hand over the caller's Jobcenter with the draft: the save reads the
    Jobcenter's expiry rule without a query of its own (one per wizard step save, before)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    new_draft(jobcenter)
    user = django_user_model.objects.create(**{django_user_model.USERNAME_FIELD: "kim@example.org"})
    services.draft_create(
        jobcenter=jobcenter, form_key="wba", form_version="2026-1", session_key=None, user=user
    )
    read = [
        selectors.draft_for_session(jobcenter=jobcenter, form_key="wba", session_key="s1"),
        selectors.draft_for_user(jobcenter=jobcenter, form_key="wba", user=user),
    ]
    for draft in read:
        with CaptureQueriesContext(connection) as queries:
            services.draft_save_page(draft=draft, page_key="a", values={"x": 1}, seen_revision=0)
        assert [q["sql"].split()[0] for q in queries] == ["UPDATE"]


def test_a_save_over_the_revision_it_read_is_one_update(jobcenter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft = new_draft(jobcenter)
    with CaptureQueriesContext(connection) as queries:
        saved = services.draft_save_page(
            draft=draft, page_key="a", values={"x": 1}, seen_revision=0
        )
    assert [q["sql"].split()[0] for q in queries] == ["UPDATE"]
    assert draft.revision == 0  # the instance passed in stays as it was read
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.answers, stored.revision, stored.page_revisions) == ({"x": 1}, 1, {"a": 1})
    assert (saved.answers, saved.revision, saved.updated_at) == (
        stored.answers,
        stored.revision,
        stored.updated_at,
    )
    # A write from an older read merges from the locked row instead of overwriting it.
    services.draft_save_page(draft=draft, page_key="b", values={"y": 2}, seen_revision=0)
    stored.refresh_from_db()
    assert stored.answers == {"x": 1, "y": 2} and stored.revision == 2
