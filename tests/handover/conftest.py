"""Fixtures for handover tests: storage and handover folder in tmp, a case with documents."""

import pytest

from tests.accounts.fixtures import citizen, staff  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    settings.MEDIA_ROOT = root
    settings.HANDOVER_FOLDER_ROOT = tmp_path / "handover"
    settings.HANDOVER_JOB_BACKOFF_SECONDS = 0  # retries are due at once (drain runs them)
    return root
