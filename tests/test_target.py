"""The file a run writes (#29, points 3-5): replaced only when the run completes, one writer at a time, and
`--resume` goes on only from an output of the same input and settings, changing nothing until it has checked."""

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import CORPUS, SHARED
from typer.testing import CliRunner

from quotes.cli import app
from quotes.target import Busy, Target

runner = CliRunner()
THREE = sorted(CORPUS.glob("*.txt"))[:3]


def test_an_output_is_replaced_only_by_a_committed_run(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"before\n")
    with Target(out).lock() as t:
        t.write(b"half a run\n")
    assert out.read_bytes() == b"before\n" and t.kept and t.part.read_bytes() == b"half a run\n"
    with Target(out).lock() as t:
        t.write(b"all of it\n")
        t.commit()
    assert out.read_bytes() == b"all of it\n" and not t.part.exists()


def test_a_run_that_writes_nothing_leaves_no_part_and_keeps_an_earlier_one(tmp_path):
    out = tmp_path / "out.jsonl"
    with Target(out).lock() as t:
        pass
    assert not t.part.exists() and not out.exists() and not t.kept
    t.part.write_bytes(b"an interrupted run's work\n")
    with Target(out).lock() as t:
        pass  # a run that stops before its first document does not start over the earlier part
    assert t.part.read_bytes() == b"an interrupted run's work\n" and t.kept


def test_a_second_writer_is_refused_while_the_first_holds_the_file(tmp_path):
    out = tmp_path / "out.jsonl"
    with Target(out).lock() as first:
        first.write(b"one\n")
        with pytest.raises(Busy, match="another run is writing"):
            Target(out).lock()
        first.commit()
    with Target(out).lock() as again:  # once let go, the next run may write
        again.commit()
    assert out.read_bytes() == b""


def test_a_resumed_output_is_begun_from_its_kept_prefix_and_the_original_stays_until_the_end(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"kept 1\nkept 2\ntor")
    with Target(out, keep=14, source=out).lock() as t:
        t.write(b"new 3\n")
        assert out.read_bytes() == b"kept 1\nkept 2\ntor"
    assert t.part.read_bytes() == b"kept 1\nkept 2\nnew 3\n"
    with Target(out, keep=14, source=t.part).lock() as t:  # going on from the part: cut there
        t.write(b"again 3\n")
        t.commit()
    assert out.read_bytes() == b"kept 1\nkept 2\nagain 3\n"


def extract(*args: str) -> object:
    return runner.invoke(app, ["extract", *args, "--workers", "0", "--no-timing"])


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, bytes]:
    """Outputs of the three articles: whole, per quote, and with the corpus's claims."""
    tmp = tmp_path_factory.mktemp("made")
    outs = {}
    for name, more in (("docs", []), ("per", ["--per-quote"]), ("claims", ["--claims", str(CORPUS / "claims.toml")])):
        res = extract(*map(str, THREE), "-o", str(tmp / name), *more)
        assert res.exit_code == 0, res.output
        outs[name] = (tmp / name).read_bytes()
    return outs


def resume(tmp_path: Path, content: bytes, *args: str, inputs: list[Path] = THREE) -> tuple[object, Path]:
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    return extract(*map(str, inputs), "-o", str(out), "--resume", *args), out


@pytest.mark.models
def test_resume_checks_the_input_before_it_cuts_the_torn_end(tmp_path, made):
    torn = made["docs"][:made["docs"].index(b"\n") + 30]  # one whole document, then a torn line
    res, out = resume(tmp_path, torn, inputs=[THREE[1], THREE[2]])
    assert res.exit_code == 2 and "is this the same input" in res.stderr
    assert out.read_bytes() == torn and not (tmp_path / "out.jsonl.part").exists()
    res, out = resume(tmp_path, torn)
    assert res.exit_code == 0 and out.read_bytes() == made["docs"] and "resumed after 1" in res.stderr


@pytest.mark.models
def test_resume_refuses_an_output_made_from_another_text(tmp_path, made):
    changed = tmp_path / "in"
    changed.mkdir()
    for f in THREE:
        shutil.copy(f, changed / f.name)
    first = changed / THREE[0].name
    first.write_text(first.read_text(encoding="utf-8") + "\nA line added since.\n", encoding="utf-8")
    res, out = resume(tmp_path, made["docs"], inputs=sorted(changed.iterdir()))
    assert res.exit_code == 2 and "digest differs" in res.stderr and out.read_bytes() == made["docs"]


@pytest.mark.models
def test_resume_keeps_every_whole_document_of_a_per_quote_output(tmp_path, made):
    per = made["per"]
    res, out = resume(tmp_path, per, "--per-quote")
    assert res.exit_code == 0 and "documents read 0 (resumed after 3)" in res.stderr and out.read_bytes() == per
    last = [orjson.loads(x) for x in per.splitlines()][-1]
    assert last["quote_count"] > 1  # the last document has several quote lines: cut after its first
    cut = per[:per.index(b"\n") + 1] if per.count(b"\n") == 1 else per[:per.rindex(b'"quote_index":1,')]
    cut = cut[:cut.rindex(b"\n") + 1]
    res, out = resume(tmp_path, cut, "--per-quote")
    assert res.exit_code == 0 and "resumed after 2" in res.stderr and out.read_bytes() == per


@pytest.mark.models
@pytest.mark.parametrize(("made_as", "args", "message"), [
    ("per", [], "was written with --per-quote"),
    ("docs", ["--per-quote"], "was written without --per-quote"),
    ("docs", ["--claims", str(CORPUS / "claims.toml")], "other claims, grammar or options"),
    ("claims", [], "other claims, grammar or options"),
    ("docs", ["--with-text"], "other claims, grammar or options"),
])
def test_resume_refuses_an_output_of_other_options(tmp_path, made, made_as, args, message):
    res, out = resume(tmp_path, made[made_as], *args)
    assert res.exit_code == 2 and message in res.stderr and out.read_bytes() == made[made_as]


@pytest.mark.models
def test_resume_refuses_a_gold_file(tmp_path):
    gold = (CORPUS / "gold.jsonl").read_bytes()
    res, out = resume(tmp_path, gold)
    assert res.exit_code == 2 and "is not a record that `quotes extract` writes" in res.stderr
    assert out.read_bytes() == gold


@pytest.mark.models
@pytest.mark.parametrize("workers", ["1", "0"])
def test_a_run_that_cannot_load_its_models_leaves_the_output_as_it_was(tmp_path, workers):
    broken = tmp_path / "models"
    shutil.copytree(SHARED / "models" / "stanza-en", broken)
    manifest = orjson.loads((broken / "manifest.json").read_bytes())
    depparse = broken / manifest["processors"]["depparse"]
    depparse.write_bytes(depparse.read_bytes()[:1000])
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"the last good run\n")
    res = runner.invoke(app, ["extract", str(THREE[0]), "-o", str(out), "--models", str(broken),
                              "--workers", workers])
    assert res.exit_code == 2 and "cannot load stanza models" in res.stderr
    assert out.read_bytes() == b"the last good run\n" and not (tmp_path / "out.jsonl.part").exists()


@pytest.mark.models
def test_a_dask_cluster_whose_workers_cannot_load_the_models_stops_the_run(tmp_path):
    pytest.importorskip("distributed")
    broken = tmp_path / "models"
    shutil.copytree(SHARED / "models" / "stanza-en", broken)
    manifest = orjson.loads((broken / "manifest.json").read_bytes())
    (broken / manifest["processors"]["depparse"]).write_bytes(b"not a model")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"the last good run\n")
    res = runner.invoke(app, ["extract", *map(str, THREE), "-o", str(out), "--models", str(broken),
                              "--scheduler", "local", "--workers", "1"])
    assert res.exit_code == 2 and "cannot load stanza models" in res.stderr, res.output
    assert out.read_bytes() == b"the last good run\n"


@pytest.mark.models
def test_table_and_eval_save_write_beside_and_are_refused_while_another_run_holds_the_file(tmp_path, made):
    saved = tmp_path / "saved.jsonl"
    saved.write_bytes(made["docs"])
    out = tmp_path / "t.md"
    out.write_text("my notes\n", encoding="utf-8")
    with Target(out).lock():
        res = runner.invoke(app, ["table", str(saved), "-o", str(out)])
        assert res.exit_code == 2 and "another run is writing" in res.stderr
    assert out.read_text(encoding="utf-8") == "my notes\n"
    res = runner.invoke(app, ["table", str(saved), "-o", str(out)])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8").startswith("|") or "##" in out.read_text()
    assert not (tmp_path / "t.md.part").exists()
    save = tmp_path / "pred.jsonl"
    with Target(save).lock():
        res = runner.invoke(app, ["eval", str(CORPUS / "gold.jsonl"), "--save", str(save)])
        assert res.exit_code == 2 and "another run is writing" in res.stderr and not save.exists()
