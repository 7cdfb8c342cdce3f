"""Throughput and memory of extraction: documents, characters and tokens per second, peak RSS.

usage: python bench/speed.py [GOLD_OR_JSONL ...]   (default: the seeds, the corpus and the PolNeAR dev set)
Prints one line per input set; model loading is timed apart. Runs on the CPU.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import orjson

from quotes import Extractor

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "seeds" / "seeds.gold.jsonl", ROOT / "corpus" / "gold.jsonl",
           ROOT.parent / "shared" / "data" / "polnear" / "dev.gold.jsonl"]


def main(paths: list[Path]) -> None:
    t0 = time.perf_counter()
    ex = Extractor()
    ex.extract("“Warm-up,” the parser said.")
    print(f"model load + warm-up: {time.perf_counter() - t0:.1f} s")
    for path in paths:
        if not path.is_file():
            print(f"{path}: missing, skipped")
            continue
        docs = [orjson.loads(x) for x in path.read_bytes().splitlines() if x.strip()]
        items = [(d.get("doc_id") or d.get("id"), d["text"]) for d in docs]
        chars = sum(len(t) for _, t in items)
        t1 = time.perf_counter()
        quotes = 0
        for doc in ex.extract_many(items):
            quotes += len(doc.quotes)
        dt = time.perf_counter() - t1
        print(f"{path.name}: {len(items)} docs, {chars:,} chars, {quotes} quotes in {dt:.1f} s "
              f"= {len(items) / dt:.2f} docs/s, {chars / dt:,.0f} chars/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or DEFAULT)
