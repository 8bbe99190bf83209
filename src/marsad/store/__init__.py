"""store: documents and reports in SQLite or PostgreSQL, migrated by Alembic."""

from marsad.store.filters import DocumentFilter, ReportFilter
from marsad.store.store import AmbiguousId, Store

__all__ = ["AmbiguousId", "DocumentFilter", "ReportFilter", "Store"]
