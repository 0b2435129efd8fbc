"""Who is filling in a form, shared by the wizard, the submit views and the document upload:
the form named in the URL, the signed-in citizen, the browser's draft owner key and the draft.
"""

from __future__ import annotations

import secrets

from django.http import Http404

from jobcenter.intake import selectors as drafts
from jobcenter.intake import services as intake

# URL slug → form key. The slug is what citizens see; the key is what the data stores.
FORM_SLUGS = {
    "weiterbewilligung": "wba",
    "veraenderung": "aenderung",
    "buergergeld": "erstantrag",
    "antrag-sichern": "antrag_gesichert",
    "ortsabwesenheit": "ortsabwesenheit",
    "krankmeldung": "arbeitsunfaehigkeit",
    "einmalige-bedarfe": "einmalige_bedarfe",
    "mietschulden": "darlehen_schulden",
    "umzug": "umzug_zusicherung",
    "nachricht": "nachricht",
}
# Further services: a start-page card each, titled and described by the form definition, in
# this order (the general message last: for what none of the others covers).
MORE_SERVICES = (
    "ortsabwesenheit",
    "arbeitsunfaehigkeit",
    "einmalige_bedarfe",
    "darlehen_schulden",
    "umzug_zusicherung",
    "nachricht",
)
SLUG_OF = {key: slug for slug, key in FORM_SLUGS.items()}
OWNER_KEY = intake.DRAFT_OWNER_SESSION_KEY


def form_key_of(slug: str) -> str:
    """The form key of a URL slug; 404 for an unknown one."""
    key = FORM_SLUGS.get(slug)
    if key is None:
        raise Http404
    return key


def owner_key(request, *, create: bool = False) -> str | None:
    """The key that ties drafts to this browser: random, kept in the session *data*.

    Not Django's session key itself: that one is replaced at login (``cycle_key``), while the
    session data — and so this key — survives it, so the accounts issue can hand the drafts over
    to the account (``intake.services.drafts_claim_for_user``).
    """
    key = request.session.get(OWNER_KEY)
    if key is None and create:
        key = request.session[OWNER_KEY] = secrets.token_urlsafe(24)
    return key


def citizen_of(request):
    """The signed-in citizen, or None (staff never fill in citizens' forms)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "kind", "") == "citizen":
        return user
    return None


def draft_of(request, form_key: str):
    """The open draft of ``form_key``: a signed-in citizen's follows the account to any
    browser; otherwise the browser's."""
    citizen = citizen_of(request)
    if citizen is not None:
        draft = drafts.draft_for_user(jobcenter=request.jobcenter, form_key=form_key, user=citizen)
        if draft is not None:
            return draft
    return drafts.draft_for_session(
        jobcenter=request.jobcenter,
        form_key=form_key,
        session_key=owner_key(request),
    )
