"""The canonical article's relation: the originator's own copy is ``original``; an outlet's copy of
wire copy whose wire version is not in the window is a ``duplicate`` of that unarchived version.

Self-written texts (fictional places and people).
"""

from __future__ import annotations

from datetime import UTC, datetime

from wirearchive import group_stories

REPORT = (
    "Governor Alma Quist of Varnholt declared an emergency on Tuesday after the Ebbing River rose 4.2 metres, "
    "and Mayor Tobiah Renn opened 17 shelters in Oskarby and Hallin Ridge.\n\n"
    "The Red Lantern Society sent 12 trucks and 260 tents from Tessel, and Colonel Brannoch Hale said 1,450 "
    "soldiers of the Fifth Engineer Brigade were on their way to Ebbing.\n\n"
    "Rescue teams in boats carried people from flooded streets, some of them stuck on roofs for hours, while "
    "schools and offices stayed closed and the airport at Varnholt cancelled all flights until further notice."
)


def _record(record_id: str, site: str, body: str, hour: int, **extra: object) -> dict:
    return {
        "id": record_id,
        "url": f"https://{site}/news/{record_id}",
        "site": site,
        "title": None,
        "published_at": datetime(2026, 5, 5, hour, tzinfo=UTC),
        "body": body,
        **extra,
    }


def test_an_outlets_copy_of_wire_copy_is_a_duplicate_even_as_the_earliest_member() -> None:
    copy = _record("herald", "herald.example", f"VARNHOLT (AP) — {REPORT}", 9)
    [row] = group_stories([copy])
    assert row["relation"] == "duplicate" and row["copy_of"] is None


def test_the_wires_own_copy_stays_original_and_the_outlet_copies_it() -> None:
    wire = _record("wire", "wirenews.example", f"VARNHOLT (AP) — {REPORT}", 8, is_wire=True)
    copy = _record("herald", "herald.example", f"VARNHOLT (AP) — {REPORT}", 9)
    rows = {r["id"]: r for r in group_stories([wire, copy])}
    assert rows["wire"]["relation"] == "original" and rows["wire"]["copy_of"] is None
    assert rows["herald"]["relation"] == "duplicate" and rows["herald"]["copy_of"] == "wire"
    assert rows["wire"]["story_id"] == rows["herald"]["story_id"]


def test_a_report_that_credits_no_wire_is_original() -> None:
    [row] = group_stories([_record("staff", "herald.example", f"VARNHOLT — {REPORT}", 9)])
    assert row["relation"] == "original"
