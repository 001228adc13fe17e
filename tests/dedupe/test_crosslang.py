"""Cross-language copies: a report and its Spanish and German translations, next to other
outlets' French and German reports of the same event (the same names and numbers, sentences of
their own).

Self-written texts (a fictional ferry fire).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa

from tests.dedupe.storykit import article, table
from wirearchive import group_stories
from wirearchive.dedupe import StoryConfig, article_signatures, assign_stories, crosslang
from wirearchive.dedupe.match import TRANSLATION, Window, linked
from wirearchive.dedupe.passages import token_hash

SOURCE = [
    "Fire broke out on the ferry Maribel Castellanos on Tuesday night in the Strait of Orvieda, forcing "
    "the evacuation of 312 passengers and 48 crew members, the coastguard in Puerto Salvago said.",
    "The blaze started in the engine room around 23:40, two hours after the vessel left the port of "
    "Tarrenza for the island of Villacruz, according to the operator Navieras Ostrander.",
    "Helicopters and four rescue boats transferred the passengers to the patrol ship Almirante Quesada; "
    "seventeen people were treated for smoke inhalation at the regional hospital.",
    "Investigators from the maritime authority boarded the damaged ferry on Wednesday morning, and the "
    "regional minister Eulalia Fontcuberta promised a complete inquiry into the emergency procedures.",
    "The Maribel Castellanos, built in 1998, had passed a safety inspection in February, the company "
    "said in a statement, adding that the ferry service to Villacruz was suspended until Friday.",
]
SPANISH = [
    "Un incendio se declaró el martes por la noche en el ferri Maribel Castellanos en el estrecho de "
    "Orvieda, lo que obligó a evacuar a 312 pasajeros y 48 tripulantes, informó la guardia costera de "
    "Puerto Salvago.",
    "El fuego comenzó en la sala de máquinas hacia las 23:40, dos horas después de que el buque zarpara "
    "del puerto de Tarrenza rumbo a la isla de Villacruz, según la operadora Navieras Ostrander.",
    "Helicópteros y cuatro lanchas de rescate trasladaron a los pasajeros al patrullero Almirante "
    "Quesada; diecisiete personas fueron atendidas por inhalación de humo en el hospital regional.",
    "Investigadores de la autoridad marítima subieron al ferri dañado el miércoles por la mañana, y la "
    "ministra regional Eulalia Fontcuberta prometió una investigación completa sobre los procedimientos "
    "de emergencia.",
    "El Maribel Castellanos, construido en 1998, había superado una inspección de seguridad en febrero, "
    "dijo la compañía en un comunicado, y añadió que el servicio de ferri a Villacruz queda suspendido "
    "hasta el viernes.",
]
GERMAN = [
    "Auf der Fähre Maribel Castellanos ist am Dienstagabend in der Meerenge von Orvieda ein Feuer "
    "ausgebrochen, 312 Passagiere und 48 Besatzungsmitglieder mussten evakuiert werden, teilte die "
    "Küstenwache in Puerto Salvago mit.",
    "Der Brand begann gegen 23:40 Uhr im Maschinenraum, zwei Stunden nachdem das Schiff den Hafen von "
    "Tarrenza in Richtung der Insel Villacruz verlassen hatte, so die Reederei Navieras Ostrander.",
    "Hubschrauber und vier Rettungsboote brachten die Passagiere auf das Patrouillenschiff Almirante "
    "Quesada; siebzehn Menschen wurden im Regionalkrankenhaus wegen Rauchvergiftung behandelt.",
    "Ermittler der Seefahrtsbehörde gingen am Mittwochmorgen an Bord der beschädigten Fähre, und die "
    "Regionalministerin Eulalia Fontcuberta versprach eine vollständige Untersuchung der Notfallverfahren.",
    "Die 1998 gebaute Maribel Castellanos hatte im Februar eine Sicherheitsinspektion bestanden, erklärte "
    "das Unternehmen, der Fährdienst nach Villacruz sei bis Freitag eingestellt.",
]
# Another outlet's own report in French: the same names and figures, in sentences of its own.
FRENCH_OTHER = [
    "La ministre régionale Eulalia Fontcuberta a réclamé mercredi des comptes à Navieras Ostrander, "
    "dont le ferry Maribel Castellanos a pris feu dans la nuit de mardi.",
    "Selon nos informations, la compagnie avait déjà été sanctionnée en 2019 pour des extincteurs "
    "défectueux sur un autre navire de sa flotte, qui relie Tarrenza aux îles.",
    "Les 312 passagers, dont de nombreux touristes, ont passé la nuit à bord de l'Almirante Quesada "
    "avant de débarquer à Puerto Salvago, épuisés mais soulagés.",
    "Un passager joint par téléphone raconte une fumée noire dans les couloirs et des gilets de "
    "sauvetage distribués sans consignes claires par un équipage débordé.",
    "La liaison vers Villacruz, vitale pour l'économie de l'île, restera interrompue au moins jusqu'à "
    "vendredi, a fait savoir la préfecture maritime d'Orvieda.",
]

# Another outlet's own report in German: the source's names sentence by sentence, in its order,
# said in words of its own.
GERMAN_OTHER = [
    "Die Maribel Castellanos geriet vor Orvieda in Brand; Hunderte Urlauber warteten stundenlang auf "
    "Hilfe aus Puerto Salvago.",
    "Navieras Ostrander, seit Jahren für die Strecke von Tarrenza nach Villacruz zuständig, schweigt "
    "bislang zu den Vorwürfen.",
    "Erst die Almirante Quesada nahm die erschöpften Reisenden auf, erzählt ein Urlauber aus Hamburg.",
    "Eulalia Fontcuberta kündigte Konsequenzen an, Gewerkschafter fordern seit langem strengere Kontrollen.",
    "Ob die Maribel Castellanos jemals wieder nach Villacruz fährt, bleibt offen.",
]


def _record(key: str, sentences: list[str], day: int = 3, hour: int = 8) -> dict:
    return {
        "id": key,
        "url": f"https://{key}.example/ferry",
        "site": f"{key}.example",
        "title": None,
        "published_at": datetime(2026, 6, day, hour, tzinfo=UTC),
        "body": "\n\n".join(sentences),
    }


def test_language_is_told_by_frequent_words() -> None:
    assert crosslang.language(" ".join(SOURCE)) == "en"
    assert crosslang.language(" ".join(SPANISH)) == "es"
    assert crosslang.language(" ".join(GERMAN)) == "de"
    assert crosslang.language(" ".join(FRENCH_OTHER)) == "fr"
    assert crosslang.language("Maribel Castellanos 312 48") is None


def test_evidence_is_names_numbers_and_cognate_stems() -> None:
    [first] = crosslang.evidence(SOURCE[0], "en")
    assert {"mari", "cast", "312", "48", "orvi", "evac", "coas", "salv"} <= first
    assert "night" not in first and "on" not in first  # common English words are not evidence
    [spanish] = crosslang.evidence(SPANISH[0], "es")
    assert len(first & spanish) >= StoryConfig().translation_tokens


def test_translations_align_sentence_by_sentence_and_the_other_report_does_not() -> None:
    tokens, count = StoryConfig().translation_tokens, StoryConfig().translation_count
    source, spanish, german, other = (
        crosslang.evidence(" ".join(s), crosslang.language(" ".join(s)))
        for s in (SOURCE, SPANISH, GERMAN, FRENCH_OTHER)
    )
    assert crosslang.aligned(source, spanish, tokens) >= count
    assert crosslang.aligned(source, german, tokens) >= count
    assert crosslang.aligned(source, other, tokens) < count
    assert crosslang.aligned(spanish, other, tokens) < count


def test_stems_make_the_spellings_of_one_stem_one() -> None:
    assert crosslang.stem("zentrum") == crosslang.stem("centre") == "cent"
    assert crosslang.stem("schock") == crosslang.stem("shock")
    assert crosslang.stem("aktion") == crosslang.stem("action")
    assert crosslang.stem("philosophie") == crosslang.stem("filosofia")
    assert crosslang.stem("theater") == crosslang.stem("teatro")


def test_names_are_words_capitalised_inside_a_sentence() -> None:
    found = crosslang.names(" ".join(SOURCE), "en")
    assert {"mari", "cast", "orvi", "puer", "salv", "tarr", "vill", "font"} <= found
    assert "fire" not in found and "heli" not in found  # a sentence's first word
    assert "evac" not in found
    assert crosslang.names(" ".join(GERMAN), "de") == frozenset()  # German capitalises its nouns
    assert crosslang.names("Ferry Fire Forces Evacuation Of Hundreds\nThe ferry burned.", "en") == frozenset()


def test_another_report_shares_the_names_in_order_but_not_the_words_around_them() -> None:
    config = StoryConfig()
    source, spanish, other = (
        crosslang.evidence(" ".join(s), crosslang.language(" ".join(s))) for s in (SOURCE, SPANISH, GERMAN_OTHER)
    )
    assert crosslang.language(" ".join(GERMAN_OTHER)) == "de"
    named = crosslang.names(" ".join(SOURCE), "en")
    tokens, count = config.translation_cognate_tokens, config.translation_cognate_count
    assert crosslang.aligned(source, other, tokens) >= count  # the names alone align it
    assert crosslang.aligned_cognates(source, other, named, tokens) < count
    assert crosslang.aligned(source, other, config.translation_tokens) < config.translation_count
    assert crosslang.aligned_cognates(source, spanish, named, tokens) >= count  # its words come along


def _signatures(*texts: tuple[str, list[str], float]) -> pa.Table:
    return article_signatures(
        table(*(article(key, "\n\n".join(s), source=key, hours=hours) for key, s, hours in texts))
    )


def test_signatures_carry_the_language_and_the_evidence_sentences() -> None:
    signatures = _signatures(
        ("wire", SOURCE, 0), ("diario", SPANISH, 1), ("none", ["Maribel 312 48"], 2), ("zeitung", GERMAN, 3)
    )
    assert signatures.column("language").to_pylist() == ["en", "es", None, "de"]
    evidence = signatures.column("translation_evidence").to_pylist()
    assert len({v >> 32 for v in evidence[0]}) == len(crosslang.evidence("\n\n".join(SOURCE), "en")) == 5
    assert evidence[2] == []
    flagged = {v & 0x7FFFFFFF for v in evidence[0] if v & crosslang.NAME_BIT}
    tokens = set().union(*crosslang.evidence("\n\n".join(SOURCE), "en"))
    named = crosslang.names("\n\n".join(SOURCE), "en") & tokens
    assert len(named) >= 10 and flagged == {token_hash(n) & 0x7FFFFFFF for n in named}
    assert not any(v & crosslang.NAME_BIT for v in evidence[3])


def test_candidates_and_links_only_pair_texts_in_other_languages() -> None:
    texts = [("wire", SOURCE, 0), ("diario", SPANISH, 1), ("wire2", SOURCE, 2), ("journal", FRENCH_OTHER, 1)]
    win = Window.from_signatures(_signatures(*texts))
    i, j = crosslang.candidates(win.language, win.translation_offsets, win.translation_values, StoryConfig())
    found = linked(win, i, j, StoryConfig()).rule
    pairs = {(str(win.article_id[a]), str(win.article_id[b])): r for a, b, r in zip(i, j, found, strict=True)}
    assert ("wire", "wire2") not in pairs  # one language
    assert {("wire", "diario"), ("diario", "wire2")} <= set(pairs)
    links = {pair for pair, rule in pairs.items() if rule == TRANSLATION}
    assert links == {("wire", "diario"), ("diario", "wire2")}


def test_assign_stories_links_translations_as_derived_copies() -> None:
    signatures = _signatures(("wire", SOURCE, 0), ("diario", SPANISH, 5), ("journal", FRENCH_OTHER, 6))
    out = {r["article_id"]: r for r in assign_stories(signatures, signatures.slice(0, 0)).to_pylist()}
    assert out["diario"]["story_id"] == out["wire"]["story_id"] != out["journal"]["story_id"]
    assert out["diario"]["relation"] == "derived" and out["diario"]["copy_of"] == "wire"


def test_a_translation_from_the_same_source_is_derived_not_an_update() -> None:
    signatures = article_signatures(
        table(
            article("wire", "\n\n".join(SOURCE), source="wire"),
            article("wire-es", "\n\n".join(SPANISH), source="wire", hours=2),
        )
    )
    out = {r["article_id"]: r for r in assign_stories(signatures, signatures.slice(0, 0)).to_pylist()}
    assert out["wire-es"]["story_id"] == out["wire"]["story_id"]
    assert out["wire-es"]["relation"] == "derived" and out["wire-es"]["copy_of"] == "wire"


def test_signatures_stored_before_the_columns_still_load() -> None:
    signatures = _signatures(("wire", SOURCE, 0), ("diario", SPANISH, 5))
    older = signatures.drop_columns(["language", "translation_evidence"])
    out = {r["article_id"]: r for r in assign_stories(older, older.slice(0, 0)).to_pylist()}
    assert out["diario"]["story_id"] != out["wire"]["story_id"]  # no evidence: no translation link


def test_group_stories_puts_translations_with_their_source_and_the_other_report_apart() -> None:
    records = [
        _record("wire", SOURCE),
        _record("diario", SPANISH, hour=10),
        _record("zeitung", GERMAN, day=4),
        _record("journal", FRENCH_OTHER, hour=10),
        _record("blatt", GERMAN_OTHER, day=4, hour=9),
    ]
    out = {o["id"]: o for o in group_stories(records)}
    assert out["diario"]["story_id"] == out["wire"]["story_id"] == out["zeitung"]["story_id"]
    assert out["journal"]["story_id"] != out["wire"]["story_id"]
    assert out["blatt"]["story_id"] not in {out["wire"]["story_id"], out["journal"]["story_id"]}
    assert out["wire"]["relation"] == "original" and out["wire"]["copy_of"] is None
    for key in ("diario", "zeitung"):
        assert out[key]["relation"] == "derived" and out[key]["copy_of"] == "wire"


def test_the_rule_can_be_turned_off() -> None:
    records = [_record("wire", SOURCE), _record("diario", SPANISH, hour=10)]
    off = StoryConfig(translation_count=10**6, translation_cognate_count=10**6)
    out = {o["id"]: o for o in group_stories(records, config=off)}
    assert out["diario"]["story_id"] != out["wire"]["story_id"]
