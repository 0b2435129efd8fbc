"""``{% page_counter %}``: the CSS ``content`` of a PDF page footer ("Seite 1 von 3").

Translators get the whole sentence with placeholders, so each language orders the words as it
needs; the placeholders become the CSS page counters.
"""

import re

from django import template
from django.utils.translation import pgettext

register = template.Library()

_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


@register.simple_tag
def page_counter() -> str:
    sentence = pgettext("PDF footer", "Seite %(page)s von %(pages)s")
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(sentence):
        if match.start() > position:
            parts.append(_css_string(sentence[position : match.start()]))
        parts.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(sentence):
        parts.append(_css_string(sentence[position:]))
    return " ".join(parts)
