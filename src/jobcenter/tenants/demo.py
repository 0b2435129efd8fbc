"""Two fictional Jobcenters for `make run` and the tests. Names, addresses and postcodes are
made up (the 001xx/002xx postcodes do not exist in Germany)."""

from jobcenter.tenants.models import Jobcenter
from jobcenter.tenants.services import jobcenter_upsert

DEMO_JOBCENTERS = [
    {
        "slug": "musterkreis",
        "name": "Jobcenter Musterkreis",
        "reference_prefix": "MK",
        "street": "Am Musterplatz 1",
        "postcode": "00100",
        "city": "Musterhausen",
        "phone": "00100 123-0",
        "email": "kontakt@jobcenter-musterkreis.invalid",
        "website": "https://jobcenter-musterkreis.invalid/",
        "opening_hours": "Montag bis Freitag 8:00–12:00 Uhr\nDonnerstag 14:00–18:00 Uhr",
        "represented_by": "Erika Beispiel, Geschäftsführerin",
        "dpo_email": "datenschutz@jobcenter-musterkreis.invalid",
        "supervisory_authority": "Landesbeauftragte für den Datenschutz Musterland, "
        "Postfach 1, 00100 Musterhausen",
        "accessibility_contact": "barrierefrei@jobcenter-musterkreis.invalid",
        "postcode_ranges": [("00100", "00199")],
    },
    {
        "slug": "beispielstadt",
        "name": "Jobcenter Beispielstadt",
        "reference_prefix": "BS",
        "street": "Beispielallee 20",
        "postcode": "00200",
        "city": "Beispielstadt",
        "phone": "00200 987-0",
        "email": "post@jobcenter-beispielstadt.invalid",
        "website": "https://jobcenter-beispielstadt.invalid/",
        "opening_hours": "Montag, Dienstag, Freitag 8:00–12:30 Uhr\nMittwoch nach Vereinbarung",
        "represented_by": "Max Muster, Geschäftsführer",
        "dpo_email": "datenschutz@jobcenter-beispielstadt.invalid",
        "supervisory_authority": "Landesbeauftragte für den Datenschutz Musterland, "
        "Postfach 1, 00100 Musterhausen",
        "accessibility_contact": "barrierefrei@jobcenter-beispielstadt.invalid",
        "postcode_ranges": [("00200", "00249"), ("00250", "00299")],
    },
]


def seed_jobcenters() -> list[Jobcenter]:
    return [jobcenter_upsert(**dict(data)) for data in DEMO_JOBCENTERS]
