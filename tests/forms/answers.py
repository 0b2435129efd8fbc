"""Example answer sets, as the wizard stores them (shared by engine, draft and wizard tests)."""

import datetime as dt

from django.utils import timezone


def days_ago(n: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


PERSON = {
    "vorname": "Kim",
    "nachname": "Musterfrau",
    "geburtsdatum": "1980-03-27",
    "bg_nummer": "12345BG0012345",
    "telefon": None,
    "email": None,
}
NOTHING = {
    "haushalt_geaendert": False,
    "wohnkosten_geaendert": False,
    "einkommen_geaendert": False,
    "vermoegen_geaendert": False,
    "leistungen_geaendert": False,
    "kv_geaendert": False,
    "konto_geaendert": False,
    "sonstiges_geaendert": False,
}
WBA_NOTHING_CHANGED = {**PERSON, **NOTHING}
# The newest WBA version also asks where the applicant lives (and may say the BG-Nummer is
# not known).
ADDRESS = {"strasse": "Musterweg 1", "plz": "00155", "ort": "Musterstadt"}
WBA_2026_2_NOTHING_CHANGED = {**WBA_NOTHING_CHANGED, **ADDRESS, "bg_nummer_unbekannt": []}
WBA_JOB_AND_PERSON = {
    **PERSON,
    **NOTHING,
    "haushalt_geaendert": True,
    "einkommen_geaendert": True,
    "jemand_eingezogen": True,
    "jemand_ausgezogen": False,
    "personen_anzahl": 2,
    "neue_personen": [
        {
            "vorname": "Lea",
            "nachname": "Musterfrau",
            "geburtsdatum": days_ago(40),
            "beziehung": "kind",
            "eingezogen_am": days_ago(40),
            "rv_nummer": None,
        }
    ],
    "einkommen": [
        {
            "person": "Kim Musterfrau",
            "art": "erwerbstaetigkeit",
            "zahlende_stelle": "Bäckerei Korn",
            "brutto": 185000,
            "seit": days_ago(10),
        }
    ],
}
AENDERUNG_JOB_AND_BANK = {
    **PERSON,
    "kundennummer": None,
    "aenderungen": ["arbeitsbeginn", "konto"],
    "ab_person": "Kim Musterfrau",
    "ab_arbeitgeber": "Bäckerei Korn",
    "ab_beginn": days_ago(3),
    "ab_stunden": 20,
    "ab_brutto": 120000,
    "ab_erste_zahlung": None,
    "kontoinhaber": "Kim Musterfrau",
    "iban": "DE89370400440532013000",
    "konto_ab": days_ago(0),
}
