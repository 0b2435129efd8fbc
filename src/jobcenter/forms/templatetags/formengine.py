"""``{% render_fields fields %}``: the fields of a wizard step, in one Jinja2 pass.

The markup lives in ``forms/jinja2/forms/fields.html``. It is the one Jinja2 template of the
project: rendered for every field of every wizard page, it was the largest part of a step's
time in the Django template language (docs/PERFORMANCE.md, issue 4's target). Everything it
shows is computed by ``forms/steps.py``; the few fixed words come translated from here.
"""

from functools import lru_cache

from django import template
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@lru_cache(maxsize=16)
def _words(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "optional": _("optional"),
            "in_euro": _("in Euro"),
            "file_later": _("Nachweise können Sie nach dem Absenden hochladen oder im Jobcenter "
                            "abgeben."),
        }


@register.simple_tag
def render_fields(fields):
    jinja = engines["jinja2"].env.get_template("forms/fields.html")
    html = jinja.render(fields=fields, words=_words(translation.get_language() or "de"))
    return mark_safe(html)  # noqa: S308 — Jinja2 autoescapes every value (settings.TEMPLATES)
