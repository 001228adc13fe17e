"""Stories day by day: the look-back loop, and the text-level entry point :func:`group_stories`.

The ``story_members`` asset and the benches run :func:`assign_days` over stored or computed
signatures; people who embed the clustering call :func:`group_stories` with plain records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pyarrow as pa

from wirearchive.dedupe.config import StoryConfig
from wirearchive.dedupe.state import SIGNATURES, article_signatures
from wirearchive.dedupe.stories import assign_stories
from wirearchive.normalize import body_hash, word_count
from wirearchive.tables import ARTICLES
from wirearchive.urls import canonical_url
from wirearchive.wire import attribute_wire


def window_days(day: date, lookback_days: int) -> list[date]:
    """The ``lookback_days`` days before ``day``, oldest first.

    Args:
        day: A partition day.
        lookback_days: Days to look back.

    Returns:
        The days.
    """
    return [day - timedelta(days=k) for k in range(lookback_days, 0, -1)]


def assign_days(
    days: Iterable[date],
    signatures_of: Callable[[date], pa.Table | None],
    *,
    config: StoryConfig = StoryConfig(),
    wire_sources: Iterable[str] = (),
) -> Iterator[tuple[date, pa.Table]]:
    """Story members of each day against its look-back window, oldest day first.

    Args:
        days: The days to assign.
        signatures_of: Signatures (:data:`~wirearchive.dedupe.state.SIGNATURES`) of a day, or
            None when the day has no articles; called for each day and its window days.
        config: Matching settings (``lookback_days`` is the window).
        wire_sources: ``source_id`` of the wires' own copies (canonical when present).

    Yields:
        ``(day, members)`` with ``members`` in ``wirearchive.tables.STORY_MEMBERS``.
    """
    wires = list(wire_sources)
    for day in sorted(set(days)):
        today = signatures_of(day)
        if today is None:
            continue
        window = [s for d in window_days(day, config.lookback_days) if (s := signatures_of(d)) is not None]
        window_table = pa.concat_tables([SIGNATURES.empty_table(), *window]) if window else SIGNATURES.empty_table()
        yield day, assign_stories(today, window_table, config=config, wire_sources=wires)


def _utc(value: Any) -> datetime | None:
    """A timestamp as an aware UTC datetime (naive values are taken as UTC; ISO strings accepted)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _row(record: Mapping[str, Any], seen_at: datetime) -> dict:
    """The ARTICLES columns story matching reads, for one record."""
    body = record.get("body") or ""
    site = record.get("site") or ""
    return {
        "article_id": str(record["id"]),
        "capture_id": str(record["id"]),
        # A wire's own copy gets a source id of its own: only those rows are the wire's version.
        "source_id": f"wire:{site}" if record.get("is_wire") else site,
        "url": record.get("url") or "",
        "canonical_url": canonical_url(record["url"]) if record.get("url") else f"urn:record:{record['id']}",
        "fetched_at": seen_at,
        "published_at": seen_at,
        "title": record.get("title"),
        "body": body,
        "body_hash": body_hash(body),  # as the pipeline's rows (normalize.to_article_row)
        # The wire the text credits, as the extractor finds it (an outlet's copy of wire copy).
        "wire_service": attribute_wire(
            body=body, byline=None, authors=(), structured_orgs=(), default_wire=None
        ).wire_service,
        "word_count": word_count(body),
        "extractor": "group_stories",
        "extractor_version": "1",
    }


def _merge_bridged(found: list[dict], out: dict[str, dict]) -> None:
    """Give undated records, and the dated stories they bridge, one story per one-pass component.

    An undated record has no day, so no look-back window limits what it links: when it is the
    copy of one dated story and the source of another (an undated page between two day-by-day
    stories of one text), the two are one story. Each one-pass component holding an undated
    record takes the day-by-day story of its earliest dated record (``found`` is in time order),
    else the one-pass story; ``out`` (day-by-day members by article id) is updated in place.

    Args:
        found: One-pass members (every record, undated ones last), in time order.
        out: Day-by-day members of the dated records; undated records are added.
    """
    components: dict[str, list[dict]] = {}
    for member in found:
        components.setdefault(member["story_id"], []).append(member)
    merged: dict[str, str] = {}  # day-by-day story -> a story it merges into (union-find)

    def find(story: str) -> str:
        while merged.get(story, story) != story:
            story = merged[story]
        return story

    for story, members in components.items():
        if all(m["article_id"] in out for m in members):
            continue  # no undated record: the day-by-day grouping stands
        dated = [find(out[m["article_id"]]["story_id"]) for m in members if m["article_id"] in out]
        target = dated[0] if dated else story
        for other in dated[1:]:
            if other != target:
                # the older story (earlier first member) keeps its id: members come in time order
                merged[other] = target
        for m in members:
            if m["article_id"] not in out:
                out[m["article_id"]] = {**m, "story_id": target}
    for member in out.values():
        member["story_id"] = find(member["story_id"])


def group_stories(
    records: Iterable[Mapping[str, Any]], lookback_days: int = 3, *, config: StoryConfig | None = None
) -> list[dict]:
    """Group article records into stories, day by day with a look-back window.

    Records are grouped by the UTC day of ``published_at`` as the daily pipeline does. Undated
    records (``published_at`` None; ``fetched_at`` is not used as a publication date, since an
    archive may fetch a page long after it appeared) are matched afterwards, in one pass, against
    every dated record and each other: an undated record joins the story of the dated record it
    was taken from (its ``copy_of``, followed through other undated records), else it starts a
    story of its own.

    Args:
        records: Mappings with ``id``, ``url``, ``site``, ``title``, ``published_at``, ``body``
            (plain text, paragraphs separated by blank lines) and optionally ``fetched_at`` and
            ``is_wire`` (the wire service's own copy, which becomes the story's canonical).
            ``title``, ``published_at`` and ``fetched_at`` may be None; timestamps are datetimes,
            dates or ISO strings.
        lookback_days: Days before a record's day whose records it may join.
        config: Matching settings. Default: :class:`StoryConfig` with ``lookback_days`` (the
            daily pipeline's settings).

    Returns:
        One dict per record, in input order: ``id``, ``story_id``, ``relation`` (original,
        duplicate, trimmed, update, derived), ``similarity`` (to the version it copies) and
        ``copy_of`` (the id of that version, None for a story's canonical).
    """
    config = config or StoryConfig(lookback_days=lookback_days)
    records = list(records)
    by_day: dict[date, list[dict]] = {}
    undated: list[Mapping[str, Any]] = []
    for record in records:
        published = _utc(record.get("published_at"))
        if published is None:
            undated.append(record)
        else:
            by_day.setdefault(published.date(), []).append(_row(record, published))
    wires = {f"wire:{r.get('site') or ''}" for r in records if r.get("is_wire")}
    signatures = {day: article_signatures(pa.Table.from_pylist(rows, schema=ARTICLES)) for day, rows in by_day.items()}
    out: dict[str, dict] = {}
    for _, members in assign_days(list(signatures), signatures.get, config=config, wire_sources=wires):
        for m in members.to_pylist():
            out[m["article_id"]] = m
    if undated:
        # One pass over every record, the undated ones stamped after all dated ones (so a dated
        # copy is always the earlier side): an undated record takes the day-by-day story of the
        # earliest dated record in its component, else the pass's own story id.
        latest = max(
            (at for r in records if (at := _utc(r.get("published_at"))) is not None),
            default=datetime(1970, 1, 1, tzinfo=UTC),
        ) + timedelta(days=1)
        late = article_signatures(pa.Table.from_pylist([_row(r, latest) for r in undated], schema=ARTICLES))
        everything = pa.concat_tables([SIGNATURES.empty_table(), *signatures.values(), late])
        found = assign_stories(everything, SIGNATURES.empty_table(), config=config, wire_sources=wires).to_pylist()
        _merge_bridged(found, out)
    return [
        {
            key: out[str(r["id"])][src]
            for key, src in (
                ("id", "article_id"),
                ("story_id", "story_id"),
                ("relation", "relation"),
                ("similarity", "similarity"),
                ("copy_of", "copy_of"),
            )
        }
        for r in records
    ]
