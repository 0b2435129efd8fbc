from django.contrib import admin
from django.urls import include, path

from jobcenter.accounts import urls as accounts_urls
from jobcenter.accounts.views import set_language
from jobcenter.core import views as core_views
from jobcenter.handover.urls import api_patterns as handover_api
from jobcenter.monitoring import views as monitoring_views

handler400 = "jobcenter.core.views.bad_request"
handler403 = "jobcenter.core.views.permission_denied"
handler404 = "jobcenter.core.views.page_not_found"
handler500 = "jobcenter.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", monitoring_views.metrics, name="metrics"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("jobcenter.tenants.urls")),
    # --- accounts: /konto/, /backoffice/, the demo IdP in development ---
    *accounts_urls.root_patterns(),
    path("backoffice/statistik/", include("jobcenter.reporting.urls")),
    path("", include("jobcenter.retention.urls")),  # legal holds, the citizen's own data
    # the two-way mailbox: its staff actions and citizen pages, before the back office and portal
    path("", include("jobcenter.mailbox.urls")),
    path("backoffice/", include("jobcenter.backoffice.urls")),
    # --- end accounts ---
    # handover: the pull API and the staff's print on demand
    path("api/v1/", include(handover_api)),
    path("", include("jobcenter.handover.urls")),
    # documents: /<jobcenter>/unterlagen/… and the staff download, before the portal
    path("", include("jobcenter.documents.urls")),
    # The citizen portal last: its "<slug:jobcenter>/" would otherwise shadow the paths above.
    path("", include("jobcenter.portal.urls")),
]
