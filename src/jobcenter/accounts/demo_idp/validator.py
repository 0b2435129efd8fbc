"""Claims of the demo identity provider: name, birth date, address, e-mail and ``acr``."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from jobcenter.accounts.demo_idp.identities import DEMO_IDENTITIES


class DemoClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "acr": "openid",
        "email": "email",
        "address": "profile",
        "birthdate": "profile",
    }

    def get_additional_claims(self, request):
        person = DEMO_IDENTITIES.get(request.user.username.removeprefix("idp-"), {})
        return {k: v for k, v in person.items() if k != "label"}
