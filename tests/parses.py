"""Parses for tests that need no model.

* `build`: a parse of one sentence written by hand — words, heads (CoNLL-U style: 1-based, 0 for the root)
  and deprels, with UPOS, lemmas and features where a rule reads them — like spaCy's tests build a `Doc`.
* `paragraph`: one paragraph of a corpus/ article as the models parsed it (tests/fixtures/record.py),
  cut out of its document's recorded parse with offsets into the paragraph alone, and its layout.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import attrs

from quotes import grammar as grammar_mod
from quotes.normalize import Layout, layout
from quotes.parse import Parse, Sentence, Word, from_json

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@cache
def grammar() -> grammar_mod.Grammar:
    return grammar_mod.load()


def build(text: str, heads: str, deps: str, upos: str, lemmas: str | None = None,
          feats: dict[int, str] | None = None, words: str | None = None) -> Parse:
    """A one-sentence parse of `text`. `words` (space-separated; default: `text` split on spaces) are found in
    the text in order; heads, deps, upos and lemmas are space-separated, one per word; `feats` maps a word's
    1-based position to its features. Lemmas default to the lower-cased words (names keep their case)."""
    toks = (words or text).split()
    cols = [heads.split(), deps.split(), upos.split()]
    lems = lemmas.split() if lemmas else [t if u == "PROPN" else t.lower() for t, u in zip(toks, cols[2], strict=True)]
    if any(len(c) != len(toks) for c in [*cols, lems]):
        raise ValueError(f"{len(toks)} words but {[len(c) for c in [*cols, lems]]} heads/deps/upos/lemmas")
    out, at = [], 0
    for k, tok in enumerate(toks):
        start = text.index(tok, at)
        at = start + len(tok)
        head = int(cols[0][k]) - 1
        out.append(Word(k, tok, lems[k], cols[2][k], (feats or {}).get(k + 1, ""), head, cols[1][k], start, at, 0))
    return Parse(text=text, words=tuple(out), sentences=(Sentence(0, out[0].start, out[-1].end, 0, len(out)),))


@cache
def _recorded() -> dict[str, Parse]:
    with open(FIXTURES / "corpus.parses.jsonl", encoding="utf-8") as f:
        parses = [from_json(json.loads(line)) for line in f if line.strip()]
    return {p.text: p for p in parses}


def document(doc_id: str) -> tuple[Parse, Layout]:
    """A corpus article's recorded parse (its text as given) and layout."""
    text = (CORPUS / f"{doc_id}.txt").read_text("utf-8")
    lay = layout(text, grammar().dateline)
    return attrs.evolve(_recorded()[lay.view], text=text), lay


def paragraph(doc_id: str, needle: str) -> tuple[Parse, Layout]:
    """The paragraph of a corpus article that holds `needle`, as a document of its own."""
    p, lay = document(doc_id)
    at = lay.text.index(needle)
    lo, hi = lay.paragraphs[lay.paragraph_at(at)]
    text = lay.text[lo:hi]
    words = [w for w in p.words if lo <= w.start and w.end <= hi]
    first = words[0].i
    keep = {w.i for w in words}
    sents = sorted({w.sent for w in words})
    rebased = tuple(attrs.evolve(w, i=w.i - first, head=w.head - first if w.head in keep else -1,
                                 start=w.start - lo, end=w.end - lo, sent=sents.index(w.sent)) for w in words)
    sentences = []
    for k, s in enumerate(sents):
        idx = [w.i for w in rebased if w.sent == k]
        sentences.append(Sentence(k, rebased[idx[0]].start, rebased[idx[-1]].end, idx[0], idx[-1] + 1))
    return Parse(text=text, words=rebased, sentences=tuple(sentences)), layout(text, grammar().dateline)
