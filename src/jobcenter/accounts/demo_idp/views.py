"""The demo identity provider: a stand-in for BundID in development and the test suite.

It is django-oauth-toolkit with OpenID Connect, PKCE required and a login page where one picks a
synthetic person (one per assurance level). Only mounted when ``DEMO_IDP_ENABLED`` is on, which
production mode refuses.
"""

from csp.decorators import csp_update
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from oauth2_provider.views import AuthorizationView

from jobcenter.accounts.demo_idp.forms import DemoLoginForm
from jobcenter.core.forms import posted


class DemoAuthorizationView(AuthorizationView):
    login_url = "demo_idp:login"


# The login form's POST ends, after two redirects, at the relying party's callback on another
# origin; browsers apply form-action to that whole chain, so this page allows loopback origins.
@csp_update({"form-action": ["http://localhost:*", "http://127.0.0.1:*"]})
@require_http_methods(["GET", "POST"])
def demo_login(request):
    form = DemoLoginForm(posted(request))
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, demo_identity=form.cleaned_data["identity"])
        if user is not None:
            login(request, user)
            return redirect(next_url or "demo_idp:login")
    return render(request, "accounts/demo_idp/login.html", {"form": form, "next": next_url})


@require_POST
def demo_logout(request):
    logout(request)
    return redirect("demo_idp:login")
