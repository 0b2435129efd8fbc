import pytest

from tests.receipts.smtp import SMTPServer, use_smtp


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
def smtp_server(settings):
    server = SMTPServer().start()
    use_smtp(settings, server.port)
    yield server
    server.stop()
