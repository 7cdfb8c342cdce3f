"""progress.py: a live bar with total, rate and time left on a terminal; plain periodic lines elsewhere."""

import io

from conftest import CORPUS

from quotes.progress import Progress, count


def test_the_total_is_counted_where_it_is_cheap(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "a"}\n\n{"id": 2, "text": "b"}\nnot json\n', encoding="utf-8")
    texts = sorted(str(p) for p in CORPUS.glob("*.txt"))
    assert count([*texts, str(src)]) == len(texts) + 3  # every non-blank line is a document (or its error record)
    assert count([str(src), "-"]) is None


def test_off_a_terminal_plain_lines_give_total_rate_and_time_left():
    log = io.StringIO()
    p = Progress(40, log, terminal=False, every=0)
    for n in range(1, 11):
        p.tick(n, n // 5)
    p.close()
    lines = log.getvalue().splitlines()
    assert lines[0] == "quotes: extracting 40 documents; loading the models"
    assert lines[-1].startswith("quotes: 10/40 documents (25%), 2 failed, ") and " docs/s, " in lines[-1]
    assert lines[-1].endswith(" left") and "\x1b" not in log.getvalue()
    quiet = io.StringIO()
    p = Progress(None, quiet, terminal=False)  # every 30 s by default: a short run says only what it starts
    p.tick(1, 0)
    assert quiet.getvalue().count("\n") == 1 and "loading the models" in quiet.getvalue()


def test_the_time_left_is_reckoned_from_characters_done_after_the_models_load(monkeypatch):
    """A first batch done all at once after a long model load made `left 0:00:01` at 13 of 84 documents: the
    pace is now that of the documents after the first, by their characters where the input's size is known."""
    now = [0.0]
    monkeypatch.setattr("quotes.progress.time.monotonic", lambda: now[0])
    log = io.StringIO()
    p = Progress(3, log, terminal=False, every=0, size=1000)
    now[0] = 100.0  # the models took 100 s
    p.tick(1, 0, 100)  # the first document, as the models are ready
    now[0] = 110.0
    p.tick(2, 0, 400)  # 400 characters in 10 s: 500 left take 12.5 s
    assert log.getvalue().splitlines()[-1] == "quotes: 2/3 documents (67%), 0 failed, 0.1 docs/s, 0:00:12 left"
    screen = io.StringIO()
    now[0] = 0.0
    bar = Progress(3, screen, terminal=True, size=1000)
    now[0] = 100.0
    bar.tick(1, 0, 100)
    now[0] = 120.0
    bar.tick(2, 0, 100)  # a short one in 20 s: by characters 800 left take 160 s, not one document's 20 s
    bar.close()
    assert "left 0:02:40" in screen.getvalue()


def test_on_a_terminal_a_bar_with_total_rate_and_time_left():
    screen = io.StringIO()
    p = Progress(8, screen, terminal=True)
    for n in range(1, 5):
        p.tick(n, 1)
    p.close()
    shown = screen.getvalue()
    assert "4/8" in shown and "1 failed" in shown and "docs/s" in shown and "left" in shown
    assert "extracting" in shown and "loading the models" not in shown.rsplit("\r", 1)[-1]


def test_counting_reads_a_chunk_at_a_time_whatever_a_line_holds(tmp_path):
    """The count read whole lines: a 600 MB line took 1.3 GB before the run began. It now reads chunks."""
    import tracemalloc

    from quotes import progress

    src = tmp_path / "one.jsonl"
    src.write_bytes(b'{"id": "a", "text": "' + b"x" * (24 << 20) + b'"}\n\n  \r\n{"id": "b", "text": "y"}')
    tracemalloc.start()
    try:
        assert progress.count([str(src)]) == 2
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * progress.CHUNK


def test_telling_records_from_texts_reads_no_more_than_its_bound(tmp_path, monkeypatch):
    from quotes import cli

    monkeypatch.setattr(cli, "FIRST_LINE", 1000)
    big = tmp_path / "texts.jsonl"
    big.write_bytes(b'{"quotes": [], "text": "' + b"x" * 5000 + b'"}\n')
    small = tmp_path / "out.jsonl"
    small.write_bytes(b'\n{"doc_id": "x", "quotes": [], "text_sha256": "0"}\n')
    assert not cli._holds_records(big) and cli._holds_records(small) and cli._is_output(str(small))
