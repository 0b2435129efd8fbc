from tests.documents.conftest import moto_endpoint  # noqa: F401 -- the session's S3 server
