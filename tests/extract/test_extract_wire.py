"""Wire attribution per signal, its negatives, and the labelled set as a regression floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirearchive.wire import GENERIC_WIRE, attribute_wire, split_dateline, wire_code

BODY = "Officials said the bridge would stay closed.\n\nThe council voted to delay the budget."


def _attr(body: str = BODY, byline: str | None = None, authors=(), orgs=(), default=None, aliases=None):
    return attribute_wire(body=body, byline=byline, authors=authors, structured_orgs=orgs, default_wire=default, aliases=aliases)


@pytest.mark.parametrize(
    ("opening", "wire", "city"),
    [
        ("BAGHDAD (AP) — ", "AP", "BAGHDAD"),
        ("WASHINGTON (Reuters) - ", "Reuters", "WASHINGTON"),
        ("PARIS (AFP) – ", "AFP", "PARIS"),
        ("SANTA FE, N.M. (AP) — ", "AP", "SANTA FE, N.M."),
        ("KVELLER via JTA — ", "JTA", "KVELLER"),
        ("Published  OTTAWA (Reuters) - ", "Reuters", "OTTAWA"),  # label glued on by extraction
        ("News for the Valley and beyond\n\nMADRID (AP) — ", "AP", "MADRID"),  # tagline kept before it
    ],
)
def test_dateline_names_wire_and_city_and_leaves_the_body(opening: str, wire: str, city: str) -> None:
    got = _attr(opening + BODY)
    assert (got.wire_service, got.attribution, got.dateline, got.body) == (wire, "dateline", city, BODY)


def test_dateline_without_wire_keeps_city_only() -> None:
    assert split_dateline("NAPA COUNTY, Calif. — Firefighters contained the blaze.") == (
        "NAPA COUNTY, Calif.", None, "Firefighters contained the blaze.")  # fmt: skip


def test_byline_organization() -> None:
    got = _attr(byline="By Jane Doe and John Roe, Associated Press", authors=["Jane Doe", "John Roe"])
    assert (got.wire_service, got.attribution) == ("AP", "byline")


@pytest.mark.parametrize(
    ("credit", "wire"),
    [
        ("The Associated Press contributed to this report.", "AP"),
        ("Reporting by Maria Ortiz; Editing by John Roe", "Reuters"),
        ("With files from The Canadian Press", "CP"),
        ("With Post wires", GENERIC_WIRE),
        ("With Publish wires", GENERIC_WIRE),  # the seed's spun credit line
        ("Protection by Yuki Faure in Ottawa; Editing by Maria Okafor", "Reuters"),  # spun "Reporting by"
        ("Additional reporting by Reuters", "Reuters"),
    ],
)
def test_credit_line_is_attributed_and_moved_out_of_the_body(credit: str, wire: str) -> None:
    got = _attr(f"{BODY}\n\n{credit}")
    assert (got.wire_service, got.attribution, got.credit_line, got.body) == (wire, "credit", credit, BODY)


@pytest.mark.parametrize(
    "body",
    [
        "Smoke rises over the port. (AP Photo/Evan Vucci)\n\nFirefighters worked through the night.",
        "A woman walks past the bank. REUTERS/Jane Doe\n\nThe bank said it would reopen.",
        "Reuters said on Thursday it would cut 3% of its newsroom jobs.\n\nThe company gave no details.",
        "According to data compiled by Bloomberg, the fund lost 4%.\n\nInvestors left.",
        "The minister told AFP that talks would resume.\n\nNo date was set.",
    ],
)
def test_photo_credits_and_stories_about_agencies_are_not_attribution(body: str) -> None:
    got = _attr(body, byline="By Tom Becker, Staff Writer", authors=["Tom Becker"])
    assert (got.wire_service, got.attribution, got.body) == (None, None, body)


def test_structured_then_registry_and_registry_aliases() -> None:
    assert (_attr(orgs=["Reuters"]).wire_service, _attr(orgs=["Reuters"]).attribution) == ("Reuters", "structured")
    assert (_attr(default="AP").wire_service, _attr(default="AP").attribution) == ("AP", "registry")
    aliases = {"Wire1": ["Wire One News"]}
    got = _attr(byline="By Jane Doe, Wire One News", aliases=aliases)
    assert (got.wire_service, got.attribution, wire_code("wire one news", aliases)) == ("Wire1", "byline", "Wire1")


def test_labelled_set_floor() -> None:
    """The bench prints the per-signal figures; this keeps them from sliding unnoticed."""
    rows = [json.loads(line) for line in (Path(__file__).with_name("wire_labels.jsonl")).read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    exact = wrong_agency = 0
    for row in rows:
        got = _attr(row["body"], row.get("byline"), row.get("authors", []), row.get("structured_orgs", []), row.get("default_wire"))
        exact += (got.wire_service, got.attribution, got.dateline) == (row["wire_service"], row["attribution"], row.get("dateline"))
        wrong_agency += bool(got.wire_service and row["wire_service"] and got.wire_service != row["wire_service"])
    assert (exact / len(rows) >= 0.98, wrong_agency) == (True, 0)
