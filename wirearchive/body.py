"""Cleaning the main-text tree trafilatura returns into a plain body of paragraphs.

trafilatura hands back its body as a small XML tree of blocks (``p``, ``head``, ``list``,
``quote``, ``table`` …). Its links are not kept (asking for them changes what it extracts), so a
block's link share is measured by matching its lines against the page's anchor texts. Chrome
that survives extraction has recognisable shapes at block level, so the blocks are filtered here:

* blocks at the top that repeat the page title, and headings there that repeat the description
  (both are fields of their own; the body starts with the text), but not a heading that holds
  the whole description and more (the description was cut from the lead);
* lists and headings whose text is mostly links (related stories, "more from" rails, section
  menus, teaser headlines between paragraphs), except a linked heading followed by a paragraph
  of prose (a subheading of the story); short paragraphs are spared (measured: dropping
  link-heavy short paragraphs too cost more recall than it gained precision);
* short blocks that are newsletter boxes, share/print/reprint prompts, "read more" teasers,
  copyright lines, contact lines (e-mail, "follow her on Twitter"), time stamps or photo credits;
* rails of teasers after a label ("DON'T MISS", "Related", "Tags", "Leggi anche" …): the
  following short blocks that do not end like a sentence;
* whole-link lines inside long, link-heavy multi-line paragraphs, and the short lines of
  paragraphs made mostly of one- or two-word lines (menus and widgets flattened into one block);
* headings left dangling at the end (their section was chrome and has been dropped).

A block a paragraph announces with a closing colon ("… a dedicated mailbox:" followed by the
address, "Recommendations from Dennis:" followed by a list of links) is that paragraph's object
and stays, whatever its shape (a replay of the cleaner on the bench's trafilatura passes,
2026-12-03: +2 real-world checks, trafilatura-eval F1 +0.0006, Zyte unchanged).

Each rule's gain is printed by ``bench/extraction.py``; re-run it after changing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.xml import xmltotxt

# A list or heading whose characters are at least this share link text is a link rail, not
# content. Chosen by bench/extraction.py's 5-fold cross-validation over 0.3/0.5/0.7/off (0.5 in
# every fold); re-run the bench after changing it.
LINK_LIST_RATIO = 0.5
# A line is a link teaser when it starts with a link text of at least this many words (shorter
# prefixes such as "Home" or "World news" are too common); a whole line may equal any link text.
MIN_ANCHOR_WORDS = 3
# A paragraph of at least this many lines that are whole links is a flattened menu: its link
# lines go (bench/extraction.py: fixes menu dumps, no page loses text); re-run after changing.
MENU_MIN_LINES = 5
# A block of at least WIDGET_MIN_LINES lines, WIDGET_SHORT_SHARE of them of at most MENU_WORDS
# words, is an archive/category widget flattened into the text: only lines of WIDGET_KEEP_WORDS
# words or more stay. Chosen by hand from the shape of such widgets, checked on the bench (no
# page loses text); re-run bench/extraction.py after changing one.
WIDGET_MIN_LINES = 20
WIDGET_SHORT_SHARE = 0.7
MENU_WORDS = 2
WIDGET_KEEP_WORDS = 8
# A linked heading followed by a paragraph of at least this many words opens a section of the
# story (a linked subheading), not a teaser; teaser summaries are shorter. Set by reasoning;
# on bench replays (2026-12-03) 25/40/60 gave trafilatura-eval F1 0.9344/0.9347/0.9347 and Zyte
# 0.9734/0.9734/0.9731 against 0.9338/0.9729 without the rule.
SECTION_MIN_WORDS = 40
# Longest link text looked for at the start of a list item or heading (a teaser headline).
MAX_TEASER_WORDS = 30
# Boilerplate phrases are only trusted on short blocks, so a paragraph quoting one survives.
BOILERPLATE_MAX_WORDS = 30

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_BOILERPLATE = re.compile(
    r"""(
      \bsign(?:ing)?\s+up\b | \bsubscribe\b | \bnewsletters?\b | \bunsubscribe\b
    | \bthanks?\s+(?:you\s+)?for\s+(?:signing|subscribing|reading)\b
    | \bread\s+(?:more|next|also)\b | ^\s*(?:related|see\s+also|more\s+from|recommended)\b
    | \bshare\s+(?:this|it|on)\b | \bfollow\s+us\b | \blike\s+this\s+story\b
    | \b(?:order|print)\s+(?:reprints|article)\b | \bpersonal,\s+non-commercial\s+use\b
    | \ball\s+rights\s+reserved\b | ^\s*(?:copyright|©) | \berror\s+(?:has\s+occurred|processing)\b
    | \bcookies?\b.*\b(?:consent|accept|policy)\b | \baccept\s+(?:all\s+)?cookies\b
    | \bclick\s+here\b | \badvertisement\b | \bsponsored\s+content\b
    | [\w.+-]+@[\w-]+\.[a-z]{2,} | \bfollow\s+(?:@?\w+\s+){0,2}on\s+(?:twitter|facebook|instagram)\b
    | \bmay\s+be\s+reached\s+at\b | \bhas\s+been\s+sent\s+to\b | ^\s*thank\s+you\W*$
    | ^\s*(?:last\s+)?(?:updated|published|posted)\b.{0,40}\d.{0,20}$ | ^\s*https?://\S+\s*$
    )""",
    re.I | re.X,
)
# Page furniture beyond English, and the prompts around a story (read-also teasers with their
# label, follow/subscribe/support calls, login and password hints, comment prompts, copyright,
# reprint and advertising notices, photo credits, category and date lines, forum paging: page
# numbers, not a price or a share such as "286,35 €" or "2,0 %"). Only trusted on short blocks,
# like _BOILERPLATE. Added from the leaks of trafilatura's evaluation set (all
# sites, no site names); bench/extraction.py prints what it gains on each set: re-run it.
_FURNITURE = re.compile(
    r"""(
      ^\W*(?:lea(?:\s+(?:también|tambien|más|mas|además))?|le\s+puede\s+interesar|te\s+puede\s+interesar
          |vea\s+también|vea\s+tambien|mira|puedes\s+ver|lee\s+(?:también|tambien|más)|à\s+lire(?:\s+aussi)?|lire\s+aussi
          |(?:auch|mehr|bitte)\s+lesen|lesen\s+sie\s+(?:auch|hier|mehr)|czytaj\s+(?:też|także|więcej)|zobacz\s+(?:też|także)
          |dowiedz\s+się\s+więcej|leggi\s+anche|leia\s+(?:também|mais)|also\s+read|read\s+(?:also|more)|related|see\s+also
          |watch|listen)\s*[:»>|]
    | ^\s*>>.*<<\s*$
    | \bs[ií]guenos\b | \bfolgen\s+sie\s+uns\b | \bsuivez-nous\b | \bfollow\s+(?:@?\w+\s+){0,3}on\s+(?:twitter|facebook|instagram|x)\b
    | \bsuscr[ií]b(?:ete|ase|irse)\b | \bsuscripci[oó]n\s+(?:digital|premium)\b | \babonn(?:ieren\s+sie|ez-vous)\b | \bjetzt\s+abonnieren\b | \bvotre\s+abonnement\b | \bsubskrypc | \bhazte\s+miembro | \bunterstütze\b
    | \bsupport\s+(?:us|our\s+(?:work|journalism))\b | \bcanal\s+de\s+(?:telegram|youtube|whatsapp)
    | \bdownload\s+(?:the|our)\b.{0,40}\bapps?\b | \b(?:for|to)\s+(?:our\s+)?(?:digital\s+)?subscribers\b | \bsubscribers?[\s-]+(?:only|exclusive)\b | \bexclusive\s+to\s+subscribers\b
    | \b(?:is|are)\s+copyrighted\b | \bcopyrighted\s+(?:material|content|property)\b | \breprints?\s+(?:and|&)\s+permissions\b | \breprint\s+rights\b | \bprawem\s+autorskim | \bvervielfältigung | \bnachdruck\s+(?:nur|verboten|und\s+vervielf)
    | \bderechos\s+reservados | \btous\s+droits\s+réservés | \balle\s+rechte\s+vorbehalten
    | \b(?:be|are|you're|must\s+be)\s+logged\s+in\b | \b(?:nicht|sind|bist|müssen)\s+(?:\w+\s+){0,2}eingeloggt\b | \b(?:your|ihr|dein|enter|new|forgot(?:ten)?|reset)\s+(?:the\s+)?pass(?:word|wort)\b | \bpass(?:word|wort)\s+(?:must|muss|vergessen|requirements|should)\b | \b(?:ihr|dein)\s+kennwort\b | \bkennwort\s+(?:vergessen|muss)\b | \b(?:tu|su)\s+contraseña\b | \bcontraseña\s+(?:debe|olvidada)\b | \bvotre\s+mot\s+de\s+passe\b | \bmot\s+de\s+passe\s+(?:oublié|doit)\b
    | \bleave\s+a\s+(?:reply|comment)\b | \bpost\s+a\s+comment\b | ^\W*(?:no|keine)\s+(?:comments|kommentare)\b
    | \bkommentar(?:e)?\s+(?:schreiben|hinzufügen|verfassen)\b | \bcomments?\s+(?:are\s+)?closed\b
    | \b(?:comments?|coment[áa]rios?|kommentare?|commentaires?)\b.{0,80}\b(?:moderat|approv|aprovad|freigab|publicad)
    | ^\W*(?:\*?werbung|anzeige|advertorial|publicidad|reklama)\b | \baffiliate[\s-]+links?\b | \bour\s+advertisers\b
    | ^\s*\(?(?:fotos?|fot\.|photos?|credits?|bild|titelbild|beitragsbild|image|imagen|crédito|quelle|source)\s*:
    | ^\s*(?:category|categories|kategorie|rubrik|tags?|temas?|topics|themen|schlagworte|schlagwörter|etiquetas)\s*:
    | ^\s*(?:letzte\s+änderung|aktualisiert(?:\s+am)?|veröffentlicht(?:\s+am)?|veröffentlichung|publié\s+le|publicado
          |actualizado|last\s+modified)\b.{0,40}\d.{0,20}$
    | ^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*$
    | ^\W*(?:page|seite|p[áa]gina|pagina)\s+\d+\s+(?:of|von|de|di|sur)\s+\d+\W*$
    | ^\W*(?:(?:«|‹|<)\s*)?(?:prev(?:ious)?|zurück|anterior|précédent)\b.{0,60}\b(?:next|weiter|siguiente|suivant)\b
    | ^\W*(?:\d+[^\w.,]+){2,}(?:next|weiter|siguiente|suivant|»|›)?\W*$
    )""",
    re.I | re.X,
)
# A short label that introduces a rail of teasers; the headline-like blocks after it go too.
_TEASER_LABEL = re.compile(
    r"""^\W*(?:don'?t\s+miss|see\s+more|see\s+also|also\s+on\b.*|read\s+(?:more|also|next)|related(?:\s+\w+)?
    |more\s+(?:from|on|stories)\b.*|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+\w+)?|trending(?:\s+\w+)?
    |tags?|topics|leggi\s+anche|leia\s+tamb[ée]m|lesen\s+sie\s+auch|lire\s+aussi|lee\s+tambi[ée]n
    |(?:contenido|notas|noticias|art[ií]culos)\s+relacionad[oa]s?|temas|m[áa]s\s+(?:noticias|sobre)\b.*|te\s+puede\s+interesar
    |schon\s+gelesen|auch\s+interessant|zum\s+weiterlesen|empfohlene\s+(?:beiträge|artikel)|mehr\s+zum\s+thema
    |weitere\s+(?:themen|artikel|beiträge|nachrichten)\b.*|mehr\s+themen|ähnliche\s+(?:beiträge|artikel)
    |das\s+könnte\s+(?:dich|sie)\s+auch\s+interessieren|lesen\s+sie\s+auch\b.*|à\s+découvrir|à\s+lire\s+aussi
    |sur\s+le\s+même\s+sujet|articles?\s+similaires|czytaj\s+(?:też|także)|zobacz\s+(?:też|także)|polecane)\W*$""",
    re.I | re.X,
)
# Teasers after such a label: short and not ending like a sentence.
TEASER_MAX_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?\"”’»:]\s*$")
# A paragraph ending in a colon announces the block after it ("… a dedicated mailbox:",
# "Recommendations from Dennis:"): that block is the paragraph's object, kept even when it has the
# shape of chrome (a linked address, a list of links). Teaser labels and chrome never announce.
_ANNOUNCES = re.compile(r"[:：]\s*$")
_CAPTION = re.compile(
    r"""(\((?:AP|AFP|Reuters|EPA|Getty)\s+Photo\b | \bphoto(?:graph)?s?\s*(?:by|:|credit|©)
    | \b(?:image|picture)\s*(?:credit|:) | \bGetty\s+Images\b | ©\s*\w+ )""",
    re.I | re.X,
)


@dataclass(frozen=True)
class Block:
    """One top-level block of the extracted body.

    Attributes:
        kind: trafilatura tag: ``p``, ``head``, ``list``, ``quote``, ``table``, ``code`` …
        text: Its text, whitespace folded (lines kept for lists and tables).
        link_share: Share of its characters inside links, 0..1.
        link_lines: Per line of ``text``, whether the whole line is a link text.
        words: Number of word tokens in ``text``.
    """

    kind: str
    text: str
    link_share: float
    link_lines: tuple[bool, ...] = ()
    words: int = 0


def anchor_texts(tree: HtmlElement) -> frozenset[str]:
    """Texts of the page's links, folded, to recognise link rails after extraction.

    trafilatura's link-keeping mode changes what it extracts (measured: F1 0.962 -> 0.901 on
    the benchmark), so links are matched back to the page by their text instead. Links within
    the page (``href="#…"``: a table of contents, a heading's own anchor) lead to no other page
    and are left out, so the story's subheadings are not taken for a rail of teasers (a replay
    on the bench's cached passes, 2026-12-03: trafilatura-eval F1 0.9346 -> 0.9349, Zyte
    0.9734 -> 0.9733).

    Args:
        tree: The parsed page.

    Returns:
        Folded, non-empty anchor texts.
    """
    return frozenset(
        filter(
            None,
            (
                _norm(anchor.text_content())
                for anchor in tree.iter("a")
                if not (anchor.get("href") or "").startswith("#")
            ),
        )
    )


def _linked_chars(folded: str, anchors: frozenset[str], prefixes: bool) -> int:
    if folded in anchors:
        return len(folded)
    if not prefixes:
        return 0
    words = folded.split(" ")
    for end in range(min(len(words) - 1, MAX_TEASER_WORDS), MIN_ANCHOR_WORDS - 1, -1):
        prefix = " ".join(words[:end])
        if prefix in anchors:
            return len(prefix)
    return 0


def text_block(kind: str, text: str, anchors: frozenset[str] = frozenset()) -> Block:
    """Make a block from text, measuring its link share against the page's link texts.

    Args:
        kind: Block kind (trafilatura tag, e.g. ``p``).
        text: Its text; lines are folded, blank lines dropped.
        anchors: Link texts of the page (:func:`anchor_texts`).

    Returns:
        The block.
    """
    lines = [line for line in (_WS.sub(" ", raw).strip() for raw in text.splitlines()) if line]
    folded = [_norm(line) for line in lines]
    # teaser prefixes only matter where the link share is used on its own: lists and headings
    prefixes = kind in ("list", "head")
    linked = sum(_linked_chars(line, anchors, prefixes) for line in folded)
    total = sum(map(len, folded)) or 1
    whole = tuple(bool(line) and line in anchors for line in folded)
    words = sum(line.count(" ") + 1 for line in folded if line)
    return Block(kind, "\n".join(lines), min(1.0, linked / total), whole, words)


def to_blocks(body: _Element, anchors: frozenset[str] = frozenset()) -> list[Block]:
    """Split trafilatura's body tree into text blocks.

    Args:
        body: The ``body`` element of a trafilatura ``Document``.
        anchors: Link texts of the page (:func:`anchor_texts`), to measure link share.

    Returns:
        Non-empty blocks in document order.
    """
    blocks = (text_block(str(child.tag), xmltotxt(child, False), anchors) for child in body)
    return [block for block in blocks if block.text]


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall(text or "")).casefold()


def _repeats(text: str, *fields: str | None) -> bool:
    """Whether a block repeats a metadata field: equal, or one holds the other at similar length."""
    own = _norm(text)
    for other in map(_norm, fields):
        if (
            own
            and other
            and (own == other or (len(own) > 20 and (own in other or other in own) and len(own) <= 2 * len(other)))
        ):
            return True
    return False


def _is_standfirst(text: str, description: str | None) -> bool:
    """Whether a heading at the top is the page's description (a standfirst, a field of its own).

    A heading that holds the whole description and more is not: the description was cut from
    it (a site that fills its description with the start of the lead, rendered as a heading).
    Measured on the bench's cached passes (2026-12-04): trafilatura-eval keeps 3 more expected
    snippets and 1 more unwanted one, the Zyte bodies are unchanged (none of its standfirsts is
    longer than the description).
    """
    if not _repeats(text, description):
        return False
    own, other = _norm(text), _norm(description)
    return not (other in own and len(own) > len(other))


def is_chrome(block: Block, link_ratio: float = LINK_LIST_RATIO) -> bool:
    """Whether a block is page chrome by its own shape (link rail, boilerplate, caption).

    Args:
        block: One body block.
        link_ratio: Link share from which a list or heading is a link rail.

    Returns:
        ``True`` when the block should not be part of the article body.
    """
    if block.link_share >= link_ratio and block.kind in ("list", "head"):
        return True
    if block.words <= BOILERPLATE_MAX_WORDS and any(
        pattern.search(block.text) for pattern in (_BOILERPLATE, _FURNITURE, _CAPTION)
    ):
        return True
    return False


def _without_menu_lines(block: Block, link_ratio: float) -> Block:
    """Drop menu lines from a flattened menu/widget block, keeping its sentence-length lines.

    A long, link-heavy multi-line block loses its whole-link lines, any other block its runs of
    whole-link lines; a block of many lines that are mostly one or two words (archive widgets,
    category lists) keeps only its long lines.
    """
    if block.kind in ("list", "table") or len(block.link_lines) < MENU_MIN_LINES:
        return block
    lines = block.text.split("\n")
    if block.link_share >= link_ratio:
        lines = [line for line, linked in zip(lines, block.link_lines, strict=False) if not linked]
    else:
        lines = _without_link_runs(lines, block.link_lines)
    short = sum(len(_WORD.findall(line)) <= MENU_WORDS for line in lines)
    if len(lines) >= WIDGET_MIN_LINES and short >= WIDGET_SHORT_SHARE * len(lines):
        lines = [line for line in lines if len(_WORD.findall(line)) >= WIDGET_KEEP_WORDS]
    if len(lines) == len(block.link_lines):
        return block
    words = sum(len(_WORD.findall(line)) for line in lines)
    return Block(block.kind, "\n".join(lines), 0.0, (False,) * len(lines), words)


def _without_link_runs(lines: list[str], linked: tuple[bool, ...]) -> list[str]:
    """Drop runs of at least :data:`MENU_MIN_LINES` consecutive whole-link lines (a menu
    flattened into a paragraph of story text)."""
    keep = [True] * len(lines)
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and linked[end]:
            end += 1
        if end - start >= MENU_MIN_LINES:
            keep[start:end] = [False] * (end - start)
        start = end + 1
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _announces(block: Block, link_ratio: float) -> bool:
    """Whether a paragraph announces the next block (see :data:`_ANNOUNCES`)."""
    return (
        block.kind == "p"
        and bool(_ANNOUNCES.search(block.text))
        and not _TEASER_LABEL.match(block.text)
        and not is_chrome(block, link_ratio)
    )


def _opens_section(head: Block, following: Block, link_ratio: float) -> bool:
    """Whether a linked heading is a subheading of the story: a paragraph of prose follows it
    (a teaser headline is followed by a short summary or by the next teaser)."""
    return (
        head.words <= BOILERPLATE_MAX_WORDS
        and not any(pattern.search(head.text) for pattern in (_BOILERPLATE, _FURNITURE, _CAPTION))
        and following.kind == "p"
        and following.words >= SECTION_MIN_WORDS
        and not is_chrome(following, link_ratio)
    )


def _without_teaser_rails(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    in_rail = False
    for block in blocks:
        if _TEASER_LABEL.match(block.text) and block.words <= 8:
            in_rail = True
            continue
        if in_rail and block.words <= TEASER_MAX_WORDS and not _SENTENCE_END.search(block.text):
            continue
        in_rail = False
        kept.append(block)
    return kept


def clean_body(
    blocks: list[Block],
    *,
    title: str | None = None,
    description: str | None = None,
    link_ratio: float = LINK_LIST_RATIO,
) -> list[str]:
    """Drop chrome blocks and return the article's paragraphs.

    Args:
        blocks: Blocks from :func:`to_blocks`.
        title: Page title, to drop a repeated headline (any block kind) at the top.
        description: Page description, to drop a repeated standfirst at the top.
        link_ratio: See :func:`is_chrome`.

    Returns:
        Paragraph texts in order (list items and table rows stay on their own lines).
    """
    kept = []
    railless = _without_teaser_rails(blocks)
    for i, block in enumerate(railless):
        previous = railless[i - 1] if i else None
        following = railless[i + 1] if i + 1 < len(railless) else None
        if (
            not is_chrome(block, link_ratio)
            or (previous is not None and _announces(previous, link_ratio))
            or (block.kind == "head" and following is not None and _opens_section(block, following, link_ratio))
        ):
            kept.append(_without_menu_lines(block, link_ratio))
    kept = [b for b in kept if b.text]
    start = 0
    while start < len(kept) and (
        _repeats(kept[start].text, title)
        or (kept[start].kind == "head" and _is_standfirst(kept[start].text, description))
    ):
        start += 1
    kept = kept[start:]
    while kept and kept[-1].kind == "head":
        kept.pop()
    return [b.text for b in kept]
