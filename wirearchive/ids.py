"""Ids that become parts of file names and Redis keys (crawl ids, shared-frontier job names)."""

from __future__ import annotations

import re

# Starts with a letter or digit, then letters, digits, ``_``, ``.``, ``-``; at most 64 characters:
# safe in a file name (``<crawl_id>-00000.warc.gz``) and in a Redis key, never a path (no ``/``).
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
