"""Test harnesses shared by tests/ and bench/: the fault site and its fault catalog, non-article pages."""
