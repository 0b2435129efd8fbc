"""Fixtures for intake tests: files go to a temporary media folder."""

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def external_db(tmp_path):
    from tests.intake.external_db import ExternalDB

    db = ExternalDB(tmp_path)
    yield db
    db.drop()
