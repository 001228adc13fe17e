"""The warehouse's table contracts, re-exported from :mod:`wirearchive.tables` (their one home).

The core defines the schemas so that pure code (archive, normalize, dedupe) never imports the
warehouse; the warehouse and its users keep importing them from here.
"""

from wirearchive.tables import (
    ARTICLES,
    CAPTURES,
    FAILURES,
    SCHEMA_VERSION,
    STORY_MEMBERS,
    TABLES,
    TS,
)

__all__ = ["ARTICLES", "CAPTURES", "FAILURES", "SCHEMA_VERSION", "STORY_MEMBERS", "TABLES", "TS"]
