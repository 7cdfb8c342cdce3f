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
