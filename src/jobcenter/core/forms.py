"""Helpers for the site's Django forms."""

from __future__ import annotations


def posted(request):
    """The data to bind a page's form to: the POST data on a POST, else None (unbound).

    Not ``request.POST or None``: a POST with every field left out has an empty QueryDict,
    which is falsy, so the form stayed unbound, never validated and the page came back without
    an error summary or a field error (found by tests/security/test_generated_site.py).
    """
    return request.POST if request.method == "POST" else None
