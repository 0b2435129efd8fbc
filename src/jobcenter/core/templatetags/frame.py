from django import template

from jobcenter.core.frame import frame_part

register = template.Library()


@register.simple_tag(takes_context=True)
def frame(context, part: str):
    """``{% frame "footer" %}``: a cached part of the page frame (core/frame.py)."""
    return frame_part(part, context.get("current_jobcenter"), bool(context.get("back_office")))
