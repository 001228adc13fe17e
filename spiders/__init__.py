"""The Scrapy project: discovery, fetch and archive of news sources (``scrapy.cfg`` points here)."""
