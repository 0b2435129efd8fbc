from django import template

from jobcenter.reporting.access import may_see_statistics

register = template.Library()


@register.filter
def sees_statistics(user) -> bool:
    """``{% if request.user|sees_statistics %}`` — for the back-office navigation."""
    return may_see_statistics(user)
