"""Data types of the demo world: a served page and an article with its ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from demoworld.synth import SynthDoc


@dataclass(frozen=True)
class Page:
    """One resource a site serves.

    Attributes:
        path: URL path (with trailing slash where the site uses one).
        kind: ``robots``, ``feed``, ``sitemap``, ``home``, ``section``, ``article``, ``preview`` or ``about``.
        media_type: MIME type without parameters.
        charset: Encoding of the served bytes (declared in ``Content-Type``).
        text: The content, with ``@@site@@`` origin placeholders.
    """

    path: str
    kind: str
    media_type: str
    charset: str
    text: str


@dataclass(frozen=True)
class Article:
    """An article page and its ground truth.

    Attributes:
        site: Site id.
        path: URL path.
        doc: The synthetic document shown.
        section: Section it is filed under.
        published: Publication time the page declares (for a write-through, its first version's).
        modified: Time of this version for write-throughs, else None.
        parent: ``(site, path)`` of the article this one copies or updates, or None.
    """

    site: str
    path: str
    doc: SynthDoc
    section: str
    published: datetime
    modified: datetime | None
    parent: tuple[str, str] | None
