"""JSON Schema (draft 2020-12) of the answers of one form version, derived from the definition.

The schema describes what a draft or submission stores in ``answers``: one property per field,
an array of objects per repeatable group. It does not list required properties, because a draft
is allowed to be incomplete; completeness is a property of the wizard (every applicable page
valid), not of the JSON shape. Consumers (exports, the handover to case-management systems) get
the exact shape per version from ``manage.py export_form_schema wba@2026-1``.
"""

from __future__ import annotations

from jobcenter.forms.conditions import CONTEXT_KEY
from jobcenter.forms.definition import FormDefinition, PerItemPage, RepeatPage
from jobcenter.forms.items import ITEM_ID

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def form_json_schema(definition: FormDefinition) -> dict:
    properties: dict[str, dict] = {}
    patterns: dict[str, dict] = {}
    for page in definition.pages:
        if isinstance(page, PerItemPage):
            # One object per instance ("ek-2": the Anlage EK of person 2).
            patterns[f"^{page.key}-[1-9][0-9]{{0,2}}$"] = {
                "title": str(page.task or page.title).replace("%(name)s", "…"),
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    **{f.key: f.json_schema() for f in page.fields},
                    ITEM_ID: {
                        "type": "string",
                        "maxLength": 300,
                        "description": "Für wen (Name und Geburtsdatum)",
                    },
                },
            }
            continue
        if isinstance(page, RepeatPage):
            properties[page.group] = {
                "title": str(page.title),
                "type": "array",
                "maxItems": page.max_items,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {f.key: f.json_schema() for f in page.fields},
                },
            }
        else:
            for f in page.fields:
                properties[f.key] = f.json_schema()
    if definition.context:
        properties[CONTEXT_KEY] = {
            "title": "Kontext (nicht vom Antragsteller eingegeben)",
            "type": "object",
            "additionalProperties": False,
            "properties": {key: {"type": "string"} for key in definition.context},
        }
    schema = {
        "$schema": DIALECT,
        "$id": f"urn:jobcenter-online:form:{definition.ident}",
        "title": str(definition.title),
        "description": f"Antworten zu {definition.ident}",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if patterns:
        schema["patternProperties"] = patterns
    return schema
