"""Field roles: what an answer *means*, declared on the field, so that other apps never need
to know a form's answer keys.

A form version keeps the keys it was released with (drafts and submissions store answers under
them), and two forms may name the same thing differently (WBA ``art``/``brutto``, VÄM
``ek_art``/``ek_betrag``). Casework matching, inbox search, routing by postcode, the upload
grant and the confirmation e-mail therefore ask the engine for a value *by role*
(``forms.selectors``); a new version that renames a key only has to keep the role.

An applicant role names one answer of the applicant: at most one field per role, on an
ordinary page (not in a repeatable group or on a per-person page). The other roles
(``PERSON_*`` for the people of a household, ``INCOME_*`` for an income) may occur on several
fields; ``PERSON_*`` only in groups and on per-person pages.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    # Who the applicant is.
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    BIRTH_DATE = "birth_date"
    BG_NUMMER = "bg_nummer"
    KUNDENNUMMER = "kundennummer"
    # Where the applicant lives; the postcode finds the competent Jobcenter.
    STREET = "street"
    POSTCODE = "postcode"
    CITY = "city"
    # A change of address: where the applicant moved to (never used for routing: the Jobcenter
    # that holds the file has to learn of the move).
    NEW_STREET = "new_street"
    NEW_POSTCODE = "new_postcode"
    NEW_CITY = "new_city"
    # How to reach the applicant.
    EMAIL = "email"
    PHONE = "phone"
    # Where the money goes.
    ACCOUNT_HOLDER = "account_holder"
    IBAN = "iban"
    # What a general message is about: casework routes the case by it (a routing rule
    # "Formular" with ``<form key>:<topic>``).
    TOPIC = "topic"
    # Item roles: a field of a group item or a per-person page.
    PERSON_FIRST_NAME = "person_first_name"
    PERSON_LAST_NAME = "person_last_name"
    PERSON_BIRTH_DATE = "person_birth_date"
    INCOME_KIND = "income_kind"
    INCOME_AMOUNT = "income_amount"


PERSON_ROLES = frozenset({Role.PERSON_FIRST_NAME, Role.PERSON_LAST_NAME, Role.PERSON_BIRTH_DATE})
INCOME_ROLES = frozenset({Role.INCOME_KIND, Role.INCOME_AMOUNT})
APPLICANT_ROLES = frozenset(Role) - PERSON_ROLES - INCOME_ROLES

# Who the applicant is and how to reach them: what a later form of the same person may suggest
# again. Never an answer about their situation (it may have changed and is asked anew), nor a
# bank account (the WBA asks for a *new* one).
IDENTITY_ROLES = (
    Role.FIRST_NAME,
    Role.LAST_NAME,
    Role.BIRTH_DATE,
    Role.BG_NUMMER,
    Role.KUNDENNUMMER,
    Role.PHONE,
    Role.EMAIL,
)
ADDRESS_ROLES = (Role.STREET, Role.POSTCODE, Role.CITY)
# What a signed-in citizen's next form may suggest from the last application, for
# confirmation: who they are and where they live (a move is corrected on the same page).
SUGGESTED_ROLES = (*IDENTITY_ROLES, *ADDRESS_ROLES)
BANK_ACCOUNT_ROLES = (Role.ACCOUNT_HOLDER, Role.IBAN)
# Where the money goes and where the applicant lives: changing them needs a strong login
# (level "substanziell" or a second factor). They are changes only in a form about an existing
# case, one that names the applicant's Bedarfsgemeinschaft (``CASE_ROLE``); in a first
# application they are the first answers, not changes.
CHANGE_ROLES = frozenset(
    {Role.ACCOUNT_HOLDER, Role.IBAN, Role.NEW_STREET, Role.NEW_POSTCODE, Role.NEW_CITY}
)
CASE_ROLE = Role.BG_NUMMER
