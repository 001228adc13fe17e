"""Write tests/extract/wire_labels.jsonl: the labelled wire-attribution set (self-written).

Run: ``.venv/bin/python tests/extract/make_wire_labels.py``. Deterministic (fixed seed).

Each line is one example: the inputs of ``wirearchive.wire.attribute_wire`` (``body``,
``byline``, ``authors``, ``structured_orgs``, ``default_wire``) and the expected ``wire_service``,
``attribution`` (the strongest signal present: dateline > byline > credit > structured >
registry) and, where the body opens with one, ``dateline``. Three parts:

* ``HAND``: individually written cases, many of them traps (photo credits, stories about an
  agency, agency names inside quotes, lower-case look-alikes, spun credit lines);
* combinations of written datelines, bylines and credit lines with written body paragraphs;
* negatives built the same way with no wire signal.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("wire_labels.jsonl")

PARAGRAPHS = [
    "Officials said the bridge would stay closed until engineers finish checking the cracked support beams.",
    "The council voted 7-2 on Tuesday night to delay the budget, leaving libraries unsure how long they can stay open.",
    "Farmers in the valley have waited three weeks for rain, and some have already begun selling cattle early.",
    "The company said in a statement that it expected the recall to cost about $40 million this quarter.",
    "Witnesses described a loud bang shortly before midnight, followed by smoke rising from the warehouse roof.",
    "Negotiators met for nine hours but could not agree on how to share the water from the dam.",
    "The museum plans to reopen its east wing in the spring after repairs to the leaking skylights.",
    "Police said no one was hurt, but two streets near the harbor were closed for most of the morning.",
    "The minister told lawmakers the new rules would take effect in January, not in March as first planned.",
    "Prices for eggs rose for the fourth month in a row, the statistics office said on Friday.",
    "Rescue teams reached the village by helicopter after the landslide cut the only road.",
    "Supporters gathered outside the courthouse with banners, while the hearing was moved to a larger room.",
]
CITIES = ["BAGHDAD", "WASHINGTON", "PARIS", "LOS ANGELES", "NEW YORK", "BEIJING", "NAIROBI", "SEOUL",
          "TOKYO", "MADRID", "ROME", "BERLIN", "NEW DELHI", "SYDNEY", "OTTAWA", "JERUSALEM",
          "COLUMBIA, S.C.", "SANTA FE, N.M.", "SAN JUAN, Puerto Rico"]  # fmt: skip
DASHES = [" — ", " - ", " – ", " -- "]
# (code, how it is printed in a dateline)
DATELINE_WIRES = [("AP", "AP"), ("Reuters", "Reuters"), ("AFP", "AFP"), ("UPI", "UPI"), ("Xinhua", "Xinhua"),
                  ("Yonhap", "Yonhap"), ("Kyodo", "Kyodo"), ("DPA", "dpa"), ("EFE", "EFE"), ("ANSA", "ANSA"),
                  ("CP", "CP"), ("PTI", "PTI"), ("AAP", "AAP"), ("Bloomberg", "Bloomberg")]  # fmt: skip
PEOPLE = ["Jane Doe", "John Roe", "Maria Ortiz", "Kwame Mensah", "Li Wei", "Sarah O'Neill", "Ahmed Hassan",
          "Priya Raman", "Tom Becker", "Ana Lucia Costa"]  # fmt: skip
# (code, organization name as printed in bylines)
BYLINE_ORGS = [("AP", "Associated Press"), ("AP", "The Associated Press"), ("Reuters", "Reuters"),
               ("AFP", "AFP"), ("AFP", "Agence France-Presse"), ("Bloomberg", "Bloomberg News"),
               ("CP", "The Canadian Press"), ("PA", "PA Media"), ("Xinhua", "Xinhua"), ("UPI", "UPI"),
               ("JTA", "Jewish Telegraphic Agency"), ("PTI", "Press Trust of India")]  # fmt: skip
# (code, credit line)
CREDITS = [
    ("AP", "The Associated Press contributed to this report."),
    ("AP", "Associated Press writer Tom Becker in Chicago contributed to this report."),
    ("AP", "Copyright 2020 The Associated Press. All rights reserved."),
    ("Reuters", "Reporting by Maria Ortiz; Editing by John Roe"),
    ("Reuters", "(Reporting by Li Wei in Beijing; Additional reporting by Priya Raman; Editing by Jane Doe)"),
    ("Reuters", "Reuters contributed reporting."),
    ("AFP", "With AFP"),
    ("AFP", "Source: AFP"),
    ("CP", "With files from The Canadian Press"),
    ("Bloomberg", "Bloomberg News contributed to this story."),
    ("wires", "With Post wires"),
    ("wires", "With Publish wires"),
    ("wires", "— With wire services"),
    ("wires", "With Times wires."),
    ("wires", "From wire reports"),
    ("AFP", "— AFP"),
    ("Xinhua", "This story was provided by Xinhua."),
]

HAND: list[dict] = [
    # photo credits and captions are not attribution
    {
        "body": "The senator waves to supporters. (AP Photo/Evan Vucci)\n\nThe senator spoke for an hour about the farm bill.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "A woman walks past the closed bank in Lagos. REUTERS/Jane Doe\n\nThe bank said it would reopen on Monday.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "Smoke rises over the port.\n\nAFP Photo / John Roe\n\nFirefighters worked through the night.",
        "wire_service": None,
        "attribution": None,
    },
    {"body": "The council met on Tuesday.\n\nPhoto: AP Photo/Li Wei", "wire_service": None, "attribution": None},
    {
        "body": "Crowds gather in the square on Sunday. (Reuters/Maria Ortiz)\n\nThe protest ended peacefully.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "The team celebrates the win. AP Images\n\nThe coach praised the defense.",
        "wire_service": None,
        "attribution": None,
    },
    # stories about an agency are not attribution
    {
        "body": "Reuters said on Thursday it would cut 3% of its newsroom jobs as it shifts to video.\n\nThe company did not say which bureaus would close.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "The Associated Press has updated its stylebook to drop the hyphen in email.\n\nEditors welcomed the change.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "Bloomberg, the former mayor, spent $500 million on his campaign.\n\nHe dropped out in March.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "The minister told AFP in an interview that talks would resume.\n\nNo date was set.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "According to data compiled by Bloomberg, the fund lost 4% last year.\n\nInvestors pulled out $2 billion.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "Xinhua, the state news agency, reported the launch.\n\nThe rocket carried three satellites.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "The outlet sued Reuters over the photo licence.\n\nA judge dismissed the case.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "She worked at the Associated Press for twenty years before joining the university.\n\nShe will teach reporting.",
        "wire_service": None,
        "attribution": None,
    },
    # look-alikes
    {
        "body": "The app was downloaded a million times.\n\nIt lets users share photos with friends.",
        "byline": "By Tom Becker, Staff Writer",
        "authors": ["Tom Becker"],
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "The PA system failed during the concert.\n\nFans waited an hour.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "WASHINGTON — The Senate passed the bill 52-48 late Tuesday.\n\nThe House votes next week.",
        "wire_service": None,
        "attribution": None,
        "dateline": "WASHINGTON",
    },
    {
        "body": "NAPA COUNTY, Calif. — Firefighters contained the blaze by Sunday.\n\nNo homes were lost.",
        "wire_service": None,
        "attribution": None,
        "dateline": "NAPA COUNTY, Calif.",
    },
    {
        "body": "The mayor thanked the staff.\n\nThanks for reading. Sign up for our newsletter.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "Reporting by the committee found waste in three agencies.\n\nThe report will be published next month.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "He was in the Post for twenty years.\n\nWith friends he founded a bakery.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "“We are not Reuters,” the editor joked.\n\nThe paper has three reporters.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "Police found the car on Monday.\n\nThe investigation continues.",
        "byline": "By Staff",
        "authors": [],
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "The school board met.\n\nParents asked for more buses.",
        "structured_orgs": ["The Daily Ledger"],
        "wire_service": None,
        "attribution": None,
    },
    # positives with unusual forms
    {
        "body": "KVELLER via JTA — Governor Jay Smith appointed the justice on Monday.\n\nShe was sworn in on Friday.",
        "wire_service": "JTA",
        "attribution": "dateline",
        "dateline": "KVELLER",
    },
    {
        "body": "LOS ANGELES (Reuters) - The film won the top prize on Sunday.\n\n(Reporting by Jane Doe; Editing by John Roe)",
        "wire_service": "Reuters",
        "attribution": "dateline",
        "dateline": "LOS ANGELES",
    },
    {
        "body": "Paris (AFP) - The museum reopened on Monday.\n\nVisitors queued for hours.",
        "wire_service": "AFP",
        "attribution": "dateline",
        "dateline": "Paris",
    },
    {
        "body": "WASHINGTON (AP) — Lawmakers left town without a deal.\n\nThe Associated Press contributed to this report.",
        "wire_service": "AP",
        "attribution": "dateline",
        "dateline": "WASHINGTON",
    },
    {
        "body": "The storm hit the coast on Friday.\n\nWith Publish wires",
        "wire_service": "wires",
        "attribution": "credit",
    },
    {
        "body": "Iran-backed militiamen withdrew from the embassy on Wednesday.\n\nThe retreat comes after the defense secretary said troops would deploy.\n\nWith Post wires",
        "wire_service": "wires",
        "attribution": "credit",
    },
    {
        "body": "Officials said the count would finish on Sunday.",
        "byline": "By Jane Doe and John Roe, Associated Press",
        "authors": ["Jane Doe", "John Roe", "Associated Press"],
        "wire_service": "AP",
        "attribution": "byline",
    },
    {
        "body": "The tattoo shop opened in 2015.",
        "byline": "AFP/The Local",
        "authors": ["AFP/The Local"],
        "wire_service": "AFP",
        "attribution": "byline",
    },
    {
        "body": "The index fell 2% on Monday.",
        "byline": "Reuters",
        "authors": ["Reuters"],
        "wire_service": "Reuters",
        "attribution": "byline",
    },
    {
        "body": "The index fell 2% on Monday.",
        "structured_orgs": ["Reuters"],
        "wire_service": "Reuters",
        "attribution": "structured",
    },
    {"body": "The ceasefire held overnight.", "default_wire": "AP", "wire_service": "AP", "attribution": "registry"},
    {
        "body": "The ceasefire held overnight.",
        "default_wire": "Reuters",
        "structured_orgs": ["Reuters"],
        "wire_service": "Reuters",
        "attribution": "structured",
    },
    {
        "body": "SEOUL, Nov. 18 (Yonhap) -- The central bank kept its rate at 1.25 percent.\n\nThe decision was expected.",
        "wire_service": "Yonhap",
        "attribution": "dateline",
        "dateline": "SEOUL, Nov. 18",
    },
    {
        "body": "The quake struck at dawn. (AP Photo/Jane Doe)\n\nThe Associated Press contributed to this report.",
        "wire_service": "AP",
        "attribution": "credit",
    },
    {
        "body": "A story about Reuters' new chief executive, who starts in May.\n\nReporting by Maria Ortiz; Editing by Tom Becker",
        "wire_service": "Reuters",
        "attribution": "credit",
    },
    {"body": "The company posted a profit.\n\nWITH POST WIRES", "wire_service": "wires", "attribution": "credit"},
    {"body": "The vote was close.\n\n— With Publish wires", "wire_service": "wires", "attribution": "credit"},
    {"body": "The vote was close.\n\nWith Put up wires", "wire_service": "wires", "attribution": "credit"},
    {
        "body": "The goal came late.\n\nProtection by Yuki Faure in Ottawa; Editing by Maria Okafor",
        "wire_service": "Reuters",
        "attribution": "credit",
    },
    {
        "body": "Talks resumed on Wednesday.\n\nAdditional reporting by Reuters",
        "wire_service": "Reuters",
        "attribution": "credit",
    },
    {
        "body": "Published  LUSAKA (Reuters) - Talks resumed on Wednesday.\n\nBoth sides met for six hours.",
        "wire_service": "Reuters",
        "attribution": "dateline",
        "dateline": "LUSAKA",
    },
    {
        "body": "News for the Valley and beyond\n\nMADRID (AP) — The storm swept across Spain.\n\nEleven people died.",
        "wire_service": "AP",
        "attribution": "dateline",
        "dateline": "MADRID",
    },
    # a sentence shaped like Reuters' credit line but not one (a known miss of the shape rule)
    {
        "body": "The panel met twice.\n\nReporting by the panel's staff; editing by its chair was light.",
        "wire_service": None,
        "attribution": None,
    },
    {
        "body": "Ships waited outside the port.\n\nCompiled by our business desk",
        "wire_service": None,
        "attribution": None,
    },
]


def _body(rng: random.Random, n: int) -> list[str]:
    return rng.sample(PARAGRAPHS, n)


def build() -> list[dict]:
    rng = random.Random(20201)
    rows = [dict(row) for row in HAND]
    for i in range(45):  # datelines (some also with a byline or credit: dateline still decides)
        code, printed = DATELINE_WIRES[i % len(DATELINE_WIRES)]
        city = CITIES[i % len(CITIES)]
        paras = _body(rng, 3)
        paras[0] = f"{city} ({printed}){DASHES[i % len(DASHES)]}{paras[0]}"
        row = {"body": "\n\n".join(paras), "wire_service": code, "attribution": "dateline", "dateline": city}
        if i % 3 == 0:
            row["byline"] = f"By {PEOPLE[i % len(PEOPLE)]}"
            row["authors"] = [PEOPLE[i % len(PEOPLE)]]
        rows.append(row)
    for i in range(36):  # bylines
        code, org = BYLINE_ORGS[i % len(BYLINE_ORGS)]
        people = PEOPLE[i % len(PEOPLE)] + (f" and {PEOPLE[(i + 3) % len(PEOPLE)]}" if i % 2 else "")
        row = {"body": "\n\n".join(_body(rng, 3)), "byline": f"By {people}, {org}",
               "authors": [*people.split(" and "), org], "wire_service": code, "attribution": "byline"}  # fmt: skip
        if i % 4 == 0:  # an unrelated city dateline with no wire: the byline decides, the city is kept
            city = CITIES[i % len(CITIES)]
            row["body"] = f"{city} — " + row["body"]
            row["dateline"] = city
        rows.append(row)
    for i in range(40):  # credit lines
        code, credit = CREDITS[i % len(CREDITS)]
        paras = _body(rng, 3) + [credit]
        rows.append({"body": "\n\n".join(paras), "byline": f"By {PEOPLE[i % len(PEOPLE)]}",
                     "authors": [PEOPLE[i % len(PEOPLE)]], "wire_service": code, "attribution": "credit"})  # fmt: skip
    for i in range(14):  # structured and registry
        code, org = BYLINE_ORGS[i % len(BYLINE_ORGS)]
        if i % 2:
            rows.append(
                {
                    "body": "\n\n".join(_body(rng, 2)),
                    "structured_orgs": [org],
                    "wire_service": code,
                    "attribution": "structured",
                }
            )
        else:
            rows.append(
                {
                    "body": "\n\n".join(_body(rng, 2)),
                    "default_wire": code,
                    "wire_service": code,
                    "attribution": "registry",
                }
            )
    for i in range(20):  # negatives: staff bylines, outlet publishers, plain datelines
        row = {"body": "\n\n".join(_body(rng, 3)), "byline": f"By {PEOPLE[i % len(PEOPLE)]}, Staff Writer",
               "authors": [PEOPLE[i % len(PEOPLE)]], "structured_orgs": ["The Daily Ledger"], "wire_service": None, "attribution": None}  # fmt: skip
        if i % 2:
            city = CITIES[(i * 5) % len(CITIES)]
            row["body"] = f"{city}{DASHES[i % len(DASHES)]}" + row["body"]
            row["dateline"] = city
        rows.append(row)
    for index, row in enumerate(rows):
        row["id"] = f"w{index:03d}"
    return rows


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    print(f"wrote {len(rows)} examples to {OUT}")


if __name__ == "__main__":
    main()
