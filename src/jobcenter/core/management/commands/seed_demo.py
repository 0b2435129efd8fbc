"""Load the synthetic demo data; running it twice creates nothing twice."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jobcenter.tenants.demo import seed_jobcenters

DEMO_ADMIN = ("admin", "Demo-Admin-2026")


class Command(BaseCommand):
    help = "Create or update the demo Jobcenters and demo logins (development mode only)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, **options):
        base = options["base_url"].rstrip("/")
        if settings.PRODUCTION:
            raise CommandError("Demo data are for development mode only.")
        jobcenters = seed_jobcenters()
        self._ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("")
        self.stdout.write(f"  Jobcenter Online runs at {base}/")
        for jobcenter in jobcenters:
            ranges = ", ".join(str(r) for r in jobcenter.postcode_ranges.all())
            self.stdout.write(
                f"  {jobcenter.name}: {base}/{jobcenter.slug}/  (PLZ {ranges})"
            )
        self.stdout.write("")
        self.stdout.write("  Demo logins (synthetic, development only):")
        self.stdout.write(
            f"  Administration  {base}/admin/  user {DEMO_ADMIN[0]!r}  "
            f"password {DEMO_ADMIN[1]!r}"
        )
        self.stdout.write("")

    def _ensure_demo_admin(self) -> None:
        user_model = get_user_model()
        username, password = DEMO_ADMIN
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user_model.objects.create_superuser(
                username=username, email="admin@jobcenter.invalid", password=password
            )
