import sys
from pathlib import Path

# Test helpers (strategies.py, ...) import as plain modules.
sys.path.insert(0, str(Path(__file__).parent))

# A real PostgreSQL server for the store tests (fixtures `postgres_server`, `postgres_database`).
pytest_plugins = ["postgres"]
