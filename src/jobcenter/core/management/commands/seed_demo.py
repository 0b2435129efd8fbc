"""Load the synthetic demo data; running it twice creates nothing twice."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobcenter.accounts.demo import (
    CITIZEN,
    DEMO_TOTP_SECRET,
    seed_accounts,
    seed_demo_idp_client,
)
from jobcenter.accounts.services import citizen_find
from jobcenter.casework.demo import seed_cases
from jobcenter.documents.demo import seed_uploads
from jobcenter.handover.demo import seed_integration
from jobcenter.reporting.demo import seed_history
from jobcenter.tenants.demo import seed_jobcenters

HISTORY_GAP = dt.timedelta(days=61)


class Command(BaseCommand):
    help = "Create or update the demo Jobcenters and demo logins (development mode only)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data are for development mode only.")
        base = options["base_url"].rstrip("/")
        jobcenters = seed_jobcenters()
        logins = seed_accounts(jobcenters)
        seed_demo_idp_client(base)
        # --- back office: a few hundred synthetic cases in every state ---
        demo_staff = get_user_model().objects.filter(username="sb.musterkreis").first()
        cases = seed_cases(jobcenters, citizen=citizen_find(email=CITIZEN[0]), staff=demo_staff)

        seed_uploads(jobcenters[0])
        # --- end back office ---
        api_token = seed_integration(jobcenters[0])

        # The history ends where the demo's month of open cases begins (casework.demo spreads
        # them over the last 60 days), and all of it is finished: it shows in the statistics,
        # not as hundreds of extra open cases in the inbox.
        history = seed_history(jobcenters[0], until=timezone.now() - HISTORY_GAP)

        out = self.stdout.write
        out(self.style.SUCCESS("Demo data ready."))
        if cases:
            out(f"  {cases} synthetic cases in the inbox: {base}/backoffice/posteingang/")
        if history:
            out(f"  {history} applications of the past year: {base}/backoffice/statistik/")
        out("")
        out(f"  Jobcenter Online runs at {base}/")
        for jobcenter in jobcenters:
            ranges = ", ".join(str(r) for r in jobcenter.postcode_ranges.all())
            out(f"  {jobcenter.name}: {base}/{jobcenter.slug}/  (PLZ {ranges})")
        out("")
        out("  Demo logins (synthetic, development only):")
        out(f"  Citizens: {base}/konto/anmelden/    Staff: {base}/backoffice/")
        for role, login, password in logins:
            out(f"    {role:<18} {login:<24} {password}")
        out(f"  Staff also need a one-time code: authenticator key {DEMO_TOTP_SECRET},")
        out("  or print the current code with: uv run python manage.py demo_totp")
        out(f"  Handover pull API of {jobcenters[0].name} (docs/HANDOVER.md):")
        out(f"    curl -H 'Authorization: Bearer {api_token}' {base}/api/v1/bundles")
        out("")
