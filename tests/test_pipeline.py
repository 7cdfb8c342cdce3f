"""pipeline.py: the declared stages, their chain, and the parse stage (recorded parses, no model)."""

import pytest
from parses import document, grammar

from quotes.normalize import layout
from quotes.parse import Parse, RecordedParser
from quotes.pipeline import LARGE, STAGES, Attributed, Candidates, Context, Judged, Parsing, Stage, analyse, check


def test_the_stages_are_find_resolve_stance_in_a_checked_chain():
    assert [s.name for s in STAGES] == ["find", "resolve", "stance"]
    assert [s.gives for s in STAGES] == [Candidates, Attributed, Judged]
    with pytest.raises(TypeError, match="stage stance takes Attributed but is given Candidates"):
        check([STAGES[0], STAGES[2]])
    check(STAGES)


def test_analyse_runs_the_stages_on_one_document():
    p, lay = document("ridgeway-officer-charged")
    judged = analyse(Context("d", lay.text, grammar(), lay, p))
    assert isinstance(judged, Judged) and judged.quotes and judged.entities
    assert [q.id for q in judged.quotes] == [f"q{k + 1}" for k in range(len(judged.quotes))]
    assert all(lay.text[q.start:q.end] == q.text for q in judged.quotes)


def test_a_custom_stage_list_sees_each_output():
    p, lay = document("ridgeway-officer-charged")
    seen = []
    spy = Stage("spy", lambda ctx, c: seen.append(len(c.found)) or c, Candidates, Candidates)
    out = analyse(Context("d", lay.text, grammar(), lay, p), [STAGES[0], spy])
    assert isinstance(out, Candidates) and seen == [len(out.found)] and seen[0] > 3


class Counting:
    name = "counting"

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def parse_many(self, texts):
        self.calls.append(list(texts))
        return self.inner.parse_many(texts)


def test_parsing_caches_short_texts_and_isolates_a_failure(recorded):
    p, lay = document("ridgeway-officer-charged")
    parser = Counting(recorded)
    parsing = Parsing(lambda: parser, grammar(), 16, None)
    first = parsing.parse([lay.view, "not recorded"])
    assert isinstance(first[0], Parse) and isinstance(first[1], KeyError)  # one bad text, the other parsed
    again = parsing.parse([lay.view])
    assert again[0] is first[0] and parser.calls[-1] == []  # a cache hit: nothing sent to the parser


def test_a_large_document_parses_only_paragraphs_that_can_hold_a_quote():
    p, lay = document("ridgeway-officer-charged")
    parsing = Parsing(lambda: RecordedParser([]), grammar(), 16, None)
    assert parsing.pieces(lay) == [(0, len(lay.view))]
    text = "\n\n".join(["The weather was mild and the roads were dry that week."] * 4000 + ["“We will appeal,” he said."])
    big = layout(text)
    assert len(big.view) > LARGE
    [(lo, hi)] = parsing.pieces(big)
    assert text[lo:hi] == "The weather was mild and the roads were dry that week.\n\n“We will appeal,” he said."


def test_cache_hits_survive_eviction_in_the_same_batch(recorded, monkeypatch):
    """A batch that hits a cached parse and then fills the cache past its size: the hit must not be lost
    (it was, with a KeyError that killed the worker and made the pool restart it)."""
    import quotes.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CACHE_CHARS", 10**6)
    monkeypatch.setattr(pipeline, "CACHE_SIZE", 2)
    views = sorted(recorded.parses, key=len)[:4]
    parsing = Parsing(lambda: recorded, grammar(), 16, None)
    first = parsing.parse(views[:1])
    again = parsing.parse(views[1:] + views[:1])  # the hit comes after new parses
    assert all(isinstance(x, Parse) for x in again) and again[-1] is first[0]
    assert len(parsing._cache) == 2
