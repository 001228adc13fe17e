"""Authors are people, split, with organisations kept apart; places, site names and chrome are not authors."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from wirearchive.authors import author_kind, split_authors
from wirearchive.metadata import read_metadata


@pytest.mark.parametrize(
    ("raw", "names", "orgs"),
    [
        (["By Jane Doe and John Roe, Associated Press"], ("Jane Doe", "John Roe"), ("Associated Press",)),
        (["By Tom Becker, Staff Writer"], ("Tom Becker",), ()),
        (["AFP/The Local"], (), ("AFP", "The Local")),
        (["Rob Picheta, CNN"], ("Rob Picheta",), ("CNN",)),
        (["Maria Ortiz; Li Wei & Ahmed Hassan"], ("Maria Ortiz", "Li Wei", "Ahmed Hassan"), ()),
        (["https://example.com/authors/jane", "No Author", "Jane Doe", "jane doe"], ("Jane Doe",), ()),
        (["By Sarah O'Neill | Reuters"], ("Sarah O'Neill",), ("Reuters",)),
        (["FRANCES ROBLESMcClatchy Newspapers"], ("FRANCES ROBLES",), ("McClatchy Newspapers",)),
        (["Redacci&oacute;n Diario Pagina Siete"], (), ("Redacción Diario Pagina Siete",)),
        (["Jana Weiss, Frankfurt, Germany"], ("Jana Weiss",), ()),
        (["Tom Fraser, British Columbia"], ("Tom Fraser",), ()),
        (["Contact US", "Personalities", "Mark Lane"], ("Mark Lane",), ()),
        (["TV3"], (), ("TV3",)),
        (["von Peter Addor"], ("Peter Addor",), ()),
        (["Par Chokri Gharbi"], ("Chokri Gharbi",), ()),
        (["Autor/in: Korinna Hennig"], ("Korinna Hennig",), ()),
        (["erstellt von Dominik Weber — veröffentlicht 28.01.2022 06:00"], ("Dominik Weber",), ()),
        (["gnaddrig"], ("gnaddrig",), ()),
        (["Wordpressadmin", "9 articles", "Art Edwards says"], (), ()),
    ],
)
def test_split_authors(raw: list[str], names: tuple[str, ...], orgs: tuple[str, ...]) -> None:
    assert split_authors(raw) == (names, orgs)


def test_the_site_name_is_an_organisation_not_a_person() -> None:
    assert author_kind("El Colombiano", site_names=("elcolombiano",)) == "org"
    assert split_authors(["El Colombiano"], site_names=("El Colombiano",)) == ((), ("El Colombiano",))


@pytest.mark.parametrize("place", ["Frankfurt", "Germany", "Deutschland", "British Columbia", "New York"])
def test_places_are_not_authors(place: str) -> None:
    assert author_kind(place) is None


def test_read_metadata_keeps_site_and_places_out_of_people() -> None:
    page = fromstring(
        """<html lang="es"><head><title>Alcaldía anuncia obras | El Colombiano</title>
        <meta property="og:site_name" content="El Colombiano"><meta name="author" content="El Colombiano">
        </head><body><h1>Alcaldía anuncia obras</h1><p class="byline">Por Ana Ruiz, Medellín</p>
        <p>Texto de la noticia con varias frases para que haya cuerpo.</p></body></html>"""
    )
    meta = read_metadata(page, "https://www.elcolombiano.com/antioquia/obras")
    assert "El Colombiano" not in meta.authors and "Medellín" not in meta.authors


def test_json_ld_person_and_organisation_types_are_kept_apart() -> None:
    page = fromstring(
        """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Dam talks stall",
        "author": [{"@type": "Person", "name": "Anne Martin"}, {"@type": "Organization", "name": "Reuters"}]}</script>
        </head><body><h1>Dam talks stall</h1><p>x</p></body></html>"""
    )
    meta = read_metadata(page)
    assert (meta.authors, meta.author_orgs) == (("Anne Martin",), ("Reuters",))


def test_an_html_entity_in_a_json_ld_author_is_not_split_into_names() -> None:
    page = fromstring(
        """<html lang="es"><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Carabineros",
        "author": {"@type": "Person", "name": "Redacci&oacute;n Diario Pagina Siete"}}</script></head><body>
        <h1>Carabineros</h1><div class="author">Por <span itemprop="name">Redacci&oacute;n Diario Pagina Siete</span></div>
        <p>Texto de la nota.</p></body></html>"""
    )
    meta = read_metadata(page)
    assert not any(name.startswith(("Redacci", "Oacute")) for name in meta.authors)
    assert meta.author_orgs[:1] == ("Redacción Diario Pagina Siete",)


def test_a_middle_initial_is_not_a_conjunction() -> None:
    assert split_authors(["By Jane Y. Doe"]) == (("Jane Y. Doe",), ())
    assert split_authors(["María López y Juan Pérez"])[0] == ("María López", "Juan Pérez")
