"""Who is responsible for a page: the Jobcenter named in the URL, or the operator of the
installation (settings.OPERATOR). The legal pages are rendered from this one shape."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Authority:
    name: str
    street: str
    postcode: str
    city: str
    email: str
    phone: str
    represented_by: str
    dpo_email: str
    supervisory_authority: str = ""
    accessibility_contact: str = ""


def authority_for(jobcenter) -> Authority:
    if jobcenter is None:
        operator = settings.OPERATOR
        return Authority(**{**operator, "accessibility_contact": operator["email"]})
    return Authority(
        name=jobcenter.name,
        street=jobcenter.street,
        postcode=jobcenter.postcode,
        city=jobcenter.city,
        email=jobcenter.email,
        phone=jobcenter.phone,
        represented_by=jobcenter.represented_by,
        dpo_email=jobcenter.dpo_email,
        supervisory_authority=jobcenter.supervisory_authority,
        accessibility_contact=jobcenter.accessibility_contact or jobcenter.email,
    )
