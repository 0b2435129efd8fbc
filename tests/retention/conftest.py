from tests.accounts.fixtures import staff  # noqa: F401  (fixtures)
from tests.documents.conftest import media, moto_endpoint, s3_storage  # noqa: F401
