"""Demo data (development only): one pull-API integration for the first demo Jobcenter, with a
fixed, published token so the curl examples of docs/HANDOVER.md work after ``seed_demo``."""

from jobcenter.handover.models import Transport
from jobcenter.handover.services import token_digest

DEMO_TOKEN = "jco_demo-musterkreis-nur-fuer-die-entwicklung"  # noqa: S105  # nosec B105  # synthetic demo


def seed_integration(jobcenter) -> str:
    transport, _created = Transport.objects.get_or_create(
        jobcenter=jobcenter, kind=Transport.Kind.API, name="Demo-Integration (E-Akte)"
    )
    transport.token_hash, transport.token_hint = token_digest(DEMO_TOKEN), DEMO_TOKEN[:10]
    transport.save(update_fields=["token_hash", "token_hint"])
    return DEMO_TOKEN
