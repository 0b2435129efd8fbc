"""Login with BundID over SAML 2.0 (pysaml2 does the protocol: signatures, encryption, checks).

``profile`` holds what BundID adds to plain SAML (levels, attributes by OID, the akdb request
extension), ``config`` builds the service provider from the settings, ``views`` the endpoints.
"""
