"""Robustness (#5): broken input, bounds, determinism, interruption — nothing lost, nothing crashes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from badinput import article, files, jsonl_lines
from conftest import CORPUS, SHARED
from typer.testing import CliRunner

from quotes.cli import app

pytestmark = pytest.mark.models  # end to end through the CLI with the stanza models

runner = CliRunner()
QUOTES = [sys.executable, "-m", "quotes.cli"]


def records(data: bytes | str) -> list[dict]:
    raw = data.encode() if isinstance(data, str) else data
    return [orjson.loads(x) for x in raw.splitlines() if x.startswith(b"{")]


def quote_texts(doc: dict) -> list[str]:
    return [q["text"] for q in doc["quotes"]]


def test_bad_input_files(tmp_path):
    cases = files(tmp_path)
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", *(str(p) for _, p, _ in cases), "-o", str(out)])
    assert res.exit_code == 0, res.output
    docs = records(out.read_bytes())
    assert [d["doc_id"] for d in docs] == [name for name, _, _ in cases]  # one line each, in input order
    failed = sum(1 for _, _, e in cases if e)
    assert f"documents read {len(cases)}, extracted {len(cases) - failed}, failed {failed}" in res.stderr
    plain = quote_texts(next(d for d in docs if d["doc_id"] == "bom"))
    assert plain
    for (name, path, error), doc in zip(cases, docs, strict=True):
        assert (doc["error"] or {}).get("type") == error, (name, doc["error"])
        data = path.read_bytes()
        if error:
            assert doc["quotes"] == []
            continue
        text = data.decode("utf-8")
        for q in doc["quotes"]:  # offsets index the text as given, BOM, CR and tags included
            assert text[q["start"]:q["end"]] == q["text"]
        if name in ("crlf", "lone-cr", "nul", "html", "runs"):  # the same quotes as the clean article
            assert quote_texts(doc) == plain, name
    by_id = {d["doc_id"]: d for d in docs}
    assert "byte 300 (0xff)" in by_id["invalid-utf8"]["error"]["message"]
    html = by_id["html"]
    assert {q["speaker"]["name"] for q in html["quotes"]} == {q["speaker"]["name"] for q in by_id["bom"]["quotes"]}
    assert not any("<" in q["text"] or "he said “no”" in q["text"] for q in html["quotes"])
    res = runner.invoke(app, ["extract", str(tmp_path / "invalid-utf8.txt"), "--errors", "replace"])
    assert records(res.stdout)[0]["error"] is None and records(res.stdout)[0]["quotes"]


def test_bad_jsonl_records(tmp_path):
    src = tmp_path / "bad.jsonl"
    lines = jsonl_lines()
    src.write_text("\n".join(line for line, _, _ in lines) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src), "--workers", "0"])
    assert res.exit_code == 0, res.output
    docs = records(res.stdout)
    expected = [(i, e) for _, i, e in lines if i is not None]
    assert [(d["doc_id"], (d["error"] or {}).get("type")) for d in docs] == expected
    assert "bad.jsonl:7" in docs[6]["error"]["message"]


def test_time_and_size_bounds(tmp_path):
    src = tmp_path / "in.jsonl"
    # 114,000 characters of marks: about 6 s of work where its bound is 1.14 s (the article's 0.1 s, bound 1 s)
    runaway = "He said “ and then " * 6000
    src.write_text("\n".join(orjson.dumps(d).decode() for d in [
        {"id": "before", "text": "“We will appeal,” the lawyer said."},
        {"id": "runaway", "text": runaway},
        {"id": "after", "text": article()},
        {"id": "huge", "text": "x " * 600_000},
    ]) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    res = runner.invoke(app, ["extract", str(src), "--doc-timeout", "1", "--max-doc-chars", "1000000"])
    took = time.perf_counter() - t0
    assert res.exit_code == 0, res.output
    docs = records(res.stdout)
    assert [(d["doc_id"], (d["error"] or {}).get("type")) for d in docs] == [
        ("before", None), ("runaway", "Timeout"), ("after", None), ("huge", "TooLarge")]
    assert "1,200,000 characters; the limit is 1,000,000" in docs[3]["error"]["message"]
    assert docs[2]["quotes"] and took < 240
    assert "documents read 4, extracted 2, failed 2" in res.stderr


def test_byte_identical_across_runs_and_workers(tmp_path):
    outs = []
    for workers in ("1", "2", "1", "0"):
        out = tmp_path / f"out{len(outs)}.jsonl"
        res = runner.invoke(app, ["extract", str(CORPUS), "-o", str(out), "--no-timing", "--workers", workers])
        assert res.exit_code == 0, res.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2] == outs[3]
    assert b"elapsed_ms" not in outs[0]
    res = runner.invoke(app, ["extract", str(CORPUS / "vance-bail-hearing.txt"), "--workers", "0"])
    assert "elapsed_ms" in records(res.stdout)[0]["meta"]


def many_docs(path: Path, n: int) -> None:
    sentences = [s for s in article().split("\n\n") if s.strip()]
    path.write_text("".join(orjson.dumps({"id": f"d{k}", "text": sentences[k % len(sentences)]}).decode() + "\n"
                            for k in range(n)), encoding="utf-8")


def test_resume_after_a_torn_write(tmp_path):
    src = tmp_path / "in.jsonl"
    many_docs(src, 30)
    full = tmp_path / "full.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(full), "--no-timing", "--workers", "0"]).exit_code == 0
    whole = full.read_bytes()
    lines = whole.splitlines(keepends=True)
    for per_quote in (False, True):
        part = tmp_path / f"part{per_quote}.jsonl"
        args = ["extract", str(src), "-o", str(part), "--no-timing", "--workers", "0"]
        args += ["--per-quote"] if per_quote else []
        if per_quote:
            assert runner.invoke(app, args).exit_code == 0
            reference = part.read_bytes()
            part.write_bytes(reference[:len(reference) // 2 + 7])  # torn in the middle of a line
        else:
            reference = whole
            part.write_bytes(b"".join(lines[:11]) + lines[11][:40])
        res = runner.invoke(app, [*args, "--resume"])
        assert res.exit_code == 0, res.output
        assert part.read_bytes() == reference
    other = tmp_path / "other.jsonl"
    other.write_bytes(whole.replace(b'"doc_id":"d0"', b'"doc_id":"not-d0"'))
    res = runner.invoke(app, ["extract", str(src), "-o", str(other), "--resume", "--workers", "0"])
    assert res.exit_code == 2 and "same input" in res.stderr


def test_killed_run_leaves_the_output_as_it_was_and_resumes_from_its_part(tmp_path):
    """A kill ends the run with whole lines in OUT.part and OUT untouched; a second run onto the same OUT is
    refused while the first holds it; --resume goes on from the part and renames it over OUT at the end."""
    src = tmp_path / "in.jsonl"
    many_docs(src, 1000)
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    out.write_bytes(b"an earlier run's output\n")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    args = [*QUOTES, "extract", str(src), "-o", str(out), "--no-timing", "--batch-size", "4"]
    proc = subprocess.Popen(args, env=env, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and not part.exists():  # taken before the models load
        time.sleep(0.05)
    second = subprocess.run(args, env=env, capture_output=True, timeout=120)
    assert second.returncode == 2 and b"another run is writing" in second.stderr, second.stderr
    while time.time() < deadline and part.read_bytes().count(b"\n") < 20:
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"--resume goes on" in err
    assert out.read_bytes() == b"an earlier run's output\n"
    data = part.read_bytes()
    assert data.endswith(b"\n") and 20 <= data.count(b"\n") < 1000
    records(data)  # every line is whole JSON
    done = subprocess.run([*args, "--resume"], env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    docs = records(out.read_bytes())
    assert [d["doc_id"] for d in docs] == [f"d{k}" for k in range(1000)] and not part.exists()


def _terminal_sigint() -> None:
    """Ctrl-C as a terminal delivers it: a shell's background job inherits SIGINT ignored, which would make
    the run below deaf to it whatever the program does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_and_kill_9_then_resume_give_every_document_once_in_order(tmp_path):
    """Ctrl-C reaches the whole process group, workers included: a worker printed its traceback before the
    `interrupted` summary. kill -9 leaves no time to clean up: --resume cuts the torn end and goes on."""
    src = tmp_path / "in.jsonl"
    many_docs(src, 120)
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    args = [*QUOTES, "extract", str(src), "-o", str(out), "--no-timing", "--batch-size", "4"]

    part = tmp_path / "out.jsonl.part"

    def stop_after(lines: int, resume: list[str], kill: Callable[[subprocess.Popen], None]) -> tuple[int, bytes]:
        start = part.read_bytes().count(b"\n") if part.exists() else 0
        proc = subprocess.Popen(args + resume, env=env, stderr=subprocess.PIPE, start_new_session=True,
                                preexec_fn=_terminal_sigint)
        deadline = time.time() + 120
        while time.time() < deadline and (not part.exists() or part.read_bytes().count(b"\n") < start + lines):
            time.sleep(0.1)
        kill(proc)
        _, err = proc.communicate(timeout=60)
        return proc.returncode, err

    code, err = stop_after(12, [], lambda p: os.killpg(p.pid, signal.SIGINT))  # what a terminal's Ctrl-C does
    assert code == 130 and b"interrupted" in err and b"Traceback" not in err, err.decode()
    code, err = stop_after(12, ["--resume"], lambda p: p.kill())
    assert code == -signal.SIGKILL
    done = subprocess.run([*args, "--resume"], env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert [d["doc_id"] for d in records(out.read_bytes())] == [f"d{k}" for k in range(120)] and not part.exists()


def test_corrupt_or_missing_model_gives_one_clear_error(tmp_path):
    models = SHARED / "models" / "stanza-en"
    manifest = orjson.loads((models / "manifest.json").read_bytes())
    broken = tmp_path / "models"
    shutil.copytree(models, broken, symlinks=False,
                    ignore=lambda d, names: [n for n in names if n.endswith(".pt")])
    for name in manifest["processors"].values():
        target = broken / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.symlink(models / name, target)
    depparse = broken / manifest["processors"]["depparse"]
    depparse.unlink()
    depparse.write_bytes((models / manifest["processors"]["depparse"]).read_bytes()[:1000])
    text = CORPUS / "vance-bail-hearing.txt"
    for workers in ("1", "0"):
        res = runner.invoke(app, ["extract", str(text), "--models", str(broken), "--workers", workers])
        assert res.exit_code == 2, res.output
        assert "cannot load stanza models" in res.stderr and res.stderr.count("\n") <= 3
    depparse.unlink()
    res = runner.invoke(app, ["extract", str(text), "--models", str(broken)])
    assert res.exit_code == 2 and "model file missing" in res.stderr


@pytest.mark.parametrize("content", ["__import__('os').system('echo pwned')", "!!python/object:os.system"])
def test_config_files_are_data_only(tmp_path, content):
    claims = tmp_path / "claims.toml"
    claims.write_text(f'[[claims]]\nid = "C1"\ntext = {content!r}\n', encoding="utf-8")
    from quotes.claims import load
    assert load(claims).shared[0].text == content  # read as a string, never run
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "cues.toml").write_text(f"[classes.assert]\nverbs = {content}\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(CORPUS / "vance-bail-hearing.txt"), "--grammar", str(tmp_path / "g")])
    assert res.exit_code == 2 and "cues.toml:2" in res.stderr
