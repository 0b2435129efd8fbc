"""The page frame: the parts of base.html that are the same for every request of a Jobcenter
in one language, rendered once per process and reused.

Why: rendering the header and footer tag by tag (a dozen URL reversals, translations and static
lookups) cost more than the wizard's whole form (docs/PERFORMANCE.md). The parts that vary per
request — the CSRF token, the current path, the login state — stay in base.html; the rest comes
from ``templates/frame/*.html``, rendered with the key's values only (never with the request),
so nothing personal can end up in the cache.

The key holds every value the parts show (language, the Jobcenter's slug, name and logo, the
operator's name), so a renamed Jobcenter or a new logo gives a new key, not a stale page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

PARTS = ("head", "brand", "languages", "footer")


@dataclass(frozen=True)
class FrameKey:
    language: str
    jobcenter_slug: str | None
    jobcenter_name: str | None
    jobcenter_logo: str | None
    operator_name: str
    back_office: bool = False  # staff pages: the brand names the back office and leads there


def frame_key(jobcenter, back_office: bool = False) -> FrameKey:
    return FrameKey(
        language=translation.get_language() or settings.LANGUAGE_CODE,
        jobcenter_slug=jobcenter.slug if jobcenter else None,
        jobcenter_name=jobcenter.name if jobcenter else None,
        jobcenter_logo=jobcenter.logo.name if jobcenter and jobcenter.logo else None,
        operator_name=settings.OPERATOR["name"],
        back_office=back_office,
    )


@lru_cache(maxsize=1024)
def frame_parts(key: FrameKey) -> dict[str, SafeString]:
    context = {
        "jobcenter": key.jobcenter_slug
        and {"slug": key.jobcenter_slug, "name": key.jobcenter_name, "logo": key.jobcenter_logo},
        "operator_name": key.operator_name,
        "back_office": key.back_office,
        "LANGUAGE_CODE": key.language,
        # Each language named in itself (settings.LANGUAGES), as its readers write it.
        "languages": [
            translation.get_language_info(code) | {"code": code, "name_local": name}
            for code, name in settings.LANGUAGES
        ],
    }
    with translation.override(key.language):
        return {
            part: mark_safe(render_to_string(f"frame/{part}.html", context))  # noqa: S308  # nosec B308 B703  # autoescaped template output
            for part in PARTS
        }


def frame_part(part: str, jobcenter, back_office: bool = False) -> SafeString:
    return frame_parts(frame_key(jobcenter, back_office))[part]
