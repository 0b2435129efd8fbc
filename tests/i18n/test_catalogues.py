"""Every language the site offers has a complete catalogue: no untranslated or fuzzy entry, and
every translation keeps the placeholders of its German msgid (``%(name)s``, ``%s``, ``{x}``).

A failure names the entries, so a translator can find them (``msgid`` and ``msgctxt``).
``make messages`` must update the catalogues of all these languages.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
MAKEFILE = Path(settings.BASE_DIR) / "Makefile"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +\-]*\d*(?:\.\d+)?[sdifrx]|%[sdifr]|\{[^{}\s]*\}")
SHOWN = 25


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def _name(entry: polib.POEntry) -> str:
    context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
    return (
        f"{entry.msgid[:70]!r}{context} ({entry.occurrences[0][0] if entry.occurrences else '?'})"
    )


def catalogue_problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {_name(entry)}")
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            if not forms or not all(forms):
                problems.append(f"untranslated: {_name(entry)}")
                continue
            allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
            named = {p for p in placeholders(entry.msgid_plural) if p.startswith(("%(", "{"))}
            used = set().union(*(placeholders(form) for form in forms))
            if not used <= allowed or not (named - {p for p in named if "counter" in p}) <= used:
                problems.append(f"placeholders differ: {_name(entry)}")
            continue
        if not entry.msgstr:
            problems.append(f"untranslated: {_name(entry)}")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(
                f"placeholders differ: {_name(entry)}: {placeholders(entry.msgid)} "
                f"→ {placeholders(entry.msgstr)}"
            )
    return problems


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_complete_and_keeps_placeholders(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalogue for {language}: run `make messages`"
    problems = catalogue_problems(polib.pofile(str(path)))
    listed = "\n  ".join(problems[:SHOWN])
    more = f"\n  … and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    assert not problems, f"{language}: {len(problems)} entries to fix:\n  {listed}{more}"


def test_make_messages_updates_every_offered_language():
    makefile = MAKEFILE.read_text()
    for language in TRANSLATED:
        assert f"-l {language}" in makefile or re.search(
            rf"^MESSAGE_LANGUAGES\s*[:?]?=.*\b{language}\b", makefile, re.M
        ), f"`make messages` does not update {language}"


@pytest.mark.parametrize(
    ("msgid", "msgstr", "ok"),
    [
        ("Seite %(n)s von %(m)s", "Page %(n)s of %(m)s", True),
        ("Seite %(n)s von %(m)s", "Page %(n)s of %(total)s", False),
        ("{minutes} Minuten", "{minutes} minutes", True),
        ("{minutes} Minuten", "{minuten} minutes", False),
        ("%s Dateien", "files", False),
        ("100 %% sicher", "100 %% safe", True),
    ],
)
def test_the_placeholder_check_itself(msgid, msgstr, ok):
    po = polib.POFile()
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    assert (catalogue_problems(po) == []) is ok
    po = polib.POFile()
    po.append(polib.POEntry(msgid=msgid, msgstr="", flags=[]))
    assert catalogue_problems(po)
