"""The Erstantrag begins with "Antrag gesichert" (docs/DOMAIN.md §5.1).

Sending the one short page secures the application date: it is a submission of its own. In the
same transaction (a submission hook) the full form starts as a draft linked to it, with what the
citizen already typed and the application date — the day ages and the Karenzzeit are counted
from. Abandoning or discarding that draft leaves the secured application where it is: in the
Jobcenter's inbox, as a valid application.
"""

from __future__ import annotations

from django.utils import timezone

from jobcenter.forms import selectors as forms
from jobcenter.forms.roles import ADDRESS_ROLES, IDENTITY_ROLES
from jobcenter.intake.models import Draft, Submission
from jobcenter.intake.selectors import FULL_FORM, SECURED_FORM
from jobcenter.intake.services import _expires

# What the short form already asked and the full one asks again: who, where, how to reach.
CARRIED_OVER = (*IDENTITY_ROLES, *ADDRESS_ROLES)


def open_full_application(submission: Submission, draft: Draft) -> Draft | None:
    """Submission hook: after "Antrag gesichert", the Erstantrag continues as a linked draft."""
    if submission.form_key != SECURED_FORM:
        return None
    definition = forms.latest(FULL_FORM)
    if definition is None:
        return None
    owner = Draft.objects.filter(
        jobcenter=submission.jobcenter, form_key=FULL_FORM, submitted_at__isnull=True
    )
    if draft.user_id is not None:
        existing = owner.filter(user_id=draft.user_id).first()
    else:
        existing = owner.filter(session_key=draft.session_key).first()
    if existing is not None:
        # One open Erstantrag per person is enough; it continues the first secured application.
        if existing.secured_submission_id is None:
            existing.secured_submission = submission
            existing.save(update_fields=["secured_submission", "updated_at"])
        return existing
    answers = forms.carried_over(
        submission.form_ident,
        submission.answers,
        forms.applicant_fields(definition),
        CARRIED_OVER,
    )
    context = {
        "antragsdatum": timezone.localtime(submission.received_at).date().isoformat(),
        "vertrauensniveau": (submission.identity or {}).get("assurance_level") or "",
    }
    answers[forms.CONTEXT_KEY] = {k: v for k, v in context.items() if k in definition.context}
    return Draft.objects.create(
        jobcenter=submission.jobcenter,
        form_key=definition.key,
        form_version=definition.version,
        answers=answers,
        session_key=draft.session_key,
        user_id=submission.user_id or draft.user_id,
        secured_submission=submission,
        expires_at=_expires(timezone.now(), submission.jobcenter, secured=True),
    )
