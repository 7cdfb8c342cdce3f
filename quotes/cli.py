"""Command line: `quotes extract`, `quotes eval`, `quotes models`."""

from __future__ import annotations

import glob
import hashlib
import itertools
import logging
import math
import os
import re
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import typer

from .claims import ClaimError, coerce
from .emit import dumps, lines, sha256
from .model import Document, Error
from .progress import Progress, count

MODELS_HELP = "stanza model folder (else QUOTES_MODELS, then stanza's resource directory)."
GRAMMAR_HELP = "Folder of grammar files read after the shipped ones (lists extend, values replace)."
BATCH_HELP = "Documents parsed together (fewer once they hold 50,000 characters)."
TOKENIZER_HELP = ("rules: tokens and sentences by rules, a third less parsing (stanza's own for text without "
                  "capitals); stanza: its neural tokenizer everywhere.")

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Extract quotations from news and statements: who said what, with offsets into the text.")

EXAMPLES = {
    "extract": "quotes extract article.txt folder/ -o quotes.jsonl\n\n"
               "quotes extract scraped.jsonl --id-field url --text-field body --claims claims.toml",
    "table": "quotes table corpus/*.txt --by speaker\n\nquotes table quotes.jsonl --format html -o report.html",
    "eval": "quotes eval gold.jsonl\n\nquotes eval gold.jsonl --pred quotes.jsonl --show-errors",
    "stance": "quotes stance pairs.jsonl --gold-field label",
    "models": "quotes models\n\nquotes models --fetch",
}


def _examples(command: str) -> str:
    """The epilog of a command's help: its examples, one a line, as written (`\b` keeps click from rewrapping)."""
    return "Examples:\n\n\b\n" + EXAMPLES[command].replace("\n\n", "\n")


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Extract quotations from news and statements: who said what, with offsets into the text."""


Item = tuple[str, "str | Error", object]  # doc_id, text or the error reading it, the document's own claims
GLOB_CHARS = set("*?[")


class UsageError(Exception):
    pass


def _decode(data: bytes, where: str, encoding: str, errors: str) -> str | Error:
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as e:
        return Error("DecodeError", f"{where}: not valid {encoding} at byte {e.start} (0x{data[e.start]:02x}); "
                                    f"use --encoding or --errors replace")
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None


CHUNK = 1 << 20  # bytes read at a time past a line's bound
FIRST_LINE = 64 * CHUNK  # bytes of a first line read to tell a file of records from one of texts
MAX_DOC_CHARS = 20_000_000  # --max-doc-chars by default; `quotes table` reads articles within it too
WIDEST = 4  # bytes a character takes at most in UTF-8, UTF-16 and UTF-32


def _read_text(f: BinaryIO, where: str, encoding: str, errors: str, max_chars: int | None) -> str | Error:
    """A file's text. With `max_chars`, no more is read than a text of that many characters could take: a
    file longer than that is a `TooLarge` record, so a huge file costs no more memory than the bound."""
    data = f.read(WIDEST * max_chars + WIDEST) if max_chars else f.read()
    if max_chars and f.read(1):
        return Error("TooLarge", f"{where}: the document has more than {max_chars:,} characters "
                                 f"(--max-doc-chars); it was not read further")
    return _decode(data, where, encoding, errors)


def _lines(f: BinaryIO, limit: int | None) -> Iterator[bytes | None]:
    """The lines of a file as it is read; a line longer than `limit` bytes is skipped unread (None)."""
    while line := f.readline(limit or -1):
        if limit and len(line) >= limit and not line.endswith(b"\n"):
            while (rest := f.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


BOM = "\ufeff".encode()


def _number_as_written(line: bytes, field: str) -> str:
    """A numeric id as the line writes it: JSON readers make an integer past 64 bits a float
    (`123456789012345678901234567890` would become `1.2345678901234568e+29`)."""
    m = re.search(rb'"' + re.escape(field.encode()) + rb'"\s*:\s*(-?[0-9][0-9.eE+-]*)', line)
    return m.group(1).decode() if m else str(orjson.loads(line).get(field))


def _jsonl_items(lines: Iterable[bytes | None], path: str, id_field: str, text_field: str,
                 max_chars: int | None = None) -> Iterator[Item]:
    """One item per non-blank line, read as it comes (a file of any size streams)."""
    stem = Path(path).stem
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        fallback = f"{stem}:{n}"
        if line is None:
            yield fallback, Error("TooLarge", f"{path}:{n}: the line is longer than a document of --max-doc-chars "
                                              f"{max_chars:,} characters could make it; it was not read"), None
            continue
        if n == 1 and line.startswith(BOM):  # an editor's byte-order mark is no part of the first record
            line = line[len(BOM):]
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            yield fallback, Error("JSONError", f"{path}:{n}: malformed JSON ({e})"), None
            continue
        if not isinstance(rec, dict):
            yield fallback, Error("InputError", f"{path}:{n}: a line must be a JSON object"), None
            continue
        doc_id = rec.get(id_field)
        if isinstance(doc_id, bool) or not isinstance(doc_id, str | int | float | type(None)):
            yield fallback, Error("InputError", f"{path}:{n}: field {id_field!r} must be a string or a number, "
                                                f"not {type(doc_id).__name__}"), None
            continue
        doc_id = _number_as_written(line, id_field) if isinstance(doc_id, int | float) else doc_id
        doc_id = str(doc_id) if doc_id not in (None, "") else fallback
        if doc_id in seen:
            typer.echo(f"quotes: {path}:{n}: document id {doc_id!r} repeats an earlier one", err=True)
        seen.add(doc_id)
        text = rec.get(text_field)
        if not isinstance(text, str):
            yield doc_id, Error("InputError", f"{path}:{n}: field {text_field!r} missing or not a string"), None
            continue
        claims = rec.get("claims")
        if claims is not None:
            try:
                claims = coerce(claims, f"{path}:{n}: claims")
            except ClaimError as e:
                claims = Error("ClaimError", str(e))
        yield doc_id, text, claims


def _holds_records(path: Path) -> bool:
    """A JSONL file of quote records (an output of `quotes extract`, a gold file), not of texts."""
    rec = _first_record(str(path))
    return isinstance(rec, dict) and isinstance(rec.get("quotes"), list)


def _first_record(path: str) -> object:
    """The first non-blank line of a file as JSON, read no further than FIRST_LINE bytes (None otherwise)."""
    try:
        with open(path, "rb") as f:
            first = next((line for line in _lines(f, FIRST_LINE) if line is None or line.strip()), b"")
        return orjson.loads(first) if first else None
    except (OSError, orjson.JSONDecodeError):
        return None


def _folder(raw: str, texts_only: bool) -> list[str]:
    found = sorted(f for f in Path(raw).rglob("*") if f.is_file() and f.suffix in (".txt", ".jsonl"))
    if not found:
        raise UsageError(f"{raw}: no .txt or .jsonl files in this folder")
    if texts_only:
        records = [f for f in found if f.suffix == ".jsonl" and _holds_records(f)]
        for f in records:  # `corpus/` holds gold.jsonl; a folder may hold an earlier run's output
            from .tables import plain  # a file name's escape sequence is shown, never obeyed
            typer.echo(f"quotes: skipping {plain(str(f))}: it holds quote records, not texts (name it to read it)",
                       err=True)
        found = [f for f in found if f not in records]
    return [str(f) for f in found]


def expand(paths: list[str], texts_only: bool = False) -> list[str]:
    """Files named, folders (their .txt and .jsonl files, sorted; with `texts_only` not the JSONL files of
    quote records found in them), globs, and `-`; in the order given. A path that does not exist, a link to
    nothing, a device or a pipe, and a folder with nothing to read are usage errors."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            out.append(raw)
        elif GLOB_CHARS & set(raw):
            hits = sorted(glob.glob(raw, recursive=True))
            if not hits:
                raise UsageError(f"no file matches {raw!r}")
            out.extend(h for h in hits if Path(h).is_file())
        elif path.is_dir():
            out.extend(_folder(raw, texts_only))
        elif path.is_file():
            out.append(raw)
        elif path.is_symlink():
            raise UsageError(f"{raw} is a link to nothing")
        elif path.exists():
            raise UsageError(f"{raw} is not a regular file (a device or a pipe)")
        else:
            raise UsageError(f"no such file or folder: {raw}")
    return out


def read_inputs(files: list[str], id_field: str, text_field: str, encoding: str, errors: str,
                max_chars: int | None = None) -> Iterator[Item]:
    """One item per document of the files (as `expand` lists them), read as they come; a text file or stdin
    longer than `max_chars` is not read past it."""
    for path in files:
        if path == "-":
            text = _read_text(sys.stdin.buffer, "<stdin>", encoding, errors, max_chars)
            yield ("stdin" if isinstance(text, Error) else sha256(text)[:16]), text, None
            continue
        with open(path, "rb") as f:
            if path.endswith(".jsonl"):  # a JSON string takes at most 12 bytes a character (\\uXXXX pairs)
                limit = 12 * max_chars + CHUNK if max_chars else None
                yield from _jsonl_items(_lines(f, limit), path, id_field, text_field, max_chars)
            else:
                yield Path(path).stem, _read_text(f, path, encoding, errors, max_chars), None


def _extractor(models: Path | None, grammar: Path | None, claims: Path | None = None, load: bool = False,
               **options: Any) -> Any:
    """The Extractor every command uses, its grammar, claims and models checked: a usage error (exit 2)
    names what is wrong before any work. `load`: build the parser now (a model that cannot load stops here)."""
    from .claims import load as load_claims
    from .extractor import Extractor
    from .grammar import GrammarError
    from .parse import TOKENIZERS, ModelError, checked

    try:
        checked(options.get("tokenizer", TOKENIZERS[0]))
    except ValueError:
        _fail(f"--tokenizer takes {' or '.join(TOKENIZERS)}")
    try:
        ex = Extractor(models=models, grammar=grammar, claims=load_claims(claims) if claims else None, **options)
        _ = ex.parser.pipeline if load else ex.parser  # type: ignore[attr-defined]
    except (GrammarError, ModelError, ClaimError) as e:
        _fail(str(e))
    return ex


def _finite(value: float) -> float:
    """An option of seconds: a number (`inf` and `nan` are no bound anything can keep)."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"takes a number of seconds, not {value}")
    return value


@app.command(epilog=_examples("extract"))
def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH...",
                                      help="Text files, folders, globs, .jsonl files, or - for stdin."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write JSON Lines here (default stdout)."),
    per_quote: bool = typer.Option(False, "--per-quote", help="One line per quote instead of per document."),
    models: Path | None = typer.Option(None, "--models", metavar="DIR", help=MODELS_HELP),
    grammar: Path | None = typer.Option(None, "--grammar", metavar="DIR", help=GRAMMAR_HELP),
    id_field: str = typer.Option("id", "--id-field", metavar="FIELD", help="JSONL field holding the document id."),
    text_field: str = typer.Option("text", "--text-field", metavar="FIELD", help="JSONL field holding the text."),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="NAME", help="Encoding of text files."),
    errors: str = typer.Option("strict", "--errors", metavar="strict|replace",
                               help="strict: undecodable files are error records; replace."),
    batch_size: int = typer.Option(16, "--batch-size", metavar="N", min=1, help=BATCH_HELP),
    claims: Path | None = typer.Option(None, "--claims", metavar="FILE",
                                       help="Claims file (TOML, JSON, JSONL): id, text, "
                                       "aliases, keywords; global or keyed by document id."),
    corpus_claims: bool = typer.Option(False, "--corpus-claims", help="Without --claims: group induced claims "
                                       "across documents (holds the output until the run ends)."),
    with_text: bool = typer.Option(False, "--with-text", help="Add each document's text (for `quotes table "
                                   "--format html` on this output)."),
    workers_opt: str = typer.Option("auto", "--workers", metavar="N|auto",
                                    help="Worker processes (each loads the models); auto: one a core, as memory "
                                    "and the input allow; 0 runs in this process, where --doc-timeout cannot stop "
                                    "the parser."),
    doc_timeout: float = typer.Option(120.0, "--doc-timeout", metavar="SECONDS", min=0, callback=_finite,
                                      help="Seconds a document may take (per "
                                      "100,000 characters) before it becomes a Timeout error record; 0: no bound."),
    max_doc_chars: int = typer.Option(MAX_DOC_CHARS, "--max-doc-chars", metavar="N", min=0,
                                      help="Longer documents become TooLarge error records (0: no bound)."),
    no_timing: bool = typer.Option(False, "--no-timing", help="Leave meta.elapsed_ms out: byte-identical runs."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same -o file."),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Extract on a Dask cluster "
                                         "(tcp://host:8786), or `local` for one on this machine with --workers "
                                         "processes; needs `pip install 'quotes-attribution[distributed]'`."),
    tokenizer: str = typer.Option("rules", "--tokenizer", metavar="rules|stanza", help=TOKENIZER_HELP),
) -> None:
    """Extract quotations to JSON Lines: one line per input document, in input order."""
    settings = _settings(claims, grammar, tokenizer, max_doc_chars, with_text)
    target = _target(output, resume)
    with target or nullcontext():
        inputs, kept = _plan(paths, output, target, resume, errors, claims, corpus_claims, grammar, per_quote,
                             settings)
        total, workers = _workers(workers_opt, inputs, len(kept), batch_size)
        shared = dict(models=models, grammar=grammar, max_doc_chars=max_doc_chars or None, timing=not no_timing,
                      tokenizer=tokenizer)  # the workers' extractors are built as this one
        ex = _extractor(claims=claims, load=workers == 0, batch_size=batch_size, doc_timeout=doc_timeout or None,
                        **shared)
        options = dict(shared, claims=ex.claims)
        items = _skip(read_inputs(inputs, id_field, text_field, encoding, errors, max_doc_chars or None), kept)
        docs = _documents(ex, items, options, scheduler, workers, batch_size, doc_timeout)
        read, done, interrupted = _write(_corpus_claims(docs) if corpus_claims else docs, target, per_quote,
                                         with_text, settings, Progress(total, size=None if kept else _size(inputs)))
    resumed = f" (resumed after {len(kept)})" if kept else ""
    typer.echo(f"documents read {read}{resumed}, extracted {done}, failed {read - done}"
               + (f" - interrupted; {_part_note(target)}" if interrupted else ""), err=True)
    if interrupted:
        raise typer.Exit(130)


def _size(inputs: list[str]) -> int | None:
    """The bytes of the inputs, by which progress reckons the time left (None with standard input)."""
    return None if "-" in inputs else sum(os.path.getsize(p) for p in inputs)


def _target(output: Path | None, resume: bool, option: str = "-o") -> Any:
    """The -o file taken for this run (None for stdout): a usage error when another run holds it. With
    --resume, an interrupted run's part file is gone on from, else the output itself (its kept prefix is
    copied into the part when the first document is written)."""
    from .target import Busy, Target

    if output is None or output.is_dir() or not output.parent.is_dir() and str(output.parent):
        return None  # stdout; a folder or a missing one is refused with the other usage errors
    target = Target(output)
    try:
        target.lock()
    except Busy as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"{option} {output} cannot be written ({e.strerror})")
    if resume and target.part.stat().st_size:
        target.source = target.part
    elif resume and output.exists():
        target.source = output
    return target


def _part_note(target: Any) -> str:
    """What an interrupted or failed run leaves: its part file, from which --resume goes on, or nothing."""
    if target is None:
        return "every line written is whole"
    if target.file is not None or target.kept:
        return f"{target.path} is as it was; the documents done are in {target.part}: --resume goes on from them"
    return f"{target.path} is as it was"


def _settings(claims: Path | None, grammar: Path | None, tokenizer: str, max_doc_chars: int, with_text: bool
              ) -> str:
    """The digest of what shapes a run's records besides the input: the claims and grammar files' contents
    and the options that change a record (`meta.settings`; `--resume` goes on only under the same)."""
    h = hashlib.sha256(repr((tokenizer, max_doc_chars, with_text)).encode())
    for f in _read_files(claims, grammar):
        h.update(Path(f).name.encode() + b"\0")
        h.update(Path(f).read_bytes() if Path(f).is_file() else b"")
    return h.hexdigest()[:16]


def _corpus_claims(docs: Iterable[Document]) -> Iterator[Document]:
    """--corpus-claims: the induced claims grouped across the documents, and a word on stderr when there are none."""
    from .stances import merge_corpus

    merged = merge_corpus(list(docs))
    if merged and not any(d.claims for d in merged):
        typer.echo("quotes: --corpus-claims: no claim was induced (a claim is induced where two quotes of one "
                   "article state the same proposition, and none did); give the case's claims with --claims FILE",
                   err=True)
    return iter(merged)


def _plan(paths: list[str], output: Path | None, target: Any, resume: bool, errors: str, claims_file: Path | None,
          corpus_claims: bool, grammar: Path | None, per_quote: bool, settings: str
          ) -> tuple[list[str], list[tuple[str, str]]]:
    """The inputs, and with --resume the documents already written and where the kept output ends: every usage
    error (exit 2) before any work, a -o that is a file the run reads among them."""
    claims = (claims_file is not None, corpus_claims)
    if errors not in ("strict", "replace"):
        _fail("--errors takes strict or replace")
    if all(claims):  # --claims and --corpus-claims
        _fail("--corpus-claims groups induced claims; it does not go with --claims")
    if resume and (output is None or claims[1]):
        _fail("--resume needs -o FILE (and does not go with --corpus-claims)")
    try:
        inputs = expand(paths, texts_only=True)
        _refuse_overwrite(output, inputs)
        _refuse_overwrite(output, _read_files(claims_file, grammar), "a file this run reads")
        _writable(output)
        kept: list[tuple[str, str]] = []
        if resume and target is not None and target.source is not None:
            kept, target.keep = _resume(target.source, per_quote, settings)
    except UsageError as e:
        _fail(str(e))
    return inputs, kept


def _workers(value: str, inputs: list[str], done: int, batch_size: int) -> tuple[int | None, int]:
    """The documents still to extract (None where stdin is read) and the worker processes for them."""
    from .pool import auto_workers

    total = count(inputs)
    total = None if total is None else max(0, total - done)
    if value == "auto":
        return total, auto_workers(total, batch_size)
    if not value.isdigit():
        _fail(f"--workers takes a number of processes or auto, not {value!r}")
    return total, int(value)


def _documents(ex: Any, items: Iterator[Item], options: dict[str, Any], scheduler: str | None, workers: int,
               batch_size: int, doc_timeout: float) -> Iterator[Document]:
    """Where the documents are extracted: on a Dask cluster, in this process, or in worker processes."""
    if scheduler:
        return _clustered(items, dict(options, doc_timeout=doc_timeout or None), scheduler, workers, batch_size)
    if workers == 0:
        return ex.extract_many(items)  # type: ignore[no-any-return]
    return _pooled(items, options, workers, batch_size, doc_timeout)


def _clustered(items: Iterator[Item], options: dict[str, Any], scheduler: str, workers: int, batch_size: int
               ) -> Iterator[Document]:
    """Documents extracted on a Dask cluster: the one at `scheduler`, or a local one of `workers` processes.
    The cluster is reached before anything is written: one that cannot be is a usage error, -o left as it was."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        _fail("--scheduler needs Dask's distributed scheduler: pip install 'quotes-attribution[distributed]'")
    from .distributed import run

    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as e:
        _fail(f"--scheduler {scheduler}: cannot reach the scheduler ({e})")
    return _on(client, cluster if scheduler == "local" else None, run(items, options, client, batch_size))


def _on(client: Any, cluster: Any, docs: Iterator[Document]) -> Iterator[Document]:
    """The documents, the client (and a local cluster) closed when they end or the run stops."""
    try:
        yield from docs
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _pooled(items: Iterator[Item], options: dict[str, Any], workers: int, batch_size: int, doc_timeout: float
            ) -> Iterator[Document]:
    from . import pool

    if not pool.log.handlers:  # a worker restarted is said on stderr, between the progress lines
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("quotes: %(message)s"))
        pool.log.addHandler(handler)
    return pool.run(items, options, workers, batch_size, doc_timeout or None)


def _write(docs: Iterable[Document], target: Any, per_quote: bool, with_text: bool, settings: str,
           progress: Progress) -> tuple[int, int, bool]:
    """Write each document's lines as it comes (whole lines only on an interrupt) to the -o file's part, renamed
    over it when all are written, or to stdout; (read, extracted, interrupted)."""
    from .pool import WorkerError

    read = done = 0
    write = target.write if target is not None else sys.stdout.buffer.write
    interrupted = False
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a kill ends the run like Ctrl-C: whole lines only
    try:
        for doc in docs:
            read += 1
            done += doc.error is None
            write(dumps(lines(doc, per_quote, with_text, settings)))
            progress.tick(read, read - done, len(doc.text or ""))
        if target is not None:
            target.commit()
    except (UsageError, WorkerError) as e:
        progress.close()
        _fail(f"{e}; {_part_note(target)}")
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        if target is None:
            sys.stdout.flush()
        progress.close()
    return read, done, interrupted


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _resume(source: Path, per_quote: bool, settings: str) -> tuple[list[tuple[str, str]], int]:
    """The documents an earlier run wrote whole to `source` — (id, text digest) — and
    where they end: a torn last line, and a document whose quote lines were cut short, are done again.
    Nothing is written here; a file that is not an output of `quotes extract` under this run's options and
    settings is a usage error, left as it is."""
    kept: list[tuple[str, str]] = []
    end = pos = 0
    whole = True  # the last document's lines are all there
    with open(source, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.endswith(b"\n"):
                break  # torn by a kill
            rec = _record(line)
            shape = _shape(rec)
            if shape is None:
                raise UsageError(f"--resume: {source}:{n} is not a record that `quotes extract` writes; the file "
                                 "is left as it is (is -o the right file?)")
            if shape != per_quote:
                raise UsageError(f"--resume: {source} was written {'with' if shape else 'without'} --per-quote; "
                                 f"resume it {'with' if shape else 'without'} it")
            assert isinstance(rec, dict)
            mark = rec.get("settings") if shape else (rec.get("meta") or {}).get("settings")
            if mark != settings:
                raise UsageError(f"--resume: {source} was written with other claims, grammar or options (or by "
                                 "an earlier version); run without --resume to start over")
            pos += len(line)
            first = not per_quote or rec["quote_index"] == 0
            if first and not whole or not first and (whole or rec["doc_id"] != kept[-1][0]):
                raise UsageError(f"--resume: {source}:{n}: a document's quote lines are out of order; the file "
                                 "is left as it is")
            if first:
                kept.append((rec["doc_id"], rec["text_sha256"]))
            whole = not per_quote or rec["quote_index"] + 1 >= rec["quote_count"]
            if whole:
                end = pos
    if not whole:  # its quote lines were cut short: do the last document again
        kept.pop()
    return kept, end


def _record(line: bytes) -> object:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return None


def _shape(rec: object) -> bool | None:
    """Whether a record is a per-quote line (True) or a document (False) as `quotes extract` writes them; None
    for anything else (a gold record, notes, another program's JSON)."""
    if not isinstance(rec, dict) or not isinstance(rec.get("doc_id"), str) or not isinstance(
            rec.get("text_sha256"), str) or "error" not in rec:
        return None
    if isinstance(rec.get("quotes"), list) and isinstance(rec.get("meta"), dict):
        return False
    if "quote" in rec and all(isinstance(rec.get(k), int) for k in ("quote_index", "quote_count")):
        return True
    return None


def _skip(items: Iterator[Item], done: list[tuple[str, str]]) -> Iterator[Item]:
    """Leave out the first documents, which an earlier run wrote; their ids and texts must match, in order.
    They are checked here, before anything is written: a mismatch is a usage error (exit 2)."""
    try:
        rest = _skipped(items, done)
        first = next(rest, None) if done else None  # reading the first item left checks every skipped one
    except UsageError as e:
        _fail(str(e))
    return rest if not done else iter(()) if first is None else itertools.chain([first], rest)


def _skipped(items: Iterator[Item], done: list[tuple[str, str]]) -> Iterator[Item]:
    n = -1
    for n, item in enumerate(items):
        if n < len(done):
            doc_id, digest = done[n]
            if item[0] != doc_id and not (isinstance(item[1], str) and doc_id.startswith("stdin")):
                raise UsageError(f"--resume: the output's document {n + 1} is {doc_id!r} but the input's is "
                                 f"{item[0]!r}; is this the same input?")
            if isinstance(item[1], str) and sha256(item[1]) != digest:
                raise UsageError(f"--resume: document {n + 1} ({doc_id!r}) is not the text the output was made "
                                 "from (its digest differs); run without --resume to start over")
            continue
        yield item
    if n + 1 < len(done):
        raise UsageError(f"--resume: the output holds {len(done)} documents but the input only {n + 1}; "
                         "is this the same input?")


def _same_file(a: str, b: Path) -> bool:
    """`a` (a path, or `-` for standard input) is the file `b` is: the same device and inode, so that a hard
    link or a symbolic link to it, or standard input redirected from it, count as the file itself."""
    try:
        if not b.exists():
            return False
        there = b.stat()
        here = os.fstat(sys.stdin.fileno()) if a == "-" else Path(a).stat()
    except (OSError, ValueError):  # no such file; a standard input with no file behind it
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _read_files(claims: Path | None = None, grammar: Path | None = None, *more: Path | None) -> list[str]:
    """The files a command reads besides its inputs: a claims file, every file of a grammar folder, a gold or
    predictions file."""
    found = [str(p) for p in (claims, *more) if p is not None]
    if grammar is not None and grammar.is_dir():
        found += [str(p) for p in sorted(grammar.iterdir()) if p.is_file()]
    return found


def _writable(output: Path | None, option: str = "-o") -> None:
    """A usage error (exit 2) before any work for an output that cannot be written: a folder, a file in a folder
    that does not exist, or one this user may not write."""
    if output is None:
        return
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise UsageError(f"{option} {output} is a folder; give a file")
    if not folder.is_dir():
        raise UsageError(f"{option} {output}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or output.exists() and not os.access(output, os.W_OK):
        raise UsageError(f"{option} {output} cannot be written (permission denied)")


def _refuse_overwrite(output: Path | None, read: list[str], what: str = "one of the inputs") -> None:
    """A usage error (exit 2) before any work when the output is a file the command reads."""
    hit = next((f for f in read if output is not None and _same_file(f, output)), None)
    if hit is not None:
        raise UsageError(f"-o {output} is {what} ({'standard input' if hit == '-' else hit}): writing it would "
                         "destroy it")


def _fail(msg: str) -> None:
    typer.echo(f"quotes: {msg}", err=True)
    raise typer.Exit(2)


def _is_output(path: str) -> bool:
    """A JSONL file that `quotes extract` wrote: its records have quotes and a text digest, or (`--per-quote`)
    a document id, a quote and an error."""
    if not path.endswith(".jsonl"):
        return False
    rec = _first_record(path)
    return isinstance(rec, dict) and ("quotes" in rec and "text_sha256" in rec
                                      or {"doc_id", "quote", "error"} <= set(rec))


def _documents_of(path: Path) -> list[dict]:
    """The documents of an output of `quotes extract`; `--per-quote` lines are gathered back into theirs."""
    docs: list[dict] = []
    for rec in _records_of(path, ("doc_id",)):
        if "quotes" in rec:
            docs.append(rec)
        elif "quote" in rec:
            if not docs or docs[-1].get("doc_id") != rec["doc_id"] or "text_sha256" in docs[-1] or rec.get(
                    "quote_index") == 0:  # a document's first quote line (two documents may share an id)
                docs.append({"doc_id": rec["doc_id"], "quotes": [], "entities": [], "claims": [], "case": None,
                             "error": rec.get("error")})
            if rec["quote"]:
                docs[-1]["quotes"].append(rec["quote"])
        else:
            _fail(f"{path}: a record of `quotes extract` has quotes, or (--per-quote) a quote")
    return docs


@app.command(epilog=_examples("table"))
def table(
    paths: list[str] = typer.Argument(..., metavar="PATH...",
                                      help="Articles (extraction runs) or JSONL written by `quotes extract`."),
    fmt: str | None = typer.Option(None, "--format", "-f", metavar="md|csv|html|term",
                                   help="md, csv, html or term (default: term on a "
                                   "terminal, md when piped)."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE", help="Write here (default stdout)."),
    columns: str | None = typer.Option(None, "--columns", metavar="COL,…",
                                       help="Comma-separated, from: #, speaker, role, "
                                       "affiliation, type, quote, cue, stance, claim, paragraph."),
    max_chars: int | None = typer.Option(None, "--max-chars", metavar="N", min=2,
                                         help="Shorten quotes (at a word boundary)."),
    by: str = typer.Option("article", "--by", metavar="article|speaker|claim|role",
                           help="article, speaker, claim or role."),
    excel: bool = typer.Option(False, "--excel", help="CSV with the byte-order mark Excel wants."),
    title: str | None = typer.Option(None, "--title", metavar="TEXT", help="The HTML report's title (default: "
                                     "what it holds)."),
    claims: Path | None = typer.Option(None, "--claims", metavar="FILE", help="Claims file, when extraction runs."),
    models: Path | None = typer.Option(None, "--models", metavar="DIR", help=MODELS_HELP),
    grammar: Path | None = typer.Option(None, "--grammar", metavar="DIR", help=GRAMMAR_HELP),
    id_field: str = typer.Option("id", "--id-field", metavar="FIELD", help="JSONL field holding the document id."),
    text_field: str = typer.Option("text", "--text-field", metavar="FIELD", help="JSONL field holding the text."),
) -> None:
    """Quote tables for articles and corpora: Markdown, CSV, an HTML report, or the terminal."""
    from . import tables

    fmt = fmt or ("term" if sys.stdout.isatty() and output is None else "md")
    if fmt not in ("md", "csv", "html", "term"):
        _fail("--format takes md, csv, html or term")
    cols = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    try:
        files = expand(paths)
        _refuse_overwrite(output, files)
        _refuse_overwrite(output, _read_files(claims, grammar), "a file this run reads")
        _writable(output)
        tables.sections([], cols, max_chars, by)  # check columns and view before any work
    except (UsageError, tables.TableError) as e:
        _fail(str(e))
    docs: list[dict] = []
    articles = [f for f in files if not _is_output(f)]
    for f in files:
        if f not in articles:  # a torn or malformed line stops with `file:line: …`
            docs.extend(_documents_of(Path(f)))
    if articles:
        ex = _extractor(models, grammar, claims)
        try:
            items = list(read_inputs(articles, id_field, text_field, "utf-8", "strict", MAX_DOC_CHARS))
        except UsageError as e:
            _fail(str(e))
        docs.extend(doc.to_dict(with_text=True) for doc in ex.extract_many(items))
    text = _render(docs, fmt, cols, max_chars, by, excel, title)
    target = _target(output, False)
    if target:
        with target:
            target.write(text.encode("utf-8"))
            target.commit()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _render(docs: list[dict], fmt: str, cols: list[str] | None, max_chars: int | None, by: str, excel: bool,
            title: str | None) -> str:
    from . import tables

    if by == "claim" and not any(q.get("claim") for d in docs for q in d.get("quotes") or ()):
        typer.echo("quotes: no quote is linked to a claim, so --by claim has nothing to show: give the case's claims "
                   "with --claims FILE (without them, claims are induced only where quotes of an article state the "
                   "same proposition, and none did here)", err=True)
    if fmt == "html" and by != "article":
        _fail("the HTML report is per article; use --format md, csv or term for --by views")
    return {"md": lambda: tables.markdown(docs, cols, max_chars, by),
            "csv": lambda: tables.csv(docs, cols, max_chars, by, excel=excel),
            "html": lambda: tables.html(docs, cols, max_chars, title=title),
            "term": lambda: tables.term(docs, cols, max_chars, by)}[fmt]()


def _records_of(path: Path, fields: tuple[str, ...]) -> list[dict]:
    """The JSON records of a file, each with `fields`; a line that is not one stops with `file:line: …`."""
    out = []
    for n, line in enumerate(path.read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            _fail(f"{path}:{n}: malformed JSON ({e})")
        if not isinstance(rec, dict) or any(f not in rec for f in fields):
            _fail(f"{path}:{n}: a record needs the fields {', '.join(fields)}")
        out.append(rec)
    return out


@app.command("eval", epilog=_examples("eval"))
def eval_(
    gold: Path = typer.Argument(..., metavar="GOLD", exists=True, dir_okay=False, help="Gold JSONL (spec/gold.md)."),
    pred: Path | None = typer.Option(None, "--pred", metavar="FILE", exists=True, dir_okay=False,
                                        help="Predictions (quotes extract output); without it, extraction runs."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List missed, spurious, wrong-speaker, "
                                     "wrong-role and wrong-stance quotes."),
    models: Path | None = typer.Option(None, "--models", metavar="DIR", help=MODELS_HELP),
    grammar: Path | None = typer.Option(None, "--grammar", metavar="DIR", help=GRAMMAR_HELP),
    save: Path | None = typer.Option(None, "--save", metavar="FILE",
                                     help="Also write the predictions made here to this file."),
    tokenizer: str = typer.Option("rules", "--tokenizer", metavar="rules|stanza", help=TOKENIZER_HELP),
) -> None:
    """Score extraction against a gold file: quote P/R/F1 by type, exact spans, speaker and role accuracy."""
    from .evaluate import report, score

    try:
        _refuse_overwrite(save, _read_files(None, grammar, gold, pred), "a file this run reads")
        _writable(save, "--save")
    except UsageError as e:
        _fail(str(e).replace("-o ", "--save ", 1))
    golds = _records_of(gold, ("doc_id", "text", "quotes"))
    preds: dict[str, dict] = {}
    if pred:
        preds = {d["doc_id"]: d for d in _records_of(pred, ("doc_id", "quotes"))}
    else:
        ex = _extractor(models, grammar, tokenizer=tokenizer)
        sink = _target(save, False, "--save")
        progress, failed = Progress(len(golds), size=sum(len(g["text"]) for g in golds)), 0  # on standard error
        with sink or nullcontext():
            try:
                for n, doc in enumerate(ex.extract_many((g["doc_id"], g["text"], g.get("claims")) for g in golds), 1):
                    d = doc.to_dict()
                    preds[d["doc_id"]] = d
                    failed += d.get("error") is not None
                    progress.tick(n, failed, len(doc.text or ""))
                    if sink:
                        sink.write(orjson.dumps(d) + b"\n")
            finally:
                progress.close()
            if sink:
                sink.commit()
    res, errs = score(golds, preds)
    if pred and res["stance_n"] and not _links_gold_claims(golds, preds):
        typer.echo(f"quotes: {pred} links no quote to a claim of {gold}: it was made without them, so stance and "
                   "claim-link below count every quote wrong. Extract with the gold's claims (--claims), or leave "
                   "out --pred and eval extracts with them.", err=True)
    if as_json:
        typer.echo(orjson.dumps(res).decode())
        return
    if show_errors:
        for e in errs:
            typer.echo(e)
    typer.echo(report(res))


def _links_gold_claims(golds: list[dict], preds: dict[str, dict]) -> bool:
    """Whether any predicted quote is linked to one of the claims the gold gives its document."""
    for g in golds:
        ids = {c.get("id") for c in g.get("claims") or () if isinstance(c, dict)}
        if any((q.get("claim") or {}).get("id") in ids for q in preds.get(g["doc_id"], {}).get("quotes", ())):
            return True
    return False


@app.command("stance", epilog=_examples("stance"))
def stance_(
    pairs: Path = typer.Argument(..., metavar="PAIRS", exists=True, dir_okay=False,
                                 help="JSONL: objects with a claim and a text."),
    claim_field: str = typer.Option("claim", "--claim-field", metavar="FIELD", help="The field holding the claim."),
    text_field: str = typer.Option("text", "--text-field", metavar="FIELD",
                                   help="The statement (a quote, a headline)."),
    gold_field: str | None = typer.Option(None, "--gold-field", metavar="FIELD",
                                          help="Score against this field's labels."),
    as_json: bool = typer.Option(False, "--json", help="Print each stance as JSON, not only its label."),
    models: Path | None = typer.Option(None, "--models", metavar="DIR", help=MODELS_HELP),
    grammar: Path | None = typer.Option(None, "--grammar", metavar="DIR", help=GRAMMAR_HELP),
) -> None:
    """Judge statement-claim pairs apart from extraction: a label per line; --gold-field adds a report."""
    from .evaluate import stance_report
    from .parse import ModelError
    from .stances import too_long

    rows = _records_of(pairs, (claim_field, text_field))
    for n, rec in enumerate(rows, 1):
        if not all(isinstance(rec[f], str) for f in (claim_field, text_field)):
            _fail(f"{pairs}: record {n}: needs string fields {claim_field!r} and {text_field!r}")
        if (problem := too_long(rec[text_field], rec[claim_field])) is not None:
            _fail(f"{pairs}: record {n}: {problem}")
    ex = _extractor(models, grammar)
    try:
        stances = ex.stances([(r[text_field], r[claim_field]) for r in rows])
    except ModelError as e:
        _fail(str(e))
    for st in stances:
        typer.echo(orjson.dumps(st.to_dict()).decode() if as_json else st.label)
    if gold_field:
        labels = ex.grammar.stance.labels
        gold = [labels.get(str(r.get(gold_field, "")).lower()) for r in rows]
        if None in gold:
            n = gold.index(None)
            _fail(f"{pairs}: row {n + 1}: gold label {rows[n].get(gold_field)!r} is not one of {sorted(labels)}")
        typer.echo(stance_report(gold, [st.label for st in stances]), err=True)


def _download(processors: str) -> None:
    """stanza's own download of its English models; a network that cannot be reached is a message (exit 2)."""
    import stanza

    typer.echo("downloading stanza's English models ...", err=True)
    try:
        stanza.download("en", processors=processors, logging_level="WARN")
    except Exception as e:  # requests' connection errors, stanza's own: whatever stops the download
        _fail(f"could not download stanza's English models ({type(e).__name__}: {str(e).splitlines()[0][:200]}); "
              "on a machine without a network, give a model folder with --models or QUOTES_MODELS")


@app.command(epilog=_examples("models"))
def models(
    models: Path | None = typer.Option(None, "--models", metavar="DIR",
                                       help="Check this folder instead of the usual places."),
    fetch: bool = typer.Option(False, "--fetch", help="Download stanza's official English models if none are found."),
) -> None:
    """Say where the parser models are, and check that they load and parse."""
    from .parse import PROCESSORS, ModelError, StanzaParser, resolve_models

    try:
        folder = resolve_models(models, allow_download=fetch)
        if folder is None:
            _download(",".join(PROCESSORS))
        parser = StanzaParser(models, allow_download=fetch)
        p = parser.parse_many(["“We will appeal,” the lawyer said."])[0]
    except ModelError as e:
        _fail(str(e))
    typer.echo(f"models: {parser.folder or 'stanza default'}\nparser: {parser.name}\n"
               f"check: parsed {len(p.words)} words in {len(p.sentences)} sentence(s)")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover - python -m quotes.cli
    main()
