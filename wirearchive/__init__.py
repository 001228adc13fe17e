"""wirearchive: scrape-and-archive pipeline for wire-service news.

The ``wirearchive`` package is the pure core: no Dagster or Scrapy imports. The Scrapy project
lives in ``spiders/``, Dagster assets in ``assets/``, Dagster Definitions in ``pipelines/`` and the
analyst-facing warehouse in ``warehouse/``.
"""

__version__ = "0.1.0"
