from django.urls import include, path
from oauth2_provider import urls as dot_urls

from jobcenter.accounts.demo_idp import saml_views, views

oauth_patterns = (
    [
        path("authorize/", views.DemoAuthorizationView.as_view(), name="authorize"),
        *[p for p in dot_urls.base_urlpatterns if p.name in {"token", "revoke-token"}],
        *dot_urls.oidc_urlpatterns,
    ],
    "oauth2_provider",
)

app_name = "demo_idp"

urlpatterns = [
    path("anmelden/", views.demo_login, name="login"),
    path("abmelden/", views.demo_logout, name="logout"),
    path("saml/sso/", saml_views.sso, name="saml_sso"),
    path("saml/metadaten/", saml_views.metadata, name="saml_metadata"),
]

# DOT reverses its own names in the "oauth2_provider" namespace, so that include sits outside
# "demo_idp" (see jobcenter.accounts.urls).
provider_patterns = [path("o/", include(oauth_patterns))]
