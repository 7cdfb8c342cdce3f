import os
import re
import subprocess
import sys

import orjson
import pytest
from conftest import CORPUS, SEEDS_GOLD
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()


def lines(out: str) -> list[dict]:
    return [orjson.loads(x) for x in out.splitlines() if x.startswith("{")]


@pytest.mark.models
def test_extract_folder_in_order(tmp_path):
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(CORPUS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    expected = [f.stem for f in sorted(CORPUS.iterdir()) if f.suffix == ".txt"]  # gold.jsonl holds records
    assert [d["doc_id"] for d in lines(out.read_text())] == expected
    assert f"documents read {len(expected)}" in res.stderr and "skipping" in res.stderr and "gold.jsonl" in res.stderr


@pytest.mark.models
def test_jsonl_input_with_bad_lines_keeps_one_record_each(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "text": "“We will appeal,” the lawyer said."}\n'
        'not json at all\n'
        '{"id": "c", "body": "no text field"}\n'
        '{"id": "d", "text": 42}\n'
        '{"text": "Police said the man was armed."}\n', encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src)])
    assert res.exit_code == 0, res.output
    docs = lines(res.stdout)
    assert [d["doc_id"] for d in docs] == ["a", "in:2", "c", "d", "in:5"]
    assert docs[0]["quotes"][0]["text"] == "We will appeal,"
    assert docs[1]["error"]["type"] == "JSONError" and "in.jsonl:2" in docs[1]["error"]["message"]
    assert docs[2]["error"]["type"] == "InputError" and docs[3]["error"]["type"] == "InputError"
    assert docs[4]["quotes"][0]["speaker"]["text"] == "Police"
    assert "failed 3" in res.stderr


@pytest.mark.models
def test_custom_fields_and_per_quote(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"key": "x1", "body": "“It was wrong,” Smith said. “We will sue.”"}\n', encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src), "--id-field", "key", "--text-field", "body", "--per-quote"])
    recs = lines(res.stdout)
    assert [r["quote"]["text"] for r in recs] == ["It was wrong,", "We will sue."]
    assert all(r["doc_id"] == "x1" for r in recs)


@pytest.mark.models
def test_stdin_and_undecodable_file(tmp_path):
    res = runner.invoke(app, ["extract", "-"], input="“Enough,” the mayor said.")
    assert lines(res.stdout)[0]["quotes"][0]["text"] == "Enough,"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 \xff")
    res = runner.invoke(app, ["extract", str(bad)])
    doc = lines(res.stdout)[0]
    assert doc["doc_id"] == "bad" and doc["error"]["type"] == "DecodeError" and "byte 3" in doc["error"]["message"]
    res = runner.invoke(app, ["extract", str(bad), "--errors", "replace"])
    assert lines(res.stdout)[0]["error"] is None


@pytest.mark.models
def test_glob_and_usage_errors(tmp_path):
    res = runner.invoke(app, ["extract", str(CORPUS / "ridgeway-*.txt")])
    assert [d["doc_id"] for d in lines(res.stdout)] == ["ridgeway-officer-charged"]
    assert runner.invoke(app, ["extract", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(app, ["extract", str(tmp_path / "*.nothing")]).exit_code == 2


@pytest.mark.models
def test_eval_prints_a_table_and_json(tmp_path):
    res = runner.invoke(app, ["eval", str(SEEDS_GOLD)])
    assert res.exit_code == 0 and "| quote F1 |" in res.stdout
    res = runner.invoke(app, ["eval", str(SEEDS_GOLD), "--json"])
    assert orjson.loads(res.stdout)["docs"] == 4
    assert "extracting 4 documents" in res.stderr  # its progress, on standard error


@pytest.mark.models
def test_models_command():
    res = runner.invoke(app, ["models"])
    assert res.exit_code == 0 and "parsed" in res.stdout


@pytest.mark.parametrize("args,message", [
    (["extract", "no-such-file.txt"], "no such file or folder: no-such-file.txt"),
    (["extract", str(CORPUS), "--errors", "ignore"], "--errors takes strict or replace"),
    (["extract", str(CORPUS), "--resume"], "--resume needs -o FILE"),
    (["extract", str(CORPUS), "--claims", str(CORPUS / "claims.toml"), "--corpus-claims"], "does not go with"),
    (["table", str(CORPUS), "--format", "pdf"], "--format takes md, csv, html or term"),
    (["extract", str(CORPUS), "--tokenizer", "spacy"], "--tokenizer takes rules or stanza"),
    (["eval", str(CORPUS / "gold.jsonl"), "--tokenizer", "whitespace"], "--tokenizer takes rules or stanza"),
])
def test_usage_errors_exit_2_before_any_model_loads(args, message):
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and message in res.stderr


def test_no_model_is_a_usage_error_naming_the_ways_to_get_one(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTES_MODELS", "")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    monkeypatch.delenv("QUOTES_ALLOW_DOWNLOAD", raising=False)
    for args in (["extract", str(CORPUS / "vance-bail-hearing.txt")], ["eval", str(CORPUS / "gold.jsonl")],
                 ["table", str(CORPUS / "vance-bail-hearing.txt")]):
        res = runner.invoke(app, args)
        assert res.exit_code == 2 and "no stanza English model found" in res.stderr


def test_output_equal_to_an_input_is_refused_and_the_input_untouched(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "x", "text": "“We will appeal,” the lawyer said."}\n', encoding="utf-8")
    before = src.read_bytes()
    res = runner.invoke(app, ["extract", str(src), "-o", str(src)])
    assert res.exit_code == 2 and "is one of the inputs" in res.stderr and src.read_bytes() == before
    txt = tmp_path / "b.txt"
    txt.write_text("“We will appeal,” the lawyer said.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(tmp_path), "-o", str(txt)])  # inside a folder given as input
    assert res.exit_code == 2 and txt.read_text(encoding="utf-8") == "“We will appeal,” the lawyer said."


@pytest.mark.parametrize("content", ["my notes\nabout the case\n", '{"doc_id": "a", "quotes": []}\nnot json\n',
                                     "42\n", '{"no_id": 1, "quotes": []}\n'])
def test_resume_onto_a_file_that_is_not_this_runs_output_is_refused_untouched(tmp_path, content):
    out = tmp_path / "out.jsonl"
    out.write_text(content, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(CORPUS / "vance-bail-hearing.txt"), "-o", str(out), "--resume"])
    assert res.exit_code == 2 and "is not a record" in res.stderr and out.read_text(encoding="utf-8") == content


@pytest.mark.models
def test_resume_onto_an_output_of_more_documents_than_the_input_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    three = sorted(CORPUS.glob("*.txt"))[:3]
    assert runner.invoke(app, ["extract", *map(str, three), "-o", str(out), "--workers", "0"]).exit_code == 0
    before = out.read_bytes()
    res = runner.invoke(app, ["extract", str(three[0]), "-o", str(out), "--resume", "--workers", "0"])
    assert res.exit_code == 2 and "holds 3 documents but the input only 1" in res.stderr
    assert out.read_bytes() == before and not (tmp_path / "out.jsonl.part").exists()


def test_version_and_examples_in_every_commands_help():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip().startswith("quotes ")
    for command in ("extract", "table", "eval", "stance", "models"):
        res = runner.invoke(app, [command, "--help"])
        assert res.exit_code == 0 and "Examples:" in res.stdout and f"quotes {command}" in res.stdout


def test_every_option_says_what_it_does_and_takes_no_type_tag():
    """Help showed flags as `<bool>`, values as `<str>`/`<path>`, and options of table, eval and stance with no
    help at all; examples were rewrapped mid-command."""
    import typer

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        res = runner.invoke(app, [name, "--help"], terminal_width=100)
        options = res.stdout.split("Options:")[1].split("Examples:")[0]
        assert not re.search(r"<\w", options), options
        silent = [p.name for p in command.params if not getattr(p, "help", None)]
        assert silent == [], f"{name}: {silent}"
        examples = res.stdout.split("Examples:")[1]
        assert all(line.strip().startswith("quotes ") for line in examples.splitlines() if line.strip()), examples


def test_folders_give_texts_not_quote_records_and_odd_paths_are_usage_errors(tmp_path):
    from quotes.cli import expand
    files = expand([str(CORPUS)], texts_only=True)
    assert files and not any(f.endswith("gold.jsonl") for f in files)  # corpus/ holds its gold
    assert any(f.endswith("gold.jsonl") for f in expand([str(CORPUS)]))  # `quotes table` reads records
    (tmp_path / "empty").mkdir()
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    for path, message in ((tmp_path / "empty", "no .txt or .jsonl files"), (tmp_path / "dangling", "link to nothing"),
                          ("/dev/zero", "not a regular file")):
        res = runner.invoke(app, ["extract", str(path)])
        assert res.exit_code == 2 and message in res.stderr, res.stderr


def test_jsonl_ids_must_be_strings_or_numbers_and_repeats_are_said(tmp_path, capsys):
    from quotes.cli import _jsonl_items
    lines = [b'{"id": true, "text": "a"}', b'{"id": {"a": 1}, "text": "b"}', b'{"id": 7, "text": "c"}',
             b'{"id": 7, "text": "d"}']
    items = list(_jsonl_items(lines, "in.jsonl", "id", "text"))
    assert [i[0] for i in items] == ["in:1", "in:2", "7", "7"]
    assert items[0][1].type == "InputError" and "must be a string or a number" in items[0][1].message
    assert "repeats an earlier one" in capsys.readouterr().err


def test_eval_names_the_line_of_a_malformed_gold_or_prediction(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc_id": "a", "text": "x", "quotes": []}\nnot json\n', encoding="utf-8")
    res = runner.invoke(app, ["eval", str(bad)])
    assert res.exit_code == 2 and "gold.jsonl:2: malformed JSON" in res.stderr
    bad.write_text('{"doc_id": "a", "text": "x", "quotes": []}\n', encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("[1, 2]\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", str(bad), "--pred", str(pred)])
    assert res.exit_code == 2 and "pred.jsonl:1: a record needs" in res.stderr


def test_an_extractor_on_a_folder_with_no_model_fails_at_once(tmp_path):
    from quotes import Extractor
    from quotes.parse import ModelError
    with pytest.raises(ModelError, match="neither a manifest.json"):
        Extractor(models=tmp_path / "nope")


def test_a_file_over_max_doc_chars_is_not_read_whole(tmp_path, monkeypatch):
    """A text longer than --max-doc-chars becomes a TooLarge record after reading little more than the bound
    (a 1 GiB file was read whole first: 3.2 GB RSS); what is read is decoded as it comes."""
    import io

    from quotes import cli

    class Counting(io.BytesIO):
        taken = 0

        def read(self, n=-1):
            data = super().read(n)
            self.taken += len(data)
            return data

    big = Counting(("“Too long,” he said. " * 200_000).encode())  # 4.2 MB
    got = cli._read_text(big, "big.txt", "utf-8", "strict", 1000)
    assert got.type == "TooLarge" and "1,000" in got.message and big.taken <= cli.CHUNK
    path = tmp_path / "big.txt"
    path.write_bytes(big.getvalue())
    [(doc_id, text, _)] = cli.read_inputs([str(path)], "id", "text", "utf-8", "strict", 1000)
    assert doc_id == "big" and text.type == "TooLarge"
    monkeypatch.setattr(cli, "CHUNK", 7)  # characters and bad bytes cut across reads
    data = "“Ça va,” dit-elle. ".encode() * 30
    assert cli._read_text(io.BytesIO(data), "f", "utf-8", "strict", 10_000) == data.decode()
    at = data.index(b" ", 300)
    bad = cli._read_text(io.BytesIO(data[:at] + b"\xff" + data[at:]), "f", "utf-8", "strict", 10_000)
    assert bad.type == "DecodeError" and f"byte {at} (0xff)" in bad.message


@pytest.mark.models
def test_corpus_claims_that_induce_nothing_say_so():
    """`--corpus-claims` over articles none of which states one proposition twice gave no claim and no word."""
    res = runner.invoke(app, ["extract", str(CORPUS / "ridgeway-officer-charged.txt"), "--corpus-claims",
                              "--workers", "0"])
    assert res.exit_code == 0 and not any(d["claims"] for d in lines(res.stdout))
    assert "no claim was induced" in res.stderr and "--claims" in res.stderr


def test_a_jsonl_line_too_long_for_max_doc_chars_is_not_read(tmp_path, monkeypatch):
    """A JSONL line is read whole to be parsed: one longer than any document within --max-doc-chars could make
    it is skipped as it is read (a TooLarge record), and the lines after it are read as ever."""
    from quotes import cli

    monkeypatch.setattr(cli, "CHUNK", 64)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Short."}\n' + orjson.dumps({"id": "b", "text": "x" * 50_000}).decode()
                   + '\n{"id": "c", "text": "After."}\n', encoding="utf-8")
    items = list(cli.read_inputs([str(src)], "id", "text", "utf-8", "strict", 1000))
    assert [(i[0], i[1] if isinstance(i[1], str) else i[1].type) for i in items] == [
        ("a", "Short."), ("in:2", "TooLarge"), ("c", "After.")]
    assert "in.jsonl:2" in items[1][1].message
    assert [i[1] for i in cli.read_inputs([str(src)], "id", "text", "utf-8", "strict", None)][1] == "x" * 50_000


def test_an_output_that_is_an_input_under_another_name_is_refused(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("“We will appeal,” the lawyer said.", encoding="utf-8")
    before = src.read_bytes()
    link = tmp_path / "link.txt"
    os.link(src, link)  # a hard link: the same file under another path
    res = runner.invoke(app, ["extract", str(src), "-o", str(link)])
    assert res.exit_code == 2 and "is one of the inputs" in res.stderr and src.read_bytes() == before
    with src.open("rb") as stdin:  # `quotes extract - -o a.txt < a.txt`
        done = subprocess.run([sys.executable, "-m", "quotes.cli", "extract", "-", "-o", str(src)], stdin=stdin,
                              capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and "standard input" in done.stderr and src.read_bytes() == before


def test_no_command_writes_onto_a_file_it_reads(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will appeal,” the lawyer said.", encoding="utf-8")
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"id": "C1", "text": "The officer acted lawfully"}\n', encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text((CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    grammars = tmp_path / "grammars"
    grammars.mkdir()
    (grammars / "cues.toml").write_text("# mine\n", encoding="utf-8")
    table_in = tmp_path / "t.jsonl"
    table_in.write_text('{"doc_id": "x", "text_sha256": "0", "quotes": []}\n', encoding="utf-8")
    kept = {p: p.read_bytes() for p in (claims, gold, grammars / "cues.toml", table_in)}
    for args in (["extract", str(article), "--claims", str(claims), "-o", str(claims)],
                 ["extract", str(article), "--grammar", str(grammars), "-o", str(grammars / "cues.toml")],
                 ["eval", str(gold), "--save", str(gold)],
                 ["table", str(table_in), "-o", str(table_in)]):
        res = runner.invoke(app, args)
        assert res.exit_code == 2 and "would destroy it" in res.stderr, (args, res.stderr)
    assert all(p.read_bytes() == b for p, b in kept.items())


def test_an_output_that_cannot_be_written_or_a_torn_table_input_is_a_usage_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will appeal,” the lawyer said.", encoding="utf-8")
    torn = tmp_path / "t.jsonl"
    torn.write_text('{"doc_id": "x", "text_sha256": "0", "quotes": []}\n{"doc_id": "y", "quotes": [\n',
                    encoding="utf-8")
    for args, said in ((["extract", str(article), "-o", str(tmp_path / "no" / "x.jsonl")], "does not exist"),
                       (["extract", str(article), "-o", str(tmp_path)], "is a folder"),
                       (["extract", str(article), "--doc-timeout", "inf"], "--doc-timeout"),
                       (["eval", str(CORPUS / "gold.jsonl"), "--save", str(tmp_path / "no" / "p.jsonl")],
                        "does not exist"),
                       (["table", str(article), "-o", str(tmp_path / "no" / "t.md")], "does not exist"),
                       (["table", str(torn)], f"{torn}:2: malformed JSON")):
        res = runner.invoke(app, args)
        assert res.exit_code == 2 and said in res.output + res.stderr, (args, res.output)
        assert "Traceback" not in res.output + res.stderr
    assert not (tmp_path / "no").exists()


def test_a_byte_order_mark_and_an_id_past_64_bits_are_read_as_written(tmp_path):
    from quotes.cli import read_inputs

    src = tmp_path / "in.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"id": "first", "text": "We will appeal, the lawyer said."}\n'
                    b'{"id": 123456789012345678901234567890, "text": "No, he said."}\n{"id": 42, "text": "Yes."}\n')
    got = [(doc_id, text) for doc_id, text, _ in read_inputs([str(src)], "id", "text", "utf-8", "strict")]
    assert got == [("first", "We will appeal, the lawyer said."), ("123456789012345678901234567890", "No, he said."),
                   ("42", "Yes.")]


def test_table_reads_per_quote_output(tmp_path):
    quote = {"id": "q1", "text": "We will appeal,", "start": 1, "end": 16, "type": "direct", "cue": None,
             "speaker": {"text": "the lawyer", "start": 18, "end": 28, "entity": None, "name": "the lawyer",
                         "kind": "person", "role": "attorney", "resolution": "explicit", "confidence": 0.9},
             "stance": {"label": "neutral", "score": 0.0, "evidence": []}, "claim": None, "nested_in": None,
             "paragraph": 0, "sentence": 0}
    second = {**quote, "id": "q2", "text": "Nobody came."}
    src = tmp_path / "pq.jsonl"
    src.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in (
        {"doc_id": "a", "quote": quote, "error": None}, {"doc_id": "a", "quote": second, "error": None},
        {"doc_id": "b", "quote": None, "error": None})))
    res = runner.invoke(app, ["table", str(src), "-f", "csv"])
    assert res.exit_code == 0, res.output
    rows = [line for line in res.stdout.splitlines() if "the lawyer" in line]
    assert len(rows) == 2 and "We will appeal," in rows[0] and "Nobody came." in rows[1]


def test_models_fetch_without_a_network_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    import stanza

    def offline(*args, **kwargs):
        raise ConnectionError("Max retries exceeded (no network)")

    monkeypatch.setattr(stanza, "download", offline)
    monkeypatch.setenv("QUOTES_MODELS", "")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    res = runner.invoke(app, ["models", "--fetch"])
    assert res.exit_code == 2 and "could not download" in res.stderr and "--models" in res.stderr
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_a_file_name_with_an_escape_sequence_is_printed_plain(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "out\x1b[2J.jsonl").write_text('{"doc_id": "x", "text_sha256": "0", "quotes": []}\n', encoding="utf-8")
    (folder / "a.txt").write_text("", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(folder), "-o", str(tmp_path / "o.jsonl"), "--workers", "0"],
                        color=True)  # as on a terminal, where click passes escape sequences on
    assert "skipping" in res.stderr and "\x1b" not in res.stderr
