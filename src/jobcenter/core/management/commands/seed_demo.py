"""Load the synthetic demo data; running it twice creates nothing twice."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jobcenter.accounts.demo import (
    CITIZEN,
    DEMO_TOTP_SECRET,
    seed_accounts,
    seed_demo_idp_client,
)
from jobcenter.tenants.demo import seed_jobcenters


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
        # --- back office (issue 9): a few hundred synthetic cases in every state ---
        from jobcenter.accounts.services import citizen_find
        from jobcenter.casework.demo import seed_cases

        demo_staff = get_user_model().objects.filter(username="sb.musterkreis").first()
        cases = seed_cases(jobcenters, citizen=citizen_find(email=CITIZEN[0]), staff=demo_staff)
        # --- end back office ---
        from jobcenter.handover.demo import seed_integration  # handover (issue 10)

        api_token = seed_integration(jobcenters[0])
        from jobcenter.reporting.demo import seed_history  # statistics (issue 11): a year

        history = seed_history(jobcenters[0])

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
