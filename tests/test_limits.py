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


def _in_a_thread(work, seconds: float = 30.0):
    """`work()` run in a thread other than the main one (as on a Dask worker or in a caller's thread pool)."""
    import threading

    out: list = []
    t = threading.Thread(target=lambda: out.append(work()), daemon=True)
    t.start()
    t.join(seconds)
    assert out, f"still running after {seconds} s: no time bound in this thread"
    return out[0]


def test_a_runaway_grammar_pattern_stops_in_any_thread(tmp_path, recorded):
    """The time bound was the main thread's interval timer alone: in any other thread a runaway pattern of a
    user's grammar ran on without end. Patterns are searched with the time left, in every thread."""
    from quotes import Extractor

    (tmp_path / "attribution.toml").write_text("dateline = '(a|a)+$'\n", encoding="utf-8")
    ex = Extractor(parser=recorded, grammar=tmp_path, doc_timeout=0.5)
    t0 = time.monotonic()
    doc = _in_a_thread(lambda: ex.extract("a" * 60 + "b", doc_id="runaway"))
    assert doc.error is not None and doc.error.type == "Timeout" and time.monotonic() - t0 < 10


def test_plain_python_is_bounded_in_any_thread():
    def spin() -> str:
        try:
            with time_limit(0.1):
                while True:
                    time.sleep(0)
        except DocTimeout as e:
            return str(e)
        return "not stopped"

    assert _in_a_thread(spin, 10) == "took longer than 0.1 s (--doc-timeout)"
    with time_limit(5):  # a block that ends in time leaves nothing behind to go off later
        pass
    time.sleep(0.05)


def test_the_callers_own_timer_is_kept():
    """The library set its interval timer and then cancelled it: an `alarm` the caller had set never went off."""
    import signal

    rang: list[float] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: rang.append(time.monotonic()))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.4)
        with time_limit(5):  # a document done long before either timer
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0.2  # the caller's, re-armed with what was left of it
        time.sleep(0.8)
        assert len(rang) == 1
        signal.setitimer(signal.ITIMER_REAL, 0.1)  # the caller's timer goes off during a document: its handler runs
        with time_limit(5):
            time.sleep(0.4)
        assert len(rang) == 2
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_stance_pairs_are_bounded(tmp_path):
    """`quotes stance` and `Extractor.stances` had no time bound: a runaway pattern hung them."""
    from parses import build

    from quotes import Extractor
    from quotes.parse import RecordedParser

    (tmp_path / "stance.toml").write_text("[no_comment]\npatterns = ['(a|a)+$']\n", encoding="utf-8")
    runaway, claim = "a" * 60 + "b", "The officer lied"
    parser = RecordedParser([build(runaway, "0", "root", "NOUN"), build(claim, "2 3 0", "det nsubj root",
                                                                        "DET NOUN VERB")])
    ex = Extractor(parser=parser, grammar=tmp_path, doc_timeout=0.5)
    [got] = _in_a_thread(lambda: ex.stances([(runaway, claim)]))
    assert (got.label, got.score) == ("neutral", 0.0) and got.evidence[0].startswith("Timeout")
