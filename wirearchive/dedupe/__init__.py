"""Story clustering: group copies, versions and spun copies of one report across outlets and days.

Daily use (the ``stories`` asset)::

    sigs = article_signatures(articles_of_day_d, processes=2)  # store as internal table article_signatures, date=D
    window = concat(article_signatures of days D-lookback_days .. D-1 that exist)
    members = assign_stories(sigs, window, config=StoryConfig(),
                             wire_sources={s.id for s in registry.sources if s.kind == "wire"})
    # members: warehouse.schema.STORY_MEMBERS rows for the articles of day D

How it works: :mod:`~wirearchive.dedupe.features` (shingle sets, spin-robust anchors and
skeleton), :mod:`~wirearchive.dedupe.state` (persisted MinHash signatures),
:mod:`~wirearchive.dedupe.candidates` (LSH banding, sort-based bucket join),
:mod:`~wirearchive.dedupe.match` (verification, relations), :mod:`~wirearchive.dedupe.stories`
(components, stable ids, canonical, versions; the exact id guarantee is in its docstring).
"""

from wirearchive.dedupe.config import StoryConfig
from wirearchive.dedupe.state import SIGNATURES, article_signatures
from wirearchive.dedupe.stories import assign_stories, story_id

__all__ = ["SIGNATURES", "StoryConfig", "article_signatures", "assign_stories", "story_id"]
