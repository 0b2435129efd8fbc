"""Every response carries the strict CSP and the other security headers."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/musterkreis/",
    "/impressum/",
    "/musterkreis/datenschutz/",
    "/nicht-da/x/",
    "/healthz",
]


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_page(client, demo_jobcenters, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_cookies_are_httponly_and_samesite(client, demo_jobcenters):
    response = client.get("/musterkreis/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_templates_contain_no_inline_script_or_style():
    """The CSP forbids inline code; catch it in the templates before a browser does."""
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "jobcenter"
    offenders = []
    for template in src.rglob("templates/**/*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"<style\b", text) or re.search(r"\sstyle=\"", text):
            offenders.append(f"{template}: inline style")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{template}: inline event handler")
    assert not offenders, "\n".join(offenders)
