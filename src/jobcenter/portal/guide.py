"""The guide "Was möchten Sie tun?": two plain questions that lead to the right service.

Plain GET forms (no JavaScript, every step a link that can be bookmarked): first whether the
citizen already receives Bürgergeld, then — if so — what it is about. Each answer names one
service of the start page (by its ``CitizenService.key``) with a sentence why; every service is
also reachable directly from the start page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Answer:
    value: str
    label: str
    service: str  # key of the CitizenService it leads to
    because: str  # the sentence shown with the suggestion


NEW = Answer(
    "nein",
    _("Nein, ich beantrage zum ersten Mal oder nach einer Pause"),
    "erstantrag",
    _("Mit dem Erstantrag beantragen Sie Bürgergeld. Ihr Antragsdatum sichern Sie sofort."),
)
ALREADY = ("ja", _("Ja, ich bekomme schon Bürgergeld"))

CONCERNS = (
    Answer(
        "weiter",
        _("Mein Bewilligungszeitraum endet bald"),
        "wba",
        _("Mit dem Weiterbewilligungsantrag bekommen Sie Bürgergeld auch danach."),
    ),
    Answer(
        "geaendert",
        _("Etwas hat sich geändert (Arbeit, Haushalt, Konto …)"),
        "aenderung",
        _("Mit der Veränderungsmitteilung sagen Sie uns, was sich geändert hat."),
    ),
    Answer(
        "einmalig",
        _("Ich brauche einmalig etwas (Möbel, Babyausstattung …)"),
        "einmalige_bedarfe",
        _("Erstausstattungen und einige Reparaturen bezahlt das Jobcenter gesondert."),
    ),
    Answer(
        "schulden",
        _("Mir droht eine Kündigung oder eine Sperre von Strom oder Gas"),
        "darlehen_schulden",
        _("Das Jobcenter kann Miet- oder Energieschulden als Darlehen übernehmen."),
    ),
    Answer(
        "umzug",
        _("Ich möchte umziehen"),
        "umzug_zusicherung",
        _("Lassen Sie die neue Wohnung prüfen, bevor Sie den Mietvertrag unterschreiben."),
    ),
    Answer(
        "verreisen",
        _("Ich möchte verreisen oder bin eine Zeit lang nicht da"),
        "ortsabwesenheit",
        _("Bitten Sie das Jobcenter vorher um Zustimmung zu Ihrer Abwesenheit."),
    ),
    Answer(
        "krank",
        _("Ich bin krank"),
        "arbeitsunfaehigkeit",
        _("Melden Sie Ihre Arbeitsunfähigkeit und schicken Sie ein Foto der Bescheinigung."),
    ),
    Answer(
        "unterlagen",
        _("Ich soll Unterlagen schicken"),
        "unterlagen",
        _("Laden Sie Nachweise zu einem gesendeten Antrag hoch, auch als Foto."),
    ),
    Answer(
        "anderes",
        _("Etwas anderes"),
        "nachricht",
        _("Schreiben Sie uns eine Nachricht, auch mit Anhängen."),
    ),
)


def answer_for(receives: str, concern: str) -> Answer | None:
    """The suggestion for the answers given so far; None: a question is still open."""
    if receives == NEW.value:
        return NEW
    if receives == ALREADY[0]:
        return next((a for a in CONCERNS if a.value == concern), None)
    return None
