"""Story clustering: group copies, versions and spun copies of one report across outlets and days.

Daily use (the ``stories`` asset)::

    sigs = article_signatures(news_articles(articles_of_day_d), processes=2)  # store as internal table article_signatures, date=D
    window = concat(article_signatures of days D-lookback_days .. D-1 that exist)
    members = assign_stories(sigs, window, config=StoryConfig(),
                             wire_sources={s.id for s in registry.sources if s.kind == "wire"})
    # members: wirearchive.tables.STORY_MEMBERS rows for the articles of day D

The look-back loop is :func:`~wirearchive.dedupe.grouping.assign_days` (the asset calls it);
:func:`wirearchive.group_stories` runs it on plain records.

How it works: :mod:`~wirearchive.dedupe.features` (shingle sets, spin-robust anchors and
skeleton), :mod:`~wirearchive.dedupe.passages` (narrative 5-gram sequences and winnowed keys for
partial copies), :mod:`~wirearchive.dedupe.align` (shared narrative passages of a pair),
:mod:`~wirearchive.dedupe.paraphrase` (spun and translated copies: sentences aligned in order),
:mod:`~wirearchive.dedupe.crosslang` (copies in another language: names, numbers and cognate
stems aligned sentence by sentence),
:mod:`~wirearchive.dedupe.batch` (those features for a batch of bodies at once, as the
signatures are computed), :mod:`~wirearchive.dedupe.state` (persisted signatures),
:mod:`~wirearchive.dedupe.candidates` (LSH banding, sort-based bucket join),
:mod:`~wirearchive.dedupe.match` (verification, relations), :mod:`~wirearchive.dedupe.stories`
(components, stable ids, canonical, the copied version, versions; the exact id guarantee is in
its docstring), :mod:`~wirearchive.dedupe.grouping` (the day-by-day loop, ``group_stories``).
"""

from wirearchive.dedupe.config import StoryConfig
from wirearchive.dedupe.state import SIGNATURES, article_signatures, news_articles
from wirearchive.dedupe.stories import assign_stories, story_id

__all__ = ["SIGNATURES", "StoryConfig", "article_signatures", "assign_stories", "news_articles", "story_id"]
