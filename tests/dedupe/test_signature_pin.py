"""The computed columns of ``article_signatures`` are pinned: a faster computation must give the same bits.

Stored signature partitions are reused across runs (``FEATURES_VERSION``), so a change in any
feature value changes matching results. The corpus mixes the synthetic generator's copies with
self-written texts that reach the tokenizer's corners: quotation marks of every direction, number
words, non-ASCII letters that fold or change length when lower-cased, line breaks, digits,
empty and one-word bodies. Change the pinned digest only together with ``FEATURES_VERSION``, or
when the generator's output changes: then first check that the code before and after the change
gives one digest on the new corpus (re-pinned so on 2026-12-03, when reports got their own phrasing;
on 2026-12-04 when the generator gave each event its own particulars, and for the added ``language``
and ``translation_evidence`` columns; 2026-12-04.2: names flagged and spellings made one in that evidence).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
import pyarrow as pa

from demoworld.synth import generate_corpus
from tests.dedupe.storykit import T0, article, table
from wirearchive.dedupe import SIGNATURES, article_signatures, state

_TEXTS = [
    "",
    "Word",
    "Kuwait 750 Esper.",
    "Sinéad O'Connor sang in Dún Laoghaire; the Ærø ferry ran late. Straße İstanbul ǅemal Ⅻ ﬁnal.",
    '„Wir bleiben“, sagte er. »Ganz sicher«, meinte sie. « Bien sûr », dit-il. ‟Odd” and "straight" quotes.',
    "Twenty-four people, forty soldiers and one dog: twelve were hurt, three died.\nA headline line\n"
    "The third line ends here! Does it? Yes. 4,000 troops, 3.5 percent, 2026-12-03, 10:30 GMT.",
    "\n\n".join(
        [
            "WASHINGTON (AP) — The Pentagon said Tuesday that Defense Secretary Mark Esper will visit Baghdad "
            "next week to meet Iraqi Prime Minister Adel Abdul-Mahdi about the 5,200 troops stationed there.",
            '"We are committed to the partnership," Esper told reporters. "It is with great sadness that we '
            "leave,\" he added, before the militiamen's graffiti was painted over.",
            "The visit follows a rocket attack on the Green Zone that wounded two contractors and damaged "
            "the embassy's perimeter wall, officials said on condition of anonymity.",
            "Follow us on Twitter.",
            "Associated Press writer Lolita C. Baldor contributed to this report from Washington and Qassim "
            "Abdul-Zahra from Baghdad; an unbalanced “quote opens here and never closes in this paragraph",
            "Officials in Kuwait and Bahrain said the ninety-day deployment would end in eighteen months, "
            "seventy or eighty days after the election. Nineteen senators objected!",
        ]
    ),
    "ÀÉÎÕÜ çñ ø łódź — Ελλάδα Αθήνα. Москва Кремль. 東京 大阪. مرحبا بالعالم. ١٢٣ digits ٤٥.",
    " ".join(f"token{k % 37} Word{k % 11} the of and" for k in range(400)),  # long, repetitive
]


def _articles() -> list[dict]:
    docs = generate_corpus(11, n_events=12, start=date(2026, 11, 2), days=2, outlets=("herald", "metro"), farm="farm")
    rows = [
        article(d.doc_id, "\n\n".join(d.paragraphs), source=d.outlet, hours=(d.published_at - T0) / timedelta(hours=1))
        for d in docs
    ]
    return [*rows, *(article(f"text-{k}", text, hours=k) for k, text in enumerate(_TEXTS))]


def _digest(signatures: pa.Table) -> str:
    """sha256 over every computed column's values and list offsets, in schema order."""
    digest = hashlib.sha256()
    for name in SIGNATURES.names[5:]:
        if name == "wire_service":  # copied from the articles, not computed
            continue
        column = signatures.column(name).combine_chunks()
        digest.update(name.encode())
        if pa.types.is_string(column.type):  # the language: values, not an object array's pointers
            digest.update("\0".join(value or "-" for value in column.to_pylist()).encode())
            continue
        if isinstance(column, pa.ListArray):
            digest.update(np.asarray(column.offsets, dtype=np.int64).tobytes())
            column = column.flatten()
        elif isinstance(column, pa.FixedSizeListArray):
            column = column.flatten()
        digest.update(column.to_numpy(zero_copy_only=False).tobytes())
    return digest.hexdigest()


def test_signatures_are_pinned() -> None:
    signatures = article_signatures(table(*_articles()))
    assert signatures.num_rows > 40
    assert state.FEATURES_VERSION == "2026-12-04.2"
    assert _digest(signatures) == PINNED


PINNED = "5bc1a6dec359229a312caae7b738d8e9063f37f7310a4947529b6ca59e19a65f"
