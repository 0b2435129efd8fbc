from tests.documents.conftest import clamd_down, media  # noqa: F401 -- uploads waiting for a scan
