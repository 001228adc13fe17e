"""Body extraction: the cascade of passes, continuation chunks, furniture and NFC (self-written pages)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from wirearchive import extract as ex
from wirearchive.body import anchor_texts, clean_body, text_block
from wirearchive.chunks import sibling_continuations
from wirearchive.extract import Candidate, choose, extract, judge
from wirearchive.htmltext import parse_html

URL = "http://city.example/news/bridge"
SENTENCE = (
    "The council voted on Tuesday to rebuild the old bridge over the river, after months of debate "
    "among residents and engineers."
)
MENU = "".join(f"<li><a href='/s{i}'>Section {i} news</a></li>" for i in range(30))
# A story set in plain <div>s, no <p>: trafilatura's main extractor does not see it as text.
DIV_STORY = "".join(
    f"<div>{SENTENCE} Paragraph {i} adds more detail about costs, timing and the contractors involved in the work.</div>"
    for i in range(15)
)
NEWSLETTER_INTRO = "".join(
    f"<p>{line}</p>"
    for line in (
        "Welcome back to the Morning Brief, the daily letter about the city and its people.",
        "Forward this letter to a colleague or a friend who might enjoy reading it as well.",
        "Send your tips and your questions by replying to this email, we read every one of them.",
        "Today's letter runs to some 900 words and takes about four minutes to read in full.",
        "Our weekend edition comes out on Saturday morning with the week's best reads.",
        "Now, on to today's top story about the bridge and the vote at the council.",
    )
)


def _page(body: str, head: str = "<title>Bridge</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _candidate(name: str, paragraphs: list[str], raw_chars: int | None = None) -> Candidate:
    raw = sum(map(len, paragraphs)) if raw_chars is None else raw_chars
    return Candidate(name, paragraphs, raw, 0.0)


def _words(n: int):
    return lambda: n


STORY = [f"{SENTENCE} Part {i} of the story goes on with the costs and the timetable." for i in range(12)]


# ---------------------------------------------------------------- the judge and the cascade
def test_judge_names_what_is_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    assert judge(_candidate("p", []), _words(500)) == "nothing"
    assert judge(_candidate("p", STORY[:2], raw_chars=5000), _words(500)) == "chrome"
    assert judge(_candidate("p", STORY[:2]), _words(500)) == "fragment"
    assert judge(_candidate("p", STORY), _words(500)) is None

    def uncounted() -> int:
        raise AssertionError("the page's words were counted although MIN_PAGE_SHARE is off")

    assert ex.MIN_PAGE_SHARE == 0.0 and judge(_candidate("p", STORY), uncounted) is None
    monkeypatch.setattr(ex, "MIN_PAGE_SHARE", 0.1)
    assert judge(_candidate("p", STORY), _words(20 * 500)) == "fragment"  # a small share of a long page


def test_cascade_stops_at_the_first_whole_story_and_never_runs_the_rest() -> None:
    def passes():
        yield _candidate("precision", STORY)
        raise AssertionError("a later pass ran although the first one was whole")

    assert choose(passes(), _words(500)).name == "precision"


def test_cascade_falls_back_when_the_first_pass_is_chrome_and_keeps_the_better() -> None:
    chrome = _candidate("precision", ["Sign up for our newsletter", "Share this"], raw_chars=4000)
    more_chrome = _candidate("balanced", ["Home", "World", "Sports", "Sign up for our newsletter"], raw_chars=4000)
    passes = [chrome, more_chrome, _candidate("full", STORY)]
    assert choose(iter(passes), _words(500)).name == "full"


def test_a_wider_pass_does_not_win_by_adding_short_lines() -> None:
    story = _candidate("precision", STORY[:2])
    padded = _candidate("balanced", [*STORY[:2], "\n".join(f"Section {i} news" for i in range(40))])
    assert choose(iter([story, padded, story]), _words(500)).name == "precision"


def test_precision_pass_with_newsletter_boilerplate_falls_back_to_the_story() -> None:
    html = _page(f"<nav><ul>{MENU}</ul></nav><article><p>Welcome back. Thanks for subscribing.</p>"
                 f"<p>Forward this to a colleague.</p></article><div class='story'>{DIV_STORY}</div>")  # fmt: skip
    tree = parse_html(html)
    first = ex.run_pass(tree, URL, anchor_texts(tree), "precision", "Bridge", None)
    assert judge(first, lambda: ex.page_words(tree)) is not None  # the precision pass alone loses the story
    body = extract(html.encode(), URL).body
    assert all(f"Paragraph {i} adds more detail" in body for i in range(15))


def test_both_fast_passes_fail_and_full_mode_gets_the_story() -> None:
    html = _page(f"<nav><ul>{MENU}</ul></nav><article>{NEWSLETTER_INTRO}</article><div class='story'>{DIV_STORY}</div>")
    tree = parse_html(html)
    anchors = anchor_texts(tree)
    for name in ("precision", "balanced"):
        candidate = ex.run_pass(tree, URL, anchors, name, "Bridge", None)
        assert "Paragraph 3 adds" not in "\n".join(candidate.paragraphs)
    assert ex.main_paragraphs(tree, URL, anchors, "Bridge").name == "full"
    body = extract(html.encode(), URL).body
    assert all(f"Paragraph {i} adds more detail" in body for i in range(15))


def test_a_menu_flattened_into_the_story_paragraph_is_dropped() -> None:
    lines = "\n".join([*(f"Section {i} news" for i in range(8)), *STORY[:3]])
    anchors = frozenset(f"section {i} news" for i in range(8))
    assert clean_body([text_block("p", lines, anchors)]) == ["\n".join(STORY[:3])]


# ---------------------------------------------------------------- continuation chunks
FIRST = [f"First chunk, paragraph {i}, opens the story. {SENTENCE}" for i in range(3)]


def _chunks(after: str) -> str:
    first = "".join(f"<p>{FIRST[i]}</p>" for i in range(3))
    second = "".join(f"<p>Second chunk, paragraph {i}, continues the story. {SENTENCE}</p>" for i in range(3))
    return _page(f"<main><div class='body-chunk'>{first}</div><div class='ad'>Advertisement</div>"
                 f"<div class='body-chunk'>{second}</div>{after}</main>")  # fmt: skip


def test_continuation_chunks_are_recovered() -> None:
    tree = parse_html(_chunks(""))
    found = sibling_continuations(tree, FIRST)
    assert len(found) == 3 and all("Second chunk" in p for p in found)


@pytest.mark.parametrize(
    "after",
    [
        "<div class='body-chunk' id='comments'><p>You must be logged in to post a comment. Reader Jo says the bridge"
        " plan is a waste of money and the council should resign over it.</p></div>",
        "<div class='body-chunk'><footer><p>This service may include material from Agence France-Presse, and it may"
        " not be reproduced without the written permission of the publisher.</p></footer></div>",
        "<div class='body-chunk'><form><p>Leave a reply: your e-mail address will not be published, required"
        " fields are marked and the comment is moderated.</p><textarea></textarea></form></div>",
    ],
)
def test_footer_and_comment_chunks_are_not_appended(after: str) -> None:
    tree = parse_html(_chunks(after))
    found = sibling_continuations(tree, FIRST)
    assert [p for p in found if "Second chunk" in p] == found and len(found) == 3


# ---------------------------------------------------------------- furniture
@pytest.mark.parametrize(
    "furniture",
    [
        "Lea también: El alcalde anuncia un nuevo puente para la ciudad",
        "LE PUEDE INTERESAR: Las obras empezarán en marzo",
        "Lesen Sie auch: Die Brücke wird teurer als geplant",
        "Follow The City Herald on Twitter and Instagram @CityHerald",
        "Your password must contain at least 8 characters, one number and one capital letter.",
        "Sie sind aktuell nicht eingeloggt.",
        "You must be logged in to post a comment.",
        "Get the Morning Brief newsletter in your inbox every day.",
        "Únete a nuestro canal de Telegram desde tu celular",
        "This article is the copyrighted property of The City Herald.",
        "Anzeige, enthält Affiliate Links",
        "Foto: Jan Muster / Stadtarchiv",
        "Kategorie: Lokales",
        "Letzte Änderung 14.02.2019",
        "Seite 1 von 3",
        "« Previous 1 2 3 Next »",
        "1 2 3 4 5 Next",
        "ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.",
    ],
)
def test_furniture_lines_are_dropped(furniture: str) -> None:
    blocks = [text_block("p", STORY[0]), text_block("p", furniture), text_block("p", STORY[1])]
    assert clean_body(blocks) == STORY[:2]


@pytest.mark.parametrize("label", ["Contenido relacionado", "Schon gelesen?", "Das könnte Sie auch interessieren:"])
def test_rail_labels_and_their_teasers_are_dropped(label: str) -> None:
    blocks = [text_block("p", s) for s in STORY[:2]]
    blocks += [text_block("head", label), text_block("p", "Brücke: Was die Pendler jetzt wissen müssen")]
    assert clean_body(blocks) == STORY[:2]


def test_a_story_quoting_a_furniture_word_is_kept() -> None:
    long = f"{SENTENCE} The mayor said the password to the budget was patience, and asked residents to subscribe to the plan."
    assert clean_body([text_block("p", long)]) == [long]


def test_promo_block_before_the_story_is_not_the_body() -> None:
    promo = "<div class='promo'><p>Subscribe now: 3 months for 1 euro.</p><p>Sign up for our newsletter.</p></div>"
    story = "".join(f"<p>{s}</p>" for s in STORY)
    body = extract(_page(f"<article>{promo}{story}</article>").encode(), URL).body
    assert "Subscribe now" not in body and "newsletter" not in body
    assert body.startswith(SENTENCE)


# ---------------------------------------------------------------- NFC
def test_body_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Zürich café crème, señor Müller")
    story = "".join(f"<p>{decomposed}: {s}</p>" for s in STORY[:6])
    body = extract(_page(f"<article>{story}</article>").encode(), URL).body
    assert unicodedata.is_normalized("NFC", body)
    assert "Zürich café crème, señor Müller" in body


# ---------------------------------------------------------------- structured data, last in the cascade
def test_json_ld_article_body_stands_in_when_every_pass_has_only_the_paywall() -> None:
    article_body = "\n".join(STORY)
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge", "articleBody": article_body}
    )
    html = _page(
        "<article><p>Subscribe to read the full story. Already a subscriber? Log in.</p></article>",
        head=f"<title>Bridge</title><script type='application/ld+json'>{ld}</script>",
    )
    body = extract(html.encode(), URL).body
    assert all(part in body for part in STORY)
    assert "Subscribe" not in body


@pytest.mark.parametrize(
    "sentence",
    [
        "The service now has 40 million subscribers in Europe after the merger closed in May.",
        "Police said the password had been stolen from a contractor's laptop last year.",
        "Die Regierung forderte mit Nachdruck eine schnelle Lösung für die Pendler.",
        "El gobierno suscribió un acuerdo con la Unión Europea sobre el comercio de acero.",
    ],
)
def test_story_sentences_with_furniture_words_are_kept(sentence: str) -> None:
    """Words that furniture uses (subscribers, password, Nachdruck, suscribir) in a story sentence."""
    assert not ex.is_chrome(ex.text_block("p", sentence))


def test_a_lower_score_never_wins_when_the_best_so_far_is_negative() -> None:
    """Scores below zero (only short lines): the switch margin must not let a worse pass win."""
    better = ex.Candidate("precision", [f"Menu {i}" for i in range(30)], 210, 0.0)
    worse = ex.Candidate("balanced", [f"Menu {i}" for i in range(32)], 224, 0.0)
    assert worse.score < better.score < 0
    assert ex.choose(iter([better, worse]), lambda: 1000) is better


def test_the_cascade_starts_with_the_balanced_pass_which_keeps_a_closing_subheading() -> None:
    html = _page(f"<article><p>{'</p><p>'.join(STORY)}</p><h3>What are you looking forward to next?</h3>"
                 "<p>Tell us what you think of the bridge and the new timetable that comes with it.</p></article>")  # fmt: skip
    tree = parse_html(html)
    chosen = ex.main_paragraphs(tree, URL, anchor_texts(tree), "Bridge")
    assert ex.CASCADE[0] == "balanced" and chosen.name == "balanced"
    assert "What are you looking forward to next?" in "\n".join(chosen.paragraphs)


def test_a_block_announced_by_a_colon_is_kept_though_it_looks_like_chrome() -> None:
    anchors = frozenset({"tips bridge example", "the river guide", "the ferry timetable", "the old town map"})
    intro = "The committee has set up a mailbox for residents' questions:"
    blocks = [
        text_block("p", STORY[0]),
        text_block("p", intro),
        text_block("p", "tips@bridge.example", anchors),
        text_block("p", "Our picks for the weekend:"),
        text_block("list", "The river guide\nThe ferry timetable\nThe old town map", anchors),
        text_block("p", STORY[1]),
    ]
    kept = clean_body(blocks)
    assert "tips@bridge.example" in kept and "The river guide\nThe ferry timetable\nThe old town map" in kept


def test_a_link_rail_under_a_label_or_a_heading_is_still_dropped() -> None:
    anchors = frozenset({"the river guide", "the ferry timetable", "the old town map"})
    rail = "The river guide\nThe ferry timetable\nThe old town map"
    for label in (text_block("p", "Read more:"), text_block("head", "Editors' picks:")):
        blocks = [text_block("p", STORY[0]), label, text_block("list", rail, anchors), text_block("p", STORY[1])]
        assert rail not in clean_body(blocks)


def test_a_linked_subheading_before_prose_is_kept_and_a_teaser_headline_is_not() -> None:
    anchors = frozenset({"where to buy the tickets", "ferry strike ends early"})
    prose = f"{SENTENCE} {SENTENCE} The tickets go on sale at the town hall and at the station kiosk from Monday."
    subhead, teaser = (
        text_block("head", "Where to buy the tickets", anchors),
        text_block("head", "Ferry strike ends early", anchors),
    )
    kept = clean_body(
        [text_block("p", STORY[0]), subhead, text_block("p", prose), teaser, text_block("p", "Short summary.")]
    )
    assert kept == [STORY[0], "Where to buy the tickets", prose, "Short summary."]


def test_a_standfirst_heading_is_dropped_but_a_lead_the_description_was_cut_from_is_kept() -> None:
    description = "The council voted on Tuesday to rebuild the old bridge over the river"
    standfirst = text_block("head", description + ".")
    lead = text_block("head", SENTENCE)  # the description is its first words, cut short
    story = [text_block("p", p) for p in STORY[:2]]
    assert clean_body([standfirst, *story], description=description) == STORY[:2]
    assert clean_body([lead, *story], description=description) == [SENTENCE, *STORY[:2]]


@pytest.mark.parametrize("amount", ["286,35 €", "2,0 %", "44.500 €"])
def test_a_price_on_its_own_line_is_not_taken_for_page_numbers(amount: str) -> None:
    blocks = [text_block("p", STORY[0]), text_block("p", amount), text_block("p", STORY[1])]
    assert clean_body(blocks) == [STORY[0], amount, STORY[1]]
