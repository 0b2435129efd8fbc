"""``{% render_fields fields %}``: the fields of a wizard step, in one Jinja2 pass.

The markup lives in ``forms/jinja2/forms/fields.html``. It is the one Jinja2 template of the
project: rendered for every field of every wizard page, it was the largest part of a step's
time in the Django template language (docs/PERFORMANCE.md, the wizard's target). Everything it
shows is computed by ``forms/steps.py``; the few fixed words come translated from here.
"""

from functools import lru_cache

from django import template
from django.template import engines
from django.template.loader import render_to_string
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
        }


@register.simple_tag(takes_context=True)
def render_fields(context, fields):
    # File fields (the documents app's uploads, links and dates) are rare and need the page's
    # context: they keep a Django template of their own, rendered here and placed as is.
    file_html = {
        bf.name: render_to_string(
            "forms/file_field.html",
            {
                "bf": bf,
                "form_slug": context.get("form_slug"),
                "current_jobcenter": context.get("current_jobcenter"),
            },
        )
        for bf in fields
        if bf.widget == "file"
    }
    jinja = engines["jinja2"].env.get_template("forms/fields.html")
    html = jinja.render(
        fields=fields, file_html=file_html, words=_words(translation.get_language() or "de")
    )
    return mark_safe(html)  # noqa: S308  # nosec B308 B703  # Jinja2 autoescapes every value
