"""The Erstantrag begins with "Antrag gesichert" (issue 5, DOMAIN.md §5.1).

Sending the one short page secures the application date: it is a submission of its own. In the
same transaction (a submission hook) the full form starts as a draft linked to it, with what the
citizen already typed and the application date — the day ages and the Karenzzeit are counted
from. Abandoning or discarding that draft leaves the secured application where it is: in the
Jobcenter's inbox, as a valid application.
"""

from __future__ import annotations

from django.utils import timezone

from jobcenter.forms import service as forms
from jobcenter.intake.models import Draft, Submission
from jobcenter.intake.services import _expires

SECURED_FORM = "antrag_gesichert"
FULL_FORM = "erstantrag"
CARRIED_OVER = ("vorname", "nachname", "geburtsdatum", "strasse", "plz", "ort", "telefon",
                "email")


def open_full_application(submission: Submission, draft: Draft) -> Draft | None:
    """Submission hook: after "Antrag gesichert", the Erstantrag continues as a linked draft."""
    if submission.form_key != SECURED_FORM:
        return None
    definition = forms.latest(FULL_FORM)
    if definition is None:
        return None
    owner = Draft.objects.filter(jobcenter=submission.jobcenter, form_key=FULL_FORM,
                                 submitted_at__isnull=True)
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
    answers = {k: submission.answers[k] for k in CARRIED_OVER
               if submission.answers.get(k) not in (None, "")}
    context = {"antragsdatum": timezone.localtime(submission.received_at).date().isoformat(),
               "vertrauensniveau": (submission.identity or {}).get("assurance_level") or ""}
    answers[forms.CONTEXT_KEY] = {k: v for k, v in context.items() if k in definition.context}
    return Draft.objects.create(
        jobcenter=submission.jobcenter, form_key=definition.key,
        form_version=definition.version, answers=answers, session_key=draft.session_key,
        user_id=submission.user_id or draft.user_id, secured_submission=submission,
        expires_at=_expires(timezone.now(), submission.jobcenter, secured=True),
    )
