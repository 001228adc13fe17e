"""The failure kinds seen on real syndicated copy (issue 12), each with self-written texts.

All go through :func:`wirearchive.group_stories` (its default config: the passage rule on), the
entry point the real-data bench uses.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from wirearchive import group_stories
from wirearchive.dedupe import StoryConfig

# A self-written wire story (fictional town, people and figures).
WIRE = [
    "HARLOW FALLS, Ore. (Wire) — A freight train carrying grain derailed near the river town of Harlow Falls "
    "on Tuesday, spilling dozens of cars down an embankment and forcing the evacuation of about 300 homes, "
    "county officials said.",
    "No injuries were reported among the crew of three, but a stretch of the main highway along the river was "
    "closed while inspectors checked a bridge that one of the cars struck as it rolled toward the water.",
    "The railroad said 41 of the train's 96 cars left the tracks shortly after 6 a.m. and that a broken rail was "
    "among the possible causes being examined by federal investigators who arrived by midday.",
    "Residents of the lower town were told to stay with relatives or at the high school gymnasium, where volunteers "
    "handed out blankets and coffee while crews pumped diesel from two damaged locomotives.",
    "Mayor Edith Varga said the town had practised for a spill of this kind for years and that the drills paid off, "
    "although the rain that fell overnight made the work on the slope slow and dangerous.",
    "State environmental staff placed floating barriers across the river below the site and began taking water "
    "samples every two hours, with the first results expected on Wednesday morning.",
]


def _record(
    rid: str,
    paragraphs: list[str],
    *,
    site: str,
    day: int = 14,
    hour: int = 12,
    url: str | None = None,
    dated: bool = True,
    is_wire: bool = False,
) -> dict:
    return {
        "id": rid,
        "url": url or f"https://{site}/news/{rid}",
        "site": site,
        "title": None,
        "published_at": datetime(2026, 10, day, hour, tzinfo=UTC) if dated else None,
        "body": "\n\n".join(paragraphs),
        "is_wire": is_wire,
    }


def _group(*records: dict, config: StoryConfig | None = None) -> dict[str, dict]:
    return {row["id"]: row for row in group_stories(list(records), config=config)}


def test_partial_copy_under_a_foreign_top_joins_the_story() -> None:
    top = [
        "Train derails in Oregon river town, hundreds of homes evacuated",
        "PHOTO: Rail cars lie on their sides below the tracks in a picture shared by a neighbour. Our newsroom is "
        "following the story and will bring you more as soon as we hear from the county and from the railroad.",
        "By the Valley Ledger staff and wire services",
    ]
    rows = _group(
        _record("wire", WIRE, site="wire.example", is_wire=True),
        _record("copy", [*top, *WIRE[:3]], site="ledger.example", hour=14),
    )
    assert rows["copy"]["story_id"] == rows["wire"]["story_id"]
    assert rows["copy"]["copy_of"] == "wire"


def test_the_passage_rules_link_a_partial_copy_the_minhash_rules_miss() -> None:
    top = [
        "Train derails in Oregon river town",
        "PHOTO: Rail cars lie on their sides below the tracks in a picture shared by a neighbour. Our newsroom is "
        "following the story and will bring you more as soon as we hear from the county and from the railroad.",
    ]
    records = (_record("wire", WIRE, site="wire.example"), _record("copy", [*top, *WIRE[:2]], site="b.example"))
    passages = _group(*records, config=StoryConfig(passages=True))
    assert passages["copy"]["story_id"] == passages["wire"]["story_id"]
    assert passages == _group(*records)  # group_stories' default has them on
    # Without the passage rules only the MinHash rules link, and the foreign top defeats them.
    lexical = _group(*records, config=StoryConfig(passages=False))
    assert lexical["copy"]["story_id"] != lexical["wire"]["story_id"]


def test_teaser_of_a_longer_story_is_trimmed() -> None:
    teaser = [WIRE[0].split(" — ", 1)[1], "Read the full story on our website."]
    rows = _group(_record("wire", WIRE, site="wire.example"), _record("teaser", teaser, site="tags.example", hour=13))
    assert rows["teaser"]["story_id"] == rows["wire"]["story_id"]
    assert rows["teaser"]["relation"] == "trimmed"
    assert rows["teaser"]["copy_of"] == "wire"


def test_respelled_names_and_accents_do_not_break_the_copy() -> None:
    respelt = [
        p.replace("Harlow Falls", "Harlowe Falls")
        .replace("Edith Varga", "Édith Várga")
        .replace("practised", "practiced")
        for p in WIRE
    ]
    rows = _group(_record("wire", WIRE, site="wire.example"), _record("copy", respelt, site="metro.example", hour=15))
    assert rows["copy"]["story_id"] == rows["wire"]["story_id"]
    assert rows["copy"]["relation"] == "duplicate"


def _rewrapped() -> list[str]:
    """An outlet's house-styled copy: the lead kept, four paragraphs joined two to one, a word
    changed in each paragraph after the lead (one paragraph of four left word for word)."""
    return [
        WIRE[0],
        WIRE[1].replace("closed", "shut") + " " + WIRE[2],
        WIRE[3].replace("handed out", "gave out") + " " + WIRE[4].replace("practised", "practiced"),
        WIRE[5].replace("began taking", "started taking"),
    ]


def test_rewrapped_copy_keeping_whole_sentences_is_a_duplicate() -> None:
    rows = _group(
        _record("wire", WIRE, site="wire.example"), _record("copy", _rewrapped(), site="metro.example", hour=13)
    )
    assert rows["copy"]["story_id"] == rows["wire"]["story_id"]
    assert rows["copy"]["relation"] == "duplicate"
    assert rows["copy"]["copy_of"] == "wire"
    # The paragraph test alone (every copy with another paragraph count judged by its verbatim
    # paragraphs) calls it derived: one paragraph of four kept word for word.
    strict = StoryConfig(lookback_days=3, paragraph_run=float("inf"))
    rows = _group(
        _record("wire", WIRE, site="wire.example"),
        _record("copy", _rewrapped(), site="metro.example", hour=13),
        config=strict,
    )
    assert rows["copy"]["relation"] == "derived"


def test_spun_copy_with_the_same_paragraphing_stays_derived() -> None:
    swaps = {
        "derailed": "came off the rails",
        "spilling": "sending",
        "evacuation": "clearing",
        "closed": "shut",
        "inspectors": "examiners",
        "possible": "likely",
        "volunteers": "helpers",
        "slow": "sluggish",
        "samples": "specimens",
        "placed": "set",
    }
    spun = [WIRE[0]]
    for paragraph in WIRE[1:]:
        for old, new in swaps.items():
            paragraph = paragraph.replace(old, new)
        spun.append(paragraph)
    rows = _group(_record("wire", WIRE, site="wire.example"), _record("spun", spun, site="spin.example", hour=13))
    assert rows["spun"]["story_id"] == rows["wire"]["story_id"]
    assert rows["spun"]["relation"] == "derived"


def test_copies_of_each_write_through_name_the_version_they_copy() -> None:
    new_lead = (
        "HARLOW FALLS, Ore. (Wire) — Federal investigators said on Tuesday evening that a cracked rail "
        "joint most likely caused the derailment of a grain train that sent 41 cars down an embankment "
        "near Harlow Falls and emptied the lower part of the town."
    )
    added = (
        "The railroad's chief operating officer apologised to residents at a news conference and promised "
        "to pay for hotel rooms until the evacuation order is lifted, which could take several days."
    )
    version2 = [new_lead, added, *WIRE[1:]]
    rows = _group(
        _record("v1", WIRE, site="wire.example", hour=8, is_wire=True),
        _record("copy1", WIRE, site="a.example", hour=9),
        _record("v2", version2, site="wire.example", hour=14, is_wire=True),
        _record("copy2", version2, site="b.example", hour=15),
    )
    assert len({row["story_id"] for row in rows.values()}) == 1
    assert rows["v1"]["relation"] == "original" and rows["v1"]["copy_of"] is None
    assert rows["v2"]["relation"] == "update" and rows["v2"]["copy_of"] == "v1"
    assert rows["copy1"]["relation"] == "duplicate" and rows["copy1"]["copy_of"] == "v1"
    assert rows["copy2"]["relation"] == "duplicate" and rows["copy2"]["copy_of"] == "v2"


def test_equal_canonical_url_does_not_link_different_texts() -> None:
    other = [
        "SEOUL (Station) — The central bank kept its policy rate unchanged on Thursday and said it would "
        "watch household lending and the currency closely before deciding on any cut later in the year.",
        "Governor Park told reporters the board was united and that inflation had slowed as expected.",
    ]
    url = "https://station.example/service/news_view.htm?lang=e"  # a site whose query strings were stripped
    rows = _group(
        _record("a", WIRE, site="station.example", url=url),
        _record("b", other, site="station.example", url=url, hour=13),
    )
    assert rows["a"]["story_id"] != rows["b"]["story_id"]


def test_undated_copy_joins_its_dated_story() -> None:
    rows = _group(
        _record("wire", WIRE, site="wire.example"),
        _record("undated", [WIRE[0], *WIRE[2:5]], site="scraper.example", dated=False),
        _record(
            "other",
            [
                "An unrelated note about a bake sale at the library on Saturday, with pies, "
                "cakes and bread baked by the reading club for the new children's corner."
            ],
            site="club.example",
            day=2,
        ),
    )
    assert rows["undated"]["story_id"] == rows["wire"]["story_id"]
    assert rows["undated"]["copy_of"] == "wire"
    assert rows["other"]["story_id"] != rows["wire"]["story_id"]


def test_undated_page_bridging_two_dated_stories_makes_them_one() -> None:
    # The two dated pages are further apart than the look-back window, so day by day they are two
    # stories; the undated page holds the text of both, and an undated page has no window.
    rows = _group(
        _record("first", WIRE[:4], site="wire.example", day=1),
        _record("late", WIRE[2:], site="late.example", day=20),
        _record("page", WIRE, site="scraper.example", dated=False),
        _record(
            "other",
            [
                "An unrelated note about a bake sale at the library on Saturday, with pies, "
                "cakes and bread baked by the reading club for the new children's corner."
            ],
            site="club.example",
            day=20,
        ),
    )
    assert rows["page"]["story_id"] == rows["first"]["story_id"] == rows["late"]["story_id"]
    assert rows["other"]["story_id"] != rows["first"]["story_id"]


def test_dated_stories_beyond_the_window_stay_apart_without_an_undated_bridge() -> None:
    rows = _group(
        _record("first", WIRE[:4], site="wire.example", day=1), _record("late", WIRE[2:], site="late.example", day=20)
    )
    assert rows["first"]["story_id"] != rows["late"]["story_id"]


def test_reports_sharing_only_a_long_quoted_statement_stay_apart() -> None:
    statement = (
        "“We are heartbroken by the loss of our colleague, who gave forty years to this company and to the "
        "people of the valley. Our thoughts are with the family, and we ask everyone to respect their "
        "privacy at this very difficult time while we work with the authorities to understand what "
        "happened on the line that morning.”"
    )
    first = [
        "A veteran signal engineer died after being struck by a maintenance vehicle on Friday, the regional "
        "rail operator said in a statement that praised his decades of service.",
        f"The statement read: {statement}",
        "Police said the vehicle's driver stopped at the scene and was not hurt.",
    ]
    second = [
        "Tributes poured in over the weekend for a long-serving railway worker killed in an accident near the "
        "depot, with former colleagues describing him as patient and funny.",
        f"His employer said: {statement}",
        "A memorial walk is planned for next Sunday, starting at the old station.",
    ]
    rows = _group(_record("first", first, site="a.example"), _record("second", second, site="b.example", hour=16))
    assert rows["first"]["story_id"] != rows["second"]["story_id"]


def test_french_copy_under_its_own_top_joins_and_guillemet_quotes_do_not_link() -> None:
    story = [
        "PARIS (Agence) — Le conseil municipal a voté mardi soir la fermeture de la piscine olympique du "
        "quartier nord pour deux ans de travaux, une décision contestée par les clubs de natation de la ville.",
        "Les travaux, estimés à 14 millions d'euros, doivent commencer au printemps et porter sur la toiture, "
        "les vestiaires et le système de chauffage de l'eau, a précisé l'adjointe chargée des sports.",
        "Les nageurs seront accueillis dans trois bassins voisins, dont les horaires seront élargis le soir et "
        "le week-end, selon le calendrier présenté aux associations la semaine dernière.",
    ]
    copy = [
        "Piscine du quartier nord : deux ans de fermeture",
        "Notre rédaction suit le dossier depuis des mois et publiera les réactions des clubs dès demain matin.",
        *story[:2],
    ]
    quote = (
        "« Nous sommes consternés par cette décision prise sans concertation, et nous demandons au maire de "
        "recevoir les familles avant la fin du mois pour trouver une solution pour les enfants »"
    )
    first = [
        "Les clubs de natation ont réagi avec colère mercredi à l'annonce de la fermeture.",
        f"{quote}, a déclaré leur porte-parole devant la mairie, entouré d'une trentaine de parents.",
    ]
    second = ["Une pétition circule déjà parmi les parents d'élèves du quartier.", f"Le collectif écrit : {quote}."]
    rows = _group(
        _record("story", story, site="agence.example"),
        _record("copy", copy, site="journal.example", hour=13),
        _record("first", first, site="radio.example", hour=15),
        _record("second", second, site="blog.example", hour=16),
    )
    assert rows["copy"]["story_id"] == rows["story"]["story_id"]
    assert rows["first"]["story_id"] != rows["second"]["story_id"]


def test_importing_the_package_stays_cheap() -> None:
    import subprocess
    import sys

    code = (
        "import sys, wirearchive; assert 'numpy' not in sys.modules and 'pyarrow' not in sys.modules; "
        "from wirearchive import group_stories; assert callable(group_stories)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_copies_taken_before_the_wire_copy_arrived_carry_its_version() -> None:
    """Outlet 10:00, wire 11:00 (canonical), outlet 12:00 copying the first: all version 1, not NULL."""
    from wirearchive.dedupe.stories import _versions

    labels = np.zeros(3, dtype=np.int64)
    relation = np.array(["duplicate", "original", "duplicate"], dtype=object)
    parent = np.array([1, 1, 0])  # the first outlet copy has no earlier version: the later canonical
    assert _versions(labels, relation, parent, np.arange(3)).tolist() == [1, 1, 1]
