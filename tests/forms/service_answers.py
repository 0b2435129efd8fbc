"""Complete answer sets of the further services, as the wizard stores them, with what the
caseworker must see (a German label, a document) — shared by engine, back-office and handover
tests."""

from tests.forms.answers import PERSON, days_ago

PERSON_KDNR = {**PERSON, "kundennummer": None}

ANSWERS = {
    "ortsabwesenheit": {
        **PERSON_KDNR,
        "abwesend_von": days_ago(-20),
        "abwesend_bis": days_ago(-30),
        "abwesend_ziel": "ausland",
        "abwesend_ort": "Graz, Österreich",
        "abwesend_grund": "reha",
        "grund_beschreibung": "Reha nach Knie-OP",
        "erreichbar_anschrift": None,
        "erreichbar_telefon": None,
        "mitreisende": False,
    },
    "arbeitsunfaehigkeit": {
        **PERSON_KDNR,
        "au_von": days_ago(1),
        "au_bis": days_ago(-6),
        "au_art": "erst",
        "au_einladung": True,
        "termin_datum": days_ago(-2),
        "termin_art": "Gespräch bei der Ansprechperson",
    },
    "einmalige_bedarfe": {
        **PERSON,
        "bedarfe": ["schwangerschaft", "therapie"],
        "geburtstermin": days_ago(-90),
        "schwangerschaft_bedarf": ["baby"],
        "therapie_geraet": "Orthopädische Schuhe",
        "therapie_art": "reparatur",
    },
    "darlehen_schulden": {
        **PERSON_KDNR,
        "schulden_art": "strom",
        "schulden_betrag": 84250,
        "schulden_glaeubiger": "Stadtwerke Musterstadt",
        "schulden_droht": "sperre",
        "schulden_droht_am": days_ago(-5),
        "schulden_ursache": "Nachzahlung aus der Jahresabrechnung",
    },
    "umzug_zusicherung": {
        **PERSON,
        "umzug_grund": "klein",
        "umzug_grund_text": "Zweites Kind kommt",
        "umzug_strasse": "Neue Straße 5",
        "umzug_plz": "00123",
        "umzug_ort": "Musterstadt",
        "umzug_groesse": 65,
        "umzug_personen": 3,
        "umzug_grundmiete": 52000,
        "umzug_nebenkosten": 12000,
        "umzug_heizkosten": 8000,
        "umzug_einzug": days_ago(-45),
        "umzug_unterschrieben": False,
    },
    "nachricht": {
        **PERSON_KDNR,
        "bg_nummer": None,
        "thema": "wohnen",
        "betreff": "Frage zur Nebenkostenabrechnung",
        "nachricht_text": "Bitte rufen Sie mich an.",
    },
}

# A question label and an answer the caseworker sees in German, the documents the answers call
# for, and the flags they raise on arrival.
EXPECTED = {
    "ortsabwesenheit": (
        "Aus welchem Grund sind Sie nicht da?",
        "Medizinische Rehabilitation oder Vorsorge (Kur)",
        ["grund_nachweis"],
        ["ausland"],
    ),
    "arbeitsunfaehigkeit": (
        "Welche Bescheinigung ist es?",
        "Erstbescheinigung",
        ["au_bescheinigung"],
        ["termin"],
    ),
    "einmalige_bedarfe": (
        "Wofür beantragen Sie Geld?",
        "Ausstattung bei Schwangerschaft und Geburt",
        ["mutterpass", "verordnung", "kostenvoranschlag"],
        [],
    ),
    "darlehen_schulden": (
        "Was droht?",
        "Sperre von Strom, Gas, Heizung oder Wasser",
        ["schulden_schreiben"],
        ["dringend"],
    ),
    "umzug_zusicherung": (
        "Grund für den Umzug",
        "Die Wohnung ist zu klein",
        ["wohnungsangebot"],
        [],
    ),
    "nachricht": ("Worum geht es?", "Miete und Wohnung", [], []),
}
