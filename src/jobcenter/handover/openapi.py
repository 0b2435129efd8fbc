"""The pull API's OpenAPI 3.1 description: the one source for the docs, the served schema
(``/api/v1/openapi.json``) and the tests (schemathesis and the response checks)."""

from __future__ import annotations

from jobcenter.handover.bundle import (
    PART_ANSWERS,
    PART_MANIFEST,
    PART_META,
    PART_PDF,
    PART_SCHEMA,
)

PART_NAMES = [PART_PDF, PART_ANSWERS, PART_SCHEMA, PART_META, PART_MANIFEST]


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


UNAUTHORIZED = {
    **_error("Kein oder ein ungültiger Zugangsschlüssel."),
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
}
NOT_FOUND = _error("Kein solches Paket für diese Integration.")
BUNDLE_ID = {
    "name": "bundle_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
}

SCHEMA: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "Jobcenter Online – Übergabe (Abruf-Schnittstelle)",
        "version": "1.0.0",
        "description": (
            "Neue Übergabepakete eines Jobcenters abrufen und bestätigen. Ein Paket wird so "
            "lange angeboten, bis die Integration es bestätigt hat; danach ist der Vorgang "
            "„übergeben“. Zugang: `Authorization: Bearer <Zugangsschlüssel>` einer Integration "
            "(je Jobcenter). Siehe docs/HANDOVER.md."
        ),
    },
    "servers": [{"url": "/"}],
    "security": [{"bearerAuth": []}],
    "paths": {
        "/api/v1/bundles": {
            "get": {
                "operationId": "listBundles",
                "summary": "Noch nicht bestätigte Pakete, älteste zuerst",
                "parameters": [
                    {
                        "name": "since",
                        "in": "query",
                        "required": False,
                        "description": (
                            "Nur Pakete mit einem `cursor` größer als dieser Wert. Der `cursor` "
                            "folgt der Reihenfolge, in der Pakete angeboten wurden (nicht der "
                            "Paket-Erstellung). Zum Blättern innerhalb eines Abrufs `next_cursor` "
                            "übergeben; jeden neuen Abruf ohne `since` beginnen – unbestätigte "
                            "Pakete werden immer wieder angeboten."
                        ),
                        "schema": {"type": "integer", "minimum": 0, "maximum": 2**53},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "Eine Seite der angebotenen Pakete.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/BundleList"}
                            }
                        },
                    },
                    "400": _error("Ungültiger Parameter."),
                    "401": UNAUTHORIZED,
                },
            },
        },
        "/api/v1/bundles/{bundle_id}": {
            "get": {
                "operationId": "getBundle",
                "summary": "Ein Paket mit seinen Teilen und Prüfsummen",
                "parameters": [BUNDLE_ID],
                "responses": {
                    "200": {
                        "description": "Das Paket.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Bundle"}}
                        },
                    },
                    "401": UNAUTHORIZED,
                    "404": NOT_FOUND,
                },
            },
        },
        "/api/v1/bundles/{bundle_id}/parts/{name}": {
            "get": {
                "operationId": "getBundlePart",
                "summary": "Ein Teil eines Pakets (Bytes wie im Manifest)",
                "parameters": [
                    BUNDLE_ID,
                    {
                        "name": "name",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": PART_NAMES},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "Der Inhalt; SHA-256 wie im Manifest.",
                        "headers": {"Digest-SHA256": {"schema": {"type": "string"}}},
                        "content": {
                            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "application/json": {"schema": {}},
                        },
                    },
                    "401": UNAUTHORIZED,
                    "404": NOT_FOUND,
                    "503": {
                        **_error(
                            "Der gespeicherte Teil ist vorübergehend nicht lesbar; "
                            "später erneut abrufen."
                        ),
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    },
                },
            },
        },
        "/api/v1/bundles/{bundle_id}/acknowledge": {
            "post": {
                "operationId": "acknowledgeBundle",
                "summary": "Empfang bestätigen (wiederholbar)",
                "parameters": [BUNDLE_ID],
                "responses": {
                    "200": {
                        "description": "Bestätigt; eine zweite Bestätigung ändert nichts.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Acknowledgement"}
                            }
                        },
                    },
                    "401": UNAUTHORIZED,
                    "404": NOT_FOUND,
                },
            },
        },
    },
    "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "additionalProperties": False,
                "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
            },
            "Part": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "media_type", "sha256", "size", "href"],
                "properties": {
                    "name": {"type": "string", "enum": PART_NAMES},
                    "media_type": {"type": "string"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "size": {"type": "integer", "minimum": 0},
                    "href": {"type": "string"},
                },
            },
            "Bundle": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "id",
                    "cursor",
                    "kind",
                    "reference",
                    "form",
                    "received_at",
                    "created_at",
                    "acknowledged_at",
                    "parts",
                ],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "cursor": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Position im Angebot (Reihenfolge des Anbietens).",
                    },
                    "kind": {
                        "type": "string",
                        "enum": ["antrag", "nachreichung", "bescheid", "nachricht"],
                    },
                    "reference": {"type": "string"},
                    "form": {"type": "string"},
                    "received_at": {"type": "string", "format": "date-time"},
                    "created_at": {"type": "string", "format": "date-time"},
                    "acknowledged_at": {"type": ["string", "null"], "format": "date-time"},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
                },
            },
            "BundleList": {
                "type": "object",
                "additionalProperties": False,
                "required": ["bundles", "next_cursor"],
                "properties": {
                    "bundles": {"type": "array", "items": {"$ref": "#/components/schemas/Bundle"}},
                    "next_cursor": {"type": ["integer", "null"]},
                },
            },
            "Acknowledgement": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "acknowledged_at", "already_acknowledged"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "acknowledged_at": {"type": "string", "format": "date-time"},
                    "already_acknowledged": {"type": "boolean"},
                },
            },
        },
    },
}
