"""``wirearchive add-source URL``: probe a site and propose its ``[[source]]`` registry entry."""
