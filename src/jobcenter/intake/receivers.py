"""What intake does when other apps announce something (connected in ``IntakeConfig.ready``)."""

from jobcenter.intake.erstantrag import open_full_application
from jobcenter.intake.services import drafts_claim_on_login


def claim_drafts(sender, *, request, user, **kwargs) -> None:
    """Drafts started before signing in belong to the account afterwards."""
    drafts_claim_on_login(request, user)


def open_full_erstantrag(sender, *, submission, draft, **kwargs) -> None:
    """ "Antrag gesichert" opens the full Erstantrag as a draft linked to it."""
    open_full_application(submission, draft)
