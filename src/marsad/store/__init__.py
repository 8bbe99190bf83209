"""store: documents and reports in SQLite or PostgreSQL, migrated by Alembic."""

from marsad.store.store import AmbiguousId, DocumentFilter, Store

__all__ = ["AmbiguousId", "DocumentFilter", "Store"]
