"""What a large claims file costs: the real-news dev articles extracted with their own claims alone, and again
with every claim and headline of Emergent train added for every document (a fact-checker's claim base).

usage: python bench/claims.py [N]   (N: how many Emergent texts to add, default all of them)
Prints, for each run, the time to the first document, the total, the claims parsed, and whether the quotes'
links and stances are the same as with the articles' own claims alone. Runs on the CPU, models loaded apart.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import orjson

from quotes import Extractor
from quotes.model import Claim

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def run(ex: Extractor, gold: list[dict], extra: list[Claim]) -> tuple[float, float, list[list[tuple]]]:
    t0 = time.perf_counter()
    first = 0.0
    links = []
    for k, g in enumerate(gold):
        own = [Claim(id=c["id"], text=c["text"]) for c in g.get("claims") or ()]
        doc = ex.extract(g["text"], doc_id=g["doc_id"], claims=[*extra, *own])
        links.append([(q.id, q.claim and q.claim.id, q.stance.label) for q in doc.quotes])
        if k == 0:
            first = time.perf_counter() - t0
    return first, time.perf_counter() - t0, links


def main(limit: int | None) -> None:
    gold = [orjson.loads(line) for line in (SHARED / "data/realnews/dev.gold.jsonl").read_bytes().splitlines()]
    with open(SHARED / "data/emergent/train.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts = list(dict.fromkeys(t for row in rows for t in (row["claimHeadline"], row["articleHeadline"])))
    extra = [Claim(id=f"E{k}", text=t) for k, t in enumerate(texts[:limit])]
    t0 = time.perf_counter()
    Extractor().extract("“Warm-up,” the parser said.")
    print(f"model load + warm-up: {time.perf_counter() - t0:.1f} s; {len(gold)} articles")
    base = None
    for label, claims in (("own claims only", []), (f"+ {len(extra):,} Emergent claims", extra)):
        ex = Extractor()
        ex.extract("“Warm-up,” the parser said.")
        first, total, links = run(ex, gold, claims)
        same = ""
        if base is not None:
            added = sum(1 for doc in links for _, cid, _ in doc if cid and cid.startswith("E"))
            pairs = [(a, b) for now, then in zip(links, base, strict=True) for a, b in zip(now, then, strict=True)]
            moved = sum(a != b for a, b in pairs if not (a[1] or "").startswith("E"))
            same = (f"; {added} quotes linked to an added claim, {moved} of the rest linked or judged otherwise "
                    "(the added claims weigh the words too)")
        base = base or links
        print(f"{label:>28}: first document {first:.1f} s, all {total:.1f} s, claims parsed "
              f"{len(ex._claim_parses):,}{same}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
