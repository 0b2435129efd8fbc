"""Synthetic people of the demo identity provider, one per assurance level (BundID's levels)."""

DEMO_IDENTITIES = {
    "lea-basis": {
        "acr": "STORK-QAA-Level-1",
        "label": "Lea Probe – Benutzername und Passwort (normal)",
        "given_name": "Lea",
        "family_name": "Probe",
        "birthdate": "1990-03-27",
        "email": "lea.probe@bundid-demo.invalid",
    },
    "max-substanziell": {
        "acr": "STORK-QAA-Level-3",
        "label": "Max Beispiel – ELSTER-Zertifikat (substanziell)",
        "given_name": "Max",
        "family_name": "Beispiel",
        "birthdate": "1985-11-02",
        "email": "max.beispiel@bundid-demo.invalid",
        "address": {
            "street_address": "Beispielweg 5",
            "postal_code": "00150",
            "locality": "Musterhausen",
            "country": "DE",
        },
    },
    "erika-hoch": {
        "acr": "STORK-QAA-Level-4",
        "label": "Erika Mustermann – Online-Ausweis (hoch)",
        "given_name": "Erika",
        "family_name": "Mustermann",
        "birthdate": "1964-08-12",
        "email": "erika.mustermann@bundid-demo.invalid",
        "address": {
            "street_address": "Heidestraße 17",
            "postal_code": "00120",
            "locality": "Musterhausen",
            "country": "DE",
        },
    },
}
