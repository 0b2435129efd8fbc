"""Pages of the demo BundID (SAML): choose a synthetic person, then go back to the service."""

from csp.decorators import csp_update
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.accounts.demo_idp import saml_idp

REQUEST_PARAMS = ("SAMLRequest", "RelayState", "SigAlg", "Signature")


def _refuse(request, message: str):
    return render(request, "accounts/demo_idp/saml_error.html", {"message": message}, status=400)


# The answer page posts to the service on another origin (loopback in development).
@csp_update({"form-action": ["http://localhost:*", "http://127.0.0.1:*"]})
@require_http_methods(["GET", "POST"])
def sso(request):
    """GET: the signed AuthnRequest (HTTP-Redirect) → choose a person. POST: the chosen person
    → the signed response, posted to the service's ACS by the citizen's button press."""
    source = request.POST if request.method == "POST" else request.GET
    params = {k: source[k] for k in REQUEST_PARAMS if source.get(k)}
    try:
        issuer, parsed = saml_idp.parse_request(params)
    except Exception:  # any failure means: not a signed request of a known SP
        return _refuse(request, _("Die Anmeldeanfrage ist nicht gültig signiert."))
    minimum = saml_idp.requested_minimum(parsed.message)
    people = saml_idp.people_for(minimum)
    chosen = request.POST.get("identity") if request.method == "POST" else None
    if chosen and chosen in dict(people):
        acs_url, saml_response = saml_idp.response_for(issuer, parsed.message, chosen)
        return render(
            request,
            "accounts/demo_idp/saml_post.html",
            {
                "acs_url": acs_url,
                "saml_response": saml_response,
                "relay_state": params.get("RelayState", ""),
                "person": saml_idp.PEOPLE[chosen]["label"],
            },
        )
    return render(
        request,
        "accounts/demo_idp/saml_login.html",
        {
            "params": params,
            "people": people,
            "minimum": minimum,
            "error": request.method == "POST",
            "display": saml_idp.display_information(parsed.message),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def metadata(request):
    return HttpResponse(
        saml_idp.idp_metadata_xml(), content_type="application/samlmetadata+xml; charset=utf-8"
    )
