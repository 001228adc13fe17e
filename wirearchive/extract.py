"""Article extraction: archived HTML bytes in, one :class:`Extraction` (body, metadata, wire) out.

The page is decoded (and NFC-normalised) and parsed once (:mod:`wirearchive.htmltext`); the
metadata reader (:mod:`wirearchive.metadata`) and trafilatura share that tree. The body comes
from a cascade of trafilatura passes, cheapest first (:data:`CASCADE`: fast balanced, then full
mode): each pass's output is cleaned of block-level chrome (:mod:`wirearchive.body`) and judged
(:func:`judge`: nothing, chrome, fragment), and the next pass runs only while the best so far is
judged wrong, so the median page costs one fast pass and a page trafilatura's full mode gets is
not lost. Paragraphs in sibling chunks trafilatura skipped are added back
(:mod:`wirearchive.chunks`), a JSON-LD ``articleBody`` replaces a body that is clearly a
truncated part of it (or stands in for none), and :mod:`wirearchive.wire` attributes the wire
and moves the dateline and credit line out of the body. ``bench/extraction.py`` measures it all.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import multiprocessing
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document

from wirearchive import __version__
from wirearchive.body import Block, anchor_texts, clean_body, is_chrome, text_block, to_blocks
from wirearchive.chunks import sibling_continuations
from wirearchive.faults import killpoint
from wirearchive.htmltext import DecodeError, decode_html, is_html_media_type, looks_like_html, parse_html
from wirearchive.metadata import read_metadata, split_authors
from wirearchive.pagekind import not_article
from wirearchive.wire import WIRE_NAMES, attribute_wire

EXTRACTOR_NAME = "wirearchive"
EXTRACTOR_VERSION = f"{__version__}+trafilatura-{trafilatura.__version__}"

# Larger payloads are not article pages (or not worth the parse); trafilatura's own cap is 20 MB.
MAX_HTML_BYTES = 10_000_000
# The trafilatura passes: name -> (trafilatura fast mode, favor_precision). Full mode is
# trafilatura's default extract (readability and jusText compared with its own).
PASSES: dict[str, tuple[bool, bool]] = {"precision": (True, True), "balanced": (True, False), "full": (False, False)}
# The cascade, cheapest first. The precision pass is left out: run first (precision, balanced,
# full) it gave trafilatura-eval F1 0.9313 / Zyte 0.9748 / 388 of 415 real-world checks at 1.54
# passes a page; this order gives 0.9323 / 0.9734 / 395 at 1.26 passes (and balanced, precision,
# full 0.9327 / 0.9734 / 394 at 1.52): the precision pass drops short lines trafilatura keeps
# (subheadings, a closing question, "Additional reporting by"). Measured on the cleaned passes
# before continuation chunks and wire attribution; bench/extraction.py section 3 prints them.
CASCADE: tuple[str, ...] = ("balanced", "full")
# A pass's output is the whole story when, after cleaning, it has at least MIN_STORY_CHARS
# characters of prose (Candidate.prose_chars) in MIN_STORY_PARAGRAPHS paragraphs, at least
# MIN_PAGE_SHARE of the page's words (0: not checked), and the cleaner dropped (or links make up)
# at most MAX_CHROME_SHARE of it; otherwise the next pass runs. Chosen with 5-fold cross-validation
# by page over trafilatura's evaluation set and the Zyte benchmark together (bench/extraction.py
# section 3 prints its grid, per-fold choices and held-out F1; re-run it after changing one). On
# 2026-12-03, replaying the cleaned passes (before continuation chunks and wire attribution),
# MIN_STORY_CHARS/MIN_STORY_PARAGRAPHS/MIN_PAGE_SHARE 1500/1/0.0 was chosen in 4 of 5 folds (held-out
# trafilatura-eval F1 0.935, Zyte 0.974) and gives the same in-sample F1 as the former 1500/3/0.1
# (0.9352 / 0.9739) while running full mode on 273 of 1174 pages instead of 305, and never
# counting the page's words. Choosing the cheapest setting within 0.0005 of the best instead
# (full mode on 45-130 pages) cost held-out trafilatura-eval F1 0.002, so it was not taken.
MIN_STORY_CHARS = 1500
MIN_STORY_PARAGRAPHS = 1
MIN_PAGE_SHARE = 0.0
MAX_CHROME_SHARE = 0.4
# A later pass wins when its score (see Candidate.score) is this much higher; lines of fewer
# words are not prose (labels, teasers, captions) and cost half their length. SWITCH_RATIO is in
# the same cross-validation; the word floor and the cost were set by hand on both sets (paragraph
# vs line scores and costs 0/0.5/1 moved F1 by at most 0.002); re-run the bench after changing one.
SWITCH_RATIO = 1.1
PROSE_MIN_WORDS = 10
SHORT_LINE_COST = 0.5
# Full mode must hold this much more story to replace a fast pass judged a fragment (not chrome,
# not nothing). Chosen with the cascade's cross-validation in bench/extraction.py; re-run it.
FULL_SWITCH_RATIO = 2.0
# JSON-LD articleBody replaces the extracted body when it is this much longer and contains it.
LD_BODY_MIN_RATIO = 1.5
LD_BODY_MIN_OVERLAP = 0.8

# A page whose main text is shorter than this has no article (a menu, a landing page); the
# shortest wire briefs run to a few dozen words.
MIN_BODY_WORDS = 10
# Recovered sibling-chunk paragraphs shorter than this are handles, captions or labels.
CONTINUATION_MIN_CHARS = 40

_PAGE_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
_EXCERPT_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
_BYLINE_PARAGRAPH = re.compile(r"^\s*by\s+[^\n]{2,120}$", re.I)
_WORD = re.compile(r"\w+")


class ExtractInput(NamedTuple):
    """One page for :func:`extract_batch`. A ``NamedTuple``, so it pickles to the spawn workers as is.

    Attributes:
        key: The caller's id of the page, returned with its result (the pipeline's capture id).
        payload: The archived HTML bytes.
        url: The page's URL.
        content_type: Its ``Content-Type``, or None.
        default_wire: The wire the source publishes by default (the registry's ``wire``), or None.
    """

    key: str
    payload: bytes
    url: str
    content_type: str | None
    default_wire: str | None


class ExtractionError(Exception):
    """A page that yields no article.

    Attributes:
        reason: Short code: not_html | empty_body | decode_error | parse_error | too_large |
            worker_crash | internal_error. (A page the article gate turns away is no error: it is
            returned with :attr:`Extraction.not_article` set.)
        detail: Human-readable explanation.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article page.

    Times are aware UTC. ``body`` is clean text with paragraphs separated by a blank line, the
    dateline prefix and credit line removed (they are in ``dateline`` and ``credit_line``).
    ``canonical_url`` is as declared by the page (not normalized). ``not_article`` is the article
    gate's verdict (:mod:`wirearchive.pagekind`): ``None`` for a news article, else a
    ``not_article_*`` reason (a product page, a forum thread, a listing...) whose text is still
    extracted; the pipeline keeps such a page as an ``articles`` row flagged in its
    ``not_article`` column, left out of story matching.
    """

    title: str | None
    description: str | None
    authors: tuple[str, ...]
    author_orgs: tuple[str, ...]
    published_at: datetime | None
    modified_at: datetime | None
    language: str | None
    section: str | None
    top_image: str | None
    site_name: str | None
    canonical_url: str | None
    body: str
    wire_service: str | None
    attribution: str | None
    dateline: str | None
    extractor: str
    extractor_version: str
    credit_line: str | None = None
    not_article: str | None = None
    not_article_detail: str | None = None


def trafilatura_blocks(
    tree: HtmlElement, url: str, precision: bool, anchors: frozenset[str], fast: bool = True
) -> list[Block]:
    """One trafilatura pass (no comments) over a shared tree, as blocks.

    Args:
        tree: Parsed page (trafilatura works on a copy).
        url: Page URL.
        precision: ``favor_precision`` when true, trafilatura's balanced mode otherwise.
        anchors: Link texts of the page, see :func:`wirearchive.body.anchor_texts`.
        fast: trafilatura's fast mode; ``False`` runs its full mode, which compares its result
            with readability and jusText and takes theirs when its own looks wrong.

    Returns:
        The blocks of its main text; empty when it finds none.
    """
    # output_format "txt": the same extraction, but bare_extraction leaves the body tree
    # unserialised (its "python" format renders a text of the whole body, never read here)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=precision,
        include_comments=False,
        include_tables=True,
        output_format="txt",
    )
    if not isinstance(document, Document) or document.body is None:  # None: nothing found (no as_dict here)
        return []
    return to_blocks(document.body, anchors)


@dataclass(frozen=True)
class Candidate:
    """The cleaned output of one extraction pass.

    Attributes:
        name: The pass (a key of :data:`PASSES`).
        paragraphs: Its paragraphs after :func:`wirearchive.body.clean_body`.
        raw_chars: Characters of its blocks before cleaning.
        link_chars: Characters of those blocks inside links.
    """

    name: str
    paragraphs: list[str]
    raw_chars: int
    link_chars: float

    @property
    def chars(self) -> int:
        """Characters kept after cleaning."""
        return sum(map(len, self.paragraphs))

    @functools.cached_property
    def _lines(self) -> tuple[int, int]:
        """Characters of distinct prose lines and of the other lines (see :attr:`score`)."""
        prose = other = 0
        seen: set[str] = set()
        for paragraph in self.paragraphs:
            for text in paragraph.split("\n"):
                if text in seen:  # a pass that repeats the story (hidden copies, JSON dumps) holds no more of it
                    continue
                seen.add(text)
                if len(_WORD.findall(text)) >= PROSE_MIN_WORDS and not _EXCERPT_END.search(text):
                    prose += len(text)
                else:
                    other += len(text)
        return prose, other

    @property
    def prose_chars(self) -> int:
        """Characters of its distinct prose lines: at least :data:`PROSE_MIN_WORDS` words, not cut
        off with an ellipsis like an index page's excerpts."""
        return self._lines[0]

    @property
    def score(self) -> float:
        """How much story it holds: :attr:`prose_chars` less :data:`SHORT_LINE_COST` of its other
        lines (labels, menu entries, teasers, captions)."""
        prose, other = self._lines
        return prose - SHORT_LINE_COST * other


def run_pass(
    tree: HtmlElement, url: str, anchors: frozenset[str], name: str, title: str | None, description: str | None
) -> Candidate:
    """Run one pass of :data:`PASSES` and clean its blocks.

    Args:
        tree: Parsed page (not modified).
        url: Page URL.
        anchors: Link texts of the page.
        name: A key of :data:`PASSES`.
        title: Page title (a repeated headline is dropped).
        description: Page description (a repeated standfirst is dropped).

    Returns:
        The candidate body.
    """
    fast, precision = PASSES[name]
    blocks = trafilatura_blocks(tree, url, precision, anchors, fast=fast)
    paragraphs = clean_body(blocks, title=title, description=description)
    return Candidate(
        name, paragraphs, sum(len(b.text) for b in blocks), sum(b.link_share * len(b.text) for b in blocks)
    )


def page_words(tree: HtmlElement) -> int:
    """Words of the page's visible text (scripts and styles left out), to judge a pass's length."""
    return sum(len(_WORD.findall(t)) for t in _PAGE_TEXT(tree))


def judge(candidate: Candidate, words_on_page: Callable[[], int]) -> str | None:
    """What is wrong with a pass's output, or ``None`` when it reads as the whole story.

    Args:
        candidate: A cleaned pass.
        words_on_page: Gives :func:`page_words` of the page (called only when needed).

    Returns:
        ``"nothing"`` (no text), ``"chrome"`` (the cleaner dropped most of it, or it is mostly
        links), ``"fragment"`` (short, few paragraphs, or a small share of the page's text) or
        ``None``.
    """
    if not candidate.paragraphs:
        return "nothing"
    raw = candidate.raw_chars or 1
    if candidate.raw_chars - candidate.chars > MAX_CHROME_SHARE * raw or candidate.link_chars > MAX_CHROME_SHARE * raw:
        return "chrome"
    if candidate.prose_chars < MIN_STORY_CHARS or len(candidate.paragraphs) < MIN_STORY_PARAGRAPHS:
        return "fragment"
    if MIN_PAGE_SHARE and sum(len(_WORD.findall(p)) for p in candidate.paragraphs) < MIN_PAGE_SHARE * words_on_page():
        return "fragment"
    return None


def choose(candidates: Iterable[Candidate], words_on_page: Callable[[], int]) -> Candidate:
    """Walk the cascade: take passes in order until the best so far is judged the whole story.

    A later pass replaces the best so far when its :attr:`Candidate.score` is
    :data:`SWITCH_RATIO` times higher, so chrome a wider pass adds never wins on length alone;
    full mode replaces a fast pass's short but clean text only with :data:`FULL_SWITCH_RATIO`
    times its story (its readability fallback takes whole index pages around a short post).

    Args:
        candidates: The passes' outputs, cheapest first; consumed lazily, so a pass that is not
            needed is never run.
        words_on_page: Gives :func:`page_words` of the page (called only when needed).

    Returns:
        The chosen candidate: the first judged whole, else the best of all passes.

    Raises:
        ValueError: When there is no candidate at all.
    """
    best: Candidate | None = None
    verdict: str | None = None
    for candidate in candidates:
        ratio = FULL_SWITCH_RATIO if candidate.name == "full" and verdict == "fragment" else SWITCH_RATIO
        # the margin is a share of a positive score; below zero (short lines only) higher simply wins
        if best is None or candidate.score > best.score + (ratio - 1) * max(best.score, 0.0):
            best = candidate
        verdict = judge(best, words_on_page)
        if verdict is None:
            break
    if best is None:
        raise ValueError("no candidate")
    return best


def main_paragraphs(
    tree: HtmlElement, url: str, anchors: frozenset[str], title: str | None = None, description: str | None = None
) -> Candidate:
    """The article's paragraphs from the cascade of :data:`CASCADE` (see :func:`choose`).

    Args:
        tree: Parsed page (not modified).
        url: Page URL.
        anchors: Link texts of the page.
        title: Page title.
        description: Page description.

    Returns:
        The chosen candidate.
    """
    passes = (run_pass(tree, url, anchors, name, title, description) for name in CASCADE)
    return choose(passes, functools.cache(lambda: page_words(tree)))


def continuation_paragraphs(tree: HtmlElement, paragraphs: list[str], anchors: frozenset[str]) -> list[str]:
    """Article paragraphs in sibling chunks trafilatura skipped, without chrome.

    Args:
        tree: The parsed page.
        paragraphs: Paragraphs extracted so far.
        anchors: Link texts of the page.

    Returns:
        Paragraphs to append (see :func:`wirearchive.chunks.sibling_continuations`), each at
        least :data:`CONTINUATION_MIN_CHARS` long and not chrome.
    """
    found = sibling_continuations(tree, paragraphs)
    return [p for p in found if len(p) >= CONTINUATION_MIN_CHARS and not is_chrome(text_block("p", p, anchors))]


def prefer_structured_body(paragraphs: list[str], article_body: str | None) -> list[str]:
    """Use the JSON-LD ``articleBody`` when the extracted text is a truncated part of it.

    Args:
        paragraphs: Extracted paragraphs.
        article_body: The page's JSON-LD ``articleBody``, if any.

    Returns:
        The articleBody's paragraphs when it is at least :data:`LD_BODY_MIN_RATIO` times longer
        and holds :data:`LD_BODY_MIN_OVERLAP` of the extracted words; else ``paragraphs``.
    """
    if not article_body:
        return paragraphs
    ours = _WORD.findall(" ".join(paragraphs).casefold())
    if len(article_body) < LD_BODY_MIN_RATIO * sum(len(p) for p in paragraphs):
        return paragraphs
    theirs = set(_WORD.findall(article_body.casefold()))
    if ours and sum(w in theirs for w in ours) < LD_BODY_MIN_OVERLAP * len(ours):
        return paragraphs
    return [p.strip() for p in re.split(r"\n+", article_body) if p.strip()]


def _decode(html: bytes | str, content_type: str | None) -> str:
    if not is_html_media_type(content_type):
        raise ExtractionError("not_html", f"content type {content_type!r}")
    if len(html) > MAX_HTML_BYTES:
        raise ExtractionError("too_large", f"{len(html)} bytes > {MAX_HTML_BYTES}")
    if isinstance(html, bytes):
        try:
            text = decode_html(html, content_type)
        except DecodeError as exc:
            raise ExtractionError("decode_error", str(exc)) from None
    else:
        text = html
    # one form for every character, so equal text compares equal (and snippets match)
    text = unicodedata.normalize("NFC", text)
    if not looks_like_html(text):
        raise ExtractionError("not_html", "no HTML markup in the payload")
    return text


def _split_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    if paragraphs and _BYLINE_PARAGRAPH.match(paragraphs[0]):
        return paragraphs[1:], paragraphs[0].strip()
    return paragraphs, None


def extract(
    html: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    default_wire: str | None = None,
    wire_aliases: Mapping[str, Sequence[str]] | None = None,
) -> Extraction:
    """Extract the article of one page.

    Args:
        html: Response payload (bytes are decoded in the WHATWG order: BOM, then the HTTP
            charset, then the page's declared charset, then detection; see
            :func:`wirearchive.htmltext.decode_html`) or already decoded text.
        url: The page URL.
        content_type: HTTP ``Content-Type`` header value, if known.
        default_wire: The registry's wire code for this source's own copy.
        wire_aliases: Extra wire ``code -> names`` (the registry's ``wires`` table).

    Returns:
        The extraction; ``not_article`` says whether the gate judged it a news article.

    Raises:
        ExtractionError: With ``reason`` not_html, too_large, decode_error, parse_error or
            empty_body. (A page the article gate turns away is returned with ``not_article`` set.)
    """
    text = _decode(html, content_type)
    tree = parse_html(text)
    if tree is None:
        raise ExtractionError("parse_error", "lxml found no document")
    wire_names = tuple(n for names in (*WIRE_NAMES.values(), *(wire_aliases or {}).values()) for n in names)
    meta = read_metadata(tree, url, wire_names=wire_names)
    anchors = anchor_texts(tree)
    paragraphs = main_paragraphs(tree, url, anchors, meta.title, meta.description).paragraphs
    paragraphs += continuation_paragraphs(tree, paragraphs, anchors)
    paragraphs = prefer_structured_body(paragraphs, meta.article_body)
    paragraphs, body_byline = _split_byline([unicodedata.normalize("NFC", p) for p in paragraphs])
    authors, orgs = meta.authors, meta.author_orgs
    if body_byline and not (authors or orgs):
        authors, orgs = split_authors([body_byline], wire_names)
    bylines = [b for b in (*meta.bylines, body_byline) if b]
    wire = attribute_wire(
        body="\n\n".join(paragraphs),
        byline="; ".join(bylines) or None,
        authors=(*authors, *orgs),
        structured_orgs=meta.structured_orgs,
        default_wire=default_wire,
        aliases=wire_aliases,
    )
    if len(_WORD.findall(wire.body)) < MIN_BODY_WORDS:
        raise ExtractionError("empty_body", f"main text has fewer than {MIN_BODY_WORDS} words")
    rejected = not_article(tree, url, wire.body, anchors, has_byline=bool(authors or orgs or bylines))
    return Extraction(
        title=meta.title,
        description=meta.description,
        authors=authors,
        author_orgs=orgs,
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        language=meta.language,
        section=meta.section,
        top_image=meta.top_image,
        site_name=meta.site_name,
        canonical_url=meta.canonical_url,
        body=wire.body,
        wire_service=wire.wire_service,
        attribution=wire.attribution,
        dateline=wire.dateline,
        extractor=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
        credit_line=wire.credit_line,
        not_article=rejected.reason if rejected else None,
        not_article_detail=rejected.detail if rejected else None,
    )


def _extract_item(
    item: ExtractInput, wire_aliases: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, Extraction | ExtractionError]:
    key, payload, url, content_type, default_wire = item
    killpoint("extract.worker")
    try:
        got = extract(payload, url, content_type=content_type, default_wire=default_wire, wire_aliases=wire_aliases)
    except ExtractionError as exc:
        return key, exc
    except Exception as exc:  # a bug on one page must not lose the batch; it is reported per key
        return key, ExtractionError("internal_error", f"{type(exc).__name__}: {exc}")
    return key, got


def _extract_chunk(
    items: list[ExtractInput], wire_aliases: Mapping[str, Sequence[str]] | None
) -> list[tuple[str, Extraction | ExtractionError]]:
    return [_extract_item(item, wire_aliases) for item in items]


def extract_batch(
    items: Iterable[ExtractInput],
    *,
    processes: int = 2,
    chunksize: int = 8,
    wire_aliases: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[tuple[str, Extraction | ExtractionError]]:
    """Extract many pages in a process pool (spawn start method), yielding results as they finish.

    Errors are returned, not raised; a page the article gate turns away is returned as
    :func:`extract` returns it, an :class:`Extraction` with ``not_article`` set (its text is
    extracted; only a page with no text is an error). When a worker process dies (segfault, out
    of memory), the pool is rebuilt and the pages of the lost chunks are retried one by one; a page that kills
    its worker then is reported as ``ExtractionError("worker_crash", ...)``.

    Args:
        items: Pages, :class:`ExtractInput` rows.
        processes: Worker processes; ``1`` or less runs in this process.
        chunksize: Pages sent to a worker at a time.
        wire_aliases: Extra wire ``code -> names`` (the registry's ``wires`` table), for every page.

    Yields:
        ``(key, Extraction | ExtractionError)`` for every item, in completion order.
    """
    if processes <= 1:
        for item in items:
            yield _extract_item(item, wire_aliases)
        return
    items = list(items)
    chunks = [items[i : i + chunksize] for i in range(0, len(items), chunksize)]
    context = multiprocessing.get_context("spawn")
    lost: list[ExtractInput] = []
    with cf.ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = {pool.submit(_extract_chunk, chunk, wire_aliases): chunk for chunk in chunks}
        for future in cf.as_completed(futures):
            try:
                yield from future.result()
            except cf.process.BrokenProcessPool:
                lost.extend(futures[future])
    yield from _isolate(lost, context, wire_aliases)


def _isolate(
    items: list[ExtractInput],
    context: multiprocessing.context.BaseContext,
    wire_aliases: Mapping[str, Sequence[str]] | None,
) -> Iterator[tuple[str, Extraction | ExtractionError]]:
    """Retry pages of a broken pool one at a time, so the page that kills a worker is found."""
    if not items:
        return
    pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        for item in items:
            try:
                yield pool.submit(_extract_item, item, wire_aliases).result()
            except cf.process.BrokenProcessPool:
                key, _payload, url, _content_type, _default_wire = item
                yield key, ExtractionError("worker_crash", f"worker process died on {url}")
                pool.shutdown(wait=True)
                pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=context)
    finally:
        pool.shutdown(wait=True)
