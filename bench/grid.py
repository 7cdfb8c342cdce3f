"""The behavioural grid (#30): quote found and right speaker, over all cases and by dimension.

usage: python bench/grid.py [--json] [--models DIR] [--save FILE] [--fails N]

Generates the cases from the grammar (tests/grid.py: every cue verb × order × speaker form, ends and mark
styles), extracts them through the library (`quotes.Extractor`, what a user runs) and scores each case's quotes
with `quotes.evaluate.score` (the figures of `quotes eval`): a quote is found when the gold quote is matched,
and its speaker right as `quotes eval` counts it. Prints the totals, every dimension's values, the order ×
speaker-form cells, and `--fails N` failing cases.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from grid import cases, cells, gold  # noqa: E402

from quotes import Extractor  # noqa: E402
from quotes.evaluate import score  # noqa: E402


def judge(golds: list[dict[str, Any]], preds: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], int, int, int]]:
    """(gold, quotes, found, right speaker) per case."""
    out = []
    for g in golds:
        res, _ = score([g], {g["doc_id"]: preds[g["doc_id"]]})
        n = len(g["quotes"])
        found = res["tp"]
        right = round(res["speaker_acc"] * found) if res.get("speaker_acc") is not None else 0
        out.append((g, n, found, right))
    return out


def figures(judged: list[tuple[dict[str, Any], int, int, int]]) -> dict[str, Any]:
    def rates(rows: list[tuple[dict[str, Any], int, int, int]]) -> dict[str, float]:
        n = sum(r[1] for r in rows)
        return {"cases": len(rows), "quotes": n, "found": round(sum(r[2] for r in rows) / n, 4),
                "speaker": round(sum(r[3] for r in rows) / n, 4)}

    out: dict[str, Any] = {"all": rates(judged)}
    for dim in ("order", "speaker", "verb", "form", "end", "marks"):
        groups: dict[str, list] = defaultdict(list)
        for r in judged:
            groups[r[0]["grid"][dim]].append(r)
        out[dim] = {k: rates(v) for k, v in sorted(groups.items())}
    cell: dict[str, list] = defaultdict(list)
    for r in judged:
        cell[f"{r[0]['grid']['order']} × {r[0]['grid']['speaker']}"].append(r)
    out["cells"] = {f"{o} × {s}": rates(cell[f"{o} × {s}"]) for o, s in cells()}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--models", type=Path, default=None)
    ap.add_argument("--save", type=Path, default=None, help="write the predictions here (JSONL)")
    ap.add_argument("--fails", type=int, default=0, help="print this many failing cases")
    args = ap.parse_args()
    ex = Extractor(models=args.models, timing=False)
    golds = [gold(c) for c in cases(ex.grammar)]
    preds = {d.doc_id: d.to_dict() for d in ex.extract_many((g["doc_id"], g["text"]) for g in golds)}
    if args.save:
        args.save.write_bytes(b"".join(orjson.dumps(preds[g["doc_id"]]) + b"\n" for g in golds))
    judged = judge(golds, preds)
    res = figures(judged)
    if args.json:
        print(orjson.dumps(res).decode())
        return 0
    a = res["all"]
    print(f"grid: {a['cases']} cases, {a['quotes']} quotes: found {a['found']:.3f}, right speaker {a['speaker']:.3f}")
    for dim in ("order", "speaker", "form", "end", "marks", "cells"):
        print(f"\nby {dim}:")
        for k, r in res[dim].items():
            print(f"  {k:45s} {r['quotes']:5d}  found {r['found']:.3f}  speaker {r['speaker']:.3f}")
    worst = sorted(res["verb"].items(), key=lambda kv: kv[1]["speaker"])[:15]
    print("\nverbs, lowest right speaker first:")
    for k, r in worst:
        print(f"  {k:20s} {r['quotes']:5d}  found {r['found']:.3f}  speaker {r['speaker']:.3f}")
    shown = 0
    for g, n, found, right in judged:
        if shown < args.fails and (found < n or right < n):
            shown += 1
            p = preds[g["doc_id"]]
            print(f"\n{g['doc_id']} {g['grid']}\n  {g['text'].split(chr(10) * 2)[2]!r}")
            print("  got", [(q["text"][:40], (q["speaker"] or {}).get("text")) for q in p["quotes"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
