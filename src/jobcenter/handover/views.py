"""Staff view of the handover app: print on demand (one PDF of a case, audited)."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobcenter.accounts import session as accounts
from jobcenter.accounts.models import Role
from jobcenter.casework import selectors as casework_selectors
from jobcenter.handover import services


@require_safe
@never_cache
@accounts.staff_required(Role.SACHBEARBEITUNG, Role.TEAMLEITUNG)
def case_print(request, public_id):
    case = casework_selectors.case_for_staff(request, public_id)
    pdf = services.case_print_pdf(case=case, by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-druck.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
