"""limits.py: the size-scaled time bound and the timer that turns a runaway into DocTimeout."""

import time

import pytest

from quotes.limits import Deadline, DocTimeout, budget, time_limit


def test_budget_grows_with_the_document():
    assert budget(120, 50_000) == 120 and budget(120, 250_000) == 300 and budget(None, 10**6) is None


def test_time_limit_interrupts_plain_python():
    with pytest.raises(DocTimeout, match="took longer than 0.05 s"), time_limit(0.05):
        while True:
            pass
    with time_limit(None) as deadline:  # no bound
        deadline.check()


def test_deadline_checks_between_steps():
    d = Deadline(0.01)
    time.sleep(0.02)
    with pytest.raises(DocTimeout):
        d.check()


def test_a_runaway_grammar_pattern_becomes_a_timeout_record(tmp_path, recorded):
    """A user's dateline pattern that backtracks without end ran before the time bound was set, so a run in
    this process (`--workers 0`, the library) hung past --doc-timeout."""
    import time

    from quotes import Extractor

    (tmp_path / "attribution.toml").write_text("dateline = '(a|a)+$'\n", encoding="utf-8")
    ex = Extractor(parser=recorded, grammar=tmp_path, doc_timeout=0.5)
    t0 = time.monotonic()
    doc = ex.extract("a" * 60 + "b", doc_id="runaway")
    assert doc.error is not None and doc.error.type == "Timeout"
    assert time.monotonic() - t0 < 10


def test_batches_close_at_the_count_or_the_characters(monkeypatch):
    from pathlib import Path

    from quotes import limits

    texts = [p.read_text("utf-8") for p in sorted(Path(__file__).parent.parent.glob("corpus/*.txt"))]
    items = [(f"d{k}", t) for k, t in enumerate(texts)]
    assert [len(b) for b in limits.batches(items, 4)] == [4, 4, 4, 4, 2]  # the articles are short
    monkeypatch.setattr(limits, "BATCH_CHARS", 2 * max(map(len, texts)))
    cut = list(limits.batches(items, 16))
    assert [x for b in cut for x in b] == items and len(cut) > 2
    for b in cut:  # each closes at the first article that reaches the characters, or with the input
        assert sum(len(t) for _, t in b[:-1]) < limits.BATCH_CHARS
    assert all(sum(len(t) for _, t in b) >= limits.BATCH_CHARS for b in cut[:-1])
    assert [len(b) for b in limits.batches(texts, 16)] == [len(b) for b in cut]  # bare texts count the same
    assert [len(b) for b in limits.batches([("d", None), ("e", 7)] * 3, 4)] == [4, 2]  # not text: no characters
