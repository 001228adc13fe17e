"""Pure discovery parsers: feeds, sitemaps and section pages to dated article URLs."""
