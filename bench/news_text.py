"""Bench bodies that follow real news text, and the term statistics to compare them with.

The warehouse bench used to write bodies of Zipf-distributed pseudo-words drawn independently:
its most frequent terms then occur ~40 times in every 400-word document (10% of the tokens),
which no real text does (``term_stats`` prints both). Here a story's body is a run of consecutive
real sentences (from the bench's real sets: the Zyte article-extraction benchmark's bodies and
one copy of each story of the near-duplicate sets, English only), starting at a random sentence
and running on into the next documents, with the names varied (each proper name of the run
replaced by a pseudo-name drawn for the story, the same one throughout it; digits are kept, the
fts tokenizer does not index them). So term frequencies, their burstiness and the stop words are those of real news, while
names (what searches are often for) keep growing with the archive as they do in real text.

Real third-party text: for benchmarks only, never in tests (PREAMBLE).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import duckdb
import numpy as np

_BENCH_DATA = Path(__file__).parent / "data"
_SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEARDUP_SETS = (_SHARED_DATA / "neardup-dev", _BENCH_DATA / "neardup-ext-a", _BENCH_DATA / "neardup-ext-b")
ZYTE_TRUTH = _SHARED_DATA / "article-extraction-benchmark" / "ground-truth.json"
# a text counts as English when this share of its words are common English function words
_ENGLISH_SHARE = 0.25
_FUNCTION_WORDS = frozenset("the a an of to in and is was for on that with by at as from it said he his".split())
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[\"“‘A-Z0-9])|\n+")
_WORD = re.compile(r"\S+")
_CAPITALIZED = re.compile(r"^([\"“‘(]*)([A-Z][a-z]+)(.*)$")


def real_documents() -> list[str]:
    """The real English article bodies the bench samples: the Zyte benchmark's, and the first
    copy of each story of the near-duplicate sets (their other copies are near-duplicates).

    Returns:
        Bodies, in a fixed order.

    Raises:
        SystemExit: ``../shared/data`` is not beside the checkout (``--bodies zipf`` needs no data).
    """
    missing = [str(path) for path in (ZYTE_TRUTH, *NEARDUP_SETS) if not path.exists()]
    if missing:
        raise SystemExit(f"real news bodies need {', '.join(missing)}: missing; run with --bodies zipf instead")
    bodies = [entry["articleBody"] for entry in json.loads(ZYTE_TRUTH.read_text()).values()]
    for folder in NEARDUP_SETS:
        seen: set[str] = set()
        for line in (folder / "docs.jsonl").read_text().splitlines():
            doc = json.loads(line)
            if doc["story_id"] not in seen:
                seen.add(doc["story_id"])
                bodies.append(doc["text"])
    return [body for body in bodies if _english(body)]


def _english(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and sum(w in _FUNCTION_WORDS for w in words) / len(words) >= _ENGLISH_SHARE


@cache
def sentence_pool() -> list[tuple[list[str], list[tuple[int, str, str, str]]]]:
    """The real documents' sentences in document order: each its words, and where its proper
    names are (capitalized words whose lower case never occurs in the pool), as ``(position,
    text before, name, text after)``.

    Returns:
        ``[(words, names)]``.
    """
    sentences = [
        words for body in real_documents() for part in _SENTENCE_END.split(body) if (words := _WORD.findall(part))
    ]
    lower = {w for s in sentences for w in s if w.islower()}
    pool = []
    for words in sentences:
        names = [
            (i, m.group(1), m.group(2), m.group(3))
            for i, w in enumerate(words)
            if (m := _CAPITALIZED.match(w)) and m.group(2).lower() not in lower
        ]
        pool.append((words, names))
    return pool


class SentenceBodies:
    """Story bodies and titles of real sentences with the names varied (module docstring).

    Args:
        names: Pseudo-names to draw from (letters only), in rank order: drawn with weights
            ``1 / (rank + NAME_OFFSET)``, so the most frequent one is in a few percent of the
            stories, as the most frequent names of real news are, not in most of them.
        rng: The random generator.
    """

    NAME_OFFSET = 50

    def __init__(self, names: list[str], rng: np.random.Generator) -> None:
        self.pool = sentence_pool()
        self.names = [n.capitalize() for n in names]
        weights = 1 / (np.arange(1, len(self.names) + 1) + self.NAME_OFFSET)
        self.cdf = np.cumsum(weights) / weights.sum()
        self.rng = rng

    def story(self, words: int, title_words: int) -> tuple[str, str]:
        """One story's body of exactly ``words`` words and its title.

        Args:
            words: Body length in words.
            title_words: Title length in words (the body's first words).

        Returns:
            ``(body, title)``.
        """
        renamed: dict[str, str] = {}
        out: list[str] = []
        i = int(self.rng.integers(len(self.pool)))
        while len(out) < words:
            sentence, names = self.pool[i % len(self.pool)]
            start = len(out)
            out.extend(sentence)
            for pos, before, name, after in names:
                if name not in renamed:
                    renamed[name] = self.names[int(np.searchsorted(self.cdf, self.rng.random()))]
                out[start + pos] = before + renamed[name] + after
            i += 1
        body = out[:words]
        return " ".join(body), " ".join(body[:title_words])


def term_stats(con: duckdb.DuckDBPyConnection, texts: list[str], fts_extension: Path, top: int = 8) -> dict:
    """How the most frequent indexed terms of ``texts`` are spread, after the fts extension's own
    tokenizer, English stop words and Porter stemmer (what the search index holds).

    Args:
        con: A scratch connection (a table and an fts index are created in it, then dropped).
        texts: Documents.
        fts_extension: The fts extension file.
        top: How many terms to describe, by df.

    Returns:
        ``{docs, avg_len, vocabulary, terms: [(term, df share, tf share of tokens, mean tf, p90 tf,
        max tf, weight spread)]}``; the weight spread is a term's 99th-percentile BM25 weight over
        its median one (at 1 every posting weighs the same and no top-k early stop can work).
    """
    con.execute(f"load '{fts_extension}'")
    con.execute("create or replace table stat_docs (id integer, body varchar)")
    con.executemany("insert into stat_docs values (?, ?)", list(enumerate(texts)))
    con.execute("pragma create_fts_index('stat_docs', 'id', 'body', overwrite = 1)")
    n, avg_len, vocabulary, total = con.execute(
        "select count(*), avg(len), (select count(*) from fts_main_stat_docs.dict), sum(len) "
        "from fts_main_stat_docs.docs"
    ).fetchone()
    rows = con.execute(
        f"""
        with tf as (
            select termid, docid, count(*) as tf from fts_main_stat_docs.terms group by all
        ), weighted as (
            select tf.*, tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * docs.len / {avg_len})) as w
            from tf join fts_main_stat_docs.docs as docs using (docid)
        )
        select dict.term, count(*) / {n}, sum(tf) / {total}, avg(tf), quantile_disc(tf, 0.9), max(tf),
            quantile_cont(w, 0.99) / median(w)
        from weighted join fts_main_stat_docs.dict as dict using (termid)
        group by dict.term order by count(*) desc, dict.term limit {top}
        """
    ).fetchall()
    con.execute("pragma drop_fts_index('stat_docs')")
    con.execute("drop table stat_docs")
    return {"docs": n, "avg_len": avg_len, "vocabulary": vocabulary, "terms": rows}
