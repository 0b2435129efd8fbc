from tests.accounts.fixtures import citizen, staff  # noqa: F401  (fixtures)
