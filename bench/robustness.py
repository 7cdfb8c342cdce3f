"""Robustness figures: each bad-input case, a 10 MB article and 100,000 small documents in one JSONL.

usage: python bench/robustness.py [--only bad,large,many] [--docs N] [--workers W]
Runs `quotes extract` as a user would (worker processes, default bounds) on inputs generated here, and prints
per case: documents in, lines out, error records, wall time, the slowest document's time (meta.elapsed_ms)
and the peak memory of the largest process. Nothing generated is kept.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from badinput import files, jsonl_lines  # noqa: E402

from quotes.grammar import load, stem  # noqa: E402

UD = ROOT.parent / "shared" / "data" / "ud-english"


def sentences() -> list[str]:
    """Sentences of the UD English treebanks (their `# text` lines)."""
    out = []
    for f in sorted(UD.glob("*.conllu")):
        out.extend(line[9:].strip() for line in f.read_text(encoding="utf-8").splitlines()
                   if line.startswith("# text = "))
    return out


def extract(inputs: list[Path], out: Path, *extra: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "quotes.cli", "extract", *map(str, inputs), "-o", str(out), *extra],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"quotes extract failed ({res.returncode}): {res.stderr}")
    restarts = [line for line in res.stderr.splitlines() if "restarting" in line]
    for line in restarts:
        print(f"  {line}", flush=True)
    return time.perf_counter() - t0, res.stderr.strip().splitlines()[-1]


def report(name: str, docs_in: int, out: Path, took: float) -> None:
    lines = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    errors = sum(1 for d in lines if d["error"])
    slowest = max((d["meta"].get("elapsed_ms", 0) for d in lines), default=0)
    quotes = sum(len(d["quotes"]) for d in lines)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    kinds = sorted({d["error"]["type"] for d in lines if d["error"]})
    print(f"| {name} | {docs_in:,} | {len(lines):,} | {errors} {','.join(kinds)} | {quotes:,} | {took:.1f} s "
          f"| {slowest / 1000:.2f} s | {peak:,.0f} MB |", flush=True)


def large_article(target: int) -> str:
    """~`target` characters: reporting without quotations (treebank sentences with no cue verb and no quotation
    mark), with the paragraphs of the corpus articles spread through it."""
    g = load()
    marks = g.marks["open_double"] | g.marks["close_double"] | {"\u2018"}
    plain = [s for s in sentences() if not any(c in marks for c in s)
             and not any(stem(w) in g.cue_forms for w in regex.findall(r"\w+", s))]
    quoted = [p for f in sorted((ROOT / "corpus").glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    rng = random.Random(3)
    paras, size, k = [], 0, 0
    while size < target:
        if len(paras) % 40 == 39:
            para = quoted[k % len(quoted)]
            k += 1
        else:
            para = " ".join(rng.choice(plain) for _ in range(4))
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)


def many_docs(path: Path, n: int) -> None:
    rng = random.Random(5)
    pool = [s for s in sentences() if 20 <= len(s) <= 160 and '"' not in s]
    names = ["the lawyer", "Chief Alvarez", "a spokeswoman", "prosecutors", "the union", "Judge Park", "police"]
    with path.open("w", encoding="utf-8") as f:
        for k in range(n):
            s = rng.choice(pool)
            text = rng.choice([f"“{s}” {rng.choice(names)} said.", f"{rng.choice(names).capitalize()} said {s}",
                               s])
            f.write(orjson.dumps({"id": f"doc-{k}", "text": text}).decode() + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="bad,large,many", help="which parts: bad, large, many")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--workers", default="2")
    args = ap.parse_args()
    print("| case | documents in | lines out | error records | quotes | wall time | slowest document | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    parts = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, path, _ in files(folder) if "bad" in parts else []:
            out = folder / f"{name}.out"
            took, _ = extract([path], out)
            report(name, 1, out, took)
        if "bad" in parts:
            bad = folder / "bad.jsonl"
            bad.write_text("\n".join(line for line, _, _ in jsonl_lines()) + "\n", encoding="utf-8")
            took, _ = extract([bad], folder / "bad.out")
            report("malformed JSONL", sum(1 for _, i, _ in jsonl_lines() if i), folder / "bad.out", took)
        if "large" in parts:
            big = folder / "ten-megabytes.txt"
            big.write_text(large_article(10 * 1024 * 1024), encoding="utf-8")
            took, _ = extract([big], folder / "big.out")
            report(f"10 MB article ({big.stat().st_size:,} bytes)", 1, folder / "big.out", took)
        if "many" in parts:
            many = folder / "many.jsonl"
            many_docs(many, args.docs)
            took, _ = extract([many], folder / "many.out", "--workers", args.workers, "--batch-size", "64")
            report(f"{args.docs:,} small documents, {args.workers} workers", args.docs, folder / "many.out", took)


if __name__ == "__main__":
    main()
