"""wirearchive: scrape-and-archive pipeline for wire-service news.

The ``wirearchive`` package is the pure core: no Dagster or Scrapy imports. The Scrapy project
lives in ``spiders/``, Dagster assets in ``assets/``, Dagster Definitions in ``pipelines/`` and the
analyst-facing warehouse in ``warehouse/``.
"""

__version__ = "0.1.0"

__all__ = ["group_stories"]


def __getattr__(name: str):  # PEP 562: keep ``import wirearchive`` cheap (no numpy/pyarrow until needed)
    if name == "group_stories":
        from wirearchive.dedupe.grouping import group_stories

        return group_stories
    raise AttributeError(f"module 'wirearchive' has no attribute {name!r}")
