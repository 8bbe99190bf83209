import sys
from pathlib import Path

import pytest

# Test helpers (strategies.py, ...) import as plain modules.
sys.path.insert(0, str(Path(__file__).parent))

# A real PostgreSQL server for the store tests (fixtures `postgres_server`, `postgres_database`).
pytest_plugins = ["postgres"]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_url(backend, tmp_path, request) -> str:
    """An empty database: a new SQLite file, or a new database on the session's server."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'marsad.db'}"
    return request.getfixturevalue("postgres_database")
