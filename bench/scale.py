"""Side by side on the same texts: (a) a full stanza parse with the same models (every processor the models
have, NER included), (b) `quotes extract --workers 1`, (c) `--workers 2`, (d) `--scheduler local` with two
workers, and (e) `--tokenizer stanza --workers 1`, the full-parse run: every sentence through every processor
quotes uses, stanza's own tokenizer included; tokens/s (stanza's tokens of the texts), documents/s, the peak RSS
of the largest process, and on a gold set the quote F1, speaker and role accuracy of each quotes run ((b)-(d)
must agree, as they differ only in where documents go; (b) against (e) is what the rule tokenizer costs).

usage: python bench/scale.py [--only a,b,c,d,e] [--docs N] [SET ...]
SET: a gold JSONL (default: the PolNeAR dev set and the real-news dev set) or `generated` (N documents, default
10,000, cut from the corpus articles' paragraphs). Run it on an idle machine; each row is one command. Without
(a) in --only, the texts are not parsed apart and only documents/s are given (`--only c generated`: memory).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = [SHARED / "data/polnear/dev.gold.jsonl", SHARED / "data/realnews/dev.gold.jsonl"]
QUOTES = [sys.executable, "-m", "quotes.cli", "extract"]


def generated(n: int, folder: Path) -> Path:
    """`n` documents of one to four corpus paragraphs each, in a JSONL file."""
    paras = [p for f in sorted((ROOT / "corpus").glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if p]
    path = folder / f"generated-{n}.jsonl"
    with open(path, "wb") as f:
        for k in range(n):
            text = "\n\n".join(paras[(k * 7 + j) % len(paras)] for j in range(1 + k % 4))
            f.write(orjson.dumps({"id": f"g{k}", "text": text}) + b"\n")
    return path


def as_input(path: Path, folder: Path) -> Path:
    """A gold file as `quotes extract` input (id and text)."""
    out = folder / f"{path.stem}.in.jsonl"
    with open(out, "wb") as f:
        for line in path.read_bytes().splitlines():
            if line.strip():
                g = orjson.loads(line)
                f.write(orjson.dumps({"id": g["doc_id"], "text": g["text"]}) + b"\n")
    return out


PEAK = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)")


def timed(cmd: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, the peak RSS in MB of the command's largest process, its stdout."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])} … failed:\n{done.stderr.decode()[-3000:]}")
    return wall, int(done.stderr.split()[-1]) / 1024, done.stdout


FULL_PARSE = """
import sys, time, orjson, stanza
import quotes.parse as qp
qp.PROCESSORS = (*qp.PROCESSORS, "ner")  # every processor the models have
opts = qp.pipeline_options(qp.resolve_models(None))
nlp = stanza.Pipeline(**opts)
texts = [orjson.loads(l)["text"] for l in open(sys.argv[1], "rb") if l.strip()]
t0 = time.perf_counter()
tokens = 0
for k in range(0, len(texts), 16):
    for d in nlp([stanza.Document([], text=t) for t in texts[k:k + 16]]):
        tokens += d.num_tokens
print(tokens, time.perf_counter() - t0)
"""


def quality(gold: Path, pred: bytes) -> str:
    from quotes.evaluate import score
    golds = [orjson.loads(x) for x in gold.read_bytes().splitlines() if x.strip()]
    preds = {d["doc_id"]: d for d in (orjson.loads(x) for x in pred.splitlines() if x.strip())}
    res = score(golds, preds)[0]
    role = f"{res['role_acc']:.3f}" if res.get("role_acc") is not None else "-"
    return f" F1 {res['f1']:.4f} speaker {res['speaker_acc']:.4f} role {role}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--only", default="a,b,c,d,e")
    ap.add_argument("--docs", type=int, default=10_000)
    args = ap.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in args.sets or [str(s) for s in SETS] + ["generated"]:
            gold = None if name == "generated" else Path(name)
            src = generated(args.docs, folder) if gold is None else as_input(gold, folder)
            n = sum(1 for line in src.read_bytes().splitlines() if line.strip())
            print(f"\n{name}: {n:,} documents")
            tokens = 0  # stanza's tokens, counted by the full parse: without (a), docs/s only
            if "a" in only:
                wall, peak, out = timed([sys.executable, "-c", FULL_PARSE, str(src)])
                tokens, parse_s = int(out.split()[0]), float(out.split()[1])
                print(f"  {'(a) full stanza parse':46} {tokens / parse_s:8.0f} tokens/s {n / parse_s:7.2f} docs/s "
                      f"peak {peak:6.0f} MB (load excluded)")
            base = [*QUOTES, str(src), "--no-timing", "--batch-size", "16"]
            for label, extra in (("b", ["--workers", "1"]), ("c", ["--workers", "2"]),
                                 ("d", ["--scheduler", "local", "--workers", "2"]),
                                 ("e", ["--tokenizer", "stanza", "--workers", "1"])):
                if label not in only:
                    continue
                wall, peak, out = timed(base + extra)
                score = quality(gold, out) if gold is not None else ""
                rate = f"{tokens / wall:8.0f} tokens/s" if tokens else " " * 17
                print(f"  {f'({label}) quotes ' + ' '.join(extra):46} {rate} {n / wall:7.2f} docs/s "
                      f"peak {peak:6.0f} MB (load included){score}")


if __name__ == "__main__":
    main()
