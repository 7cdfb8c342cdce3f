"""Speaker and role accuracy by slice over the real-news sets, as `quotes eval` scores them.

usage: python bench/roles.py [--wide] [--json] [--models DIR]

Extracts `dev.gold.jsonl` (slices A–D) and `dev2.gold.jsonl` (I–K) through the library (`quotes.Extractor`,
what a user runs) and scores each slice with `quotes.evaluate.score` (the figures of `quotes eval` and of
../shared/tools/score.py). Each row gives the slice's figure held out and in sample. The role stage fits no
parameter to these sets (its words come from WordNet 3.0 and the legal systems' titles, and conflicting
evidence is settled by the grammar's precedence, not by weights), so fitting on the other six slices changes
nothing and the two columns agree; they are printed side by side so that a fitted stage added later reports
its held-out figure here. The rules themselves were written while reading dev and dev2, which no split
undoes: `--wide` also scores `wide.gold.jsonl` (E–H), the set nobody here reads, with the same engine — run
it last.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import orjson

from quotes import Extractor
from quotes.evaluate import score

ROOT = Path(__file__).resolve().parent.parent
REALNEWS = ROOT.parent / "shared" / "data" / "realnews"
DEV = ("dev.gold.jsonl", "dev2.gold.jsonl")


def slice_of(doc_id: str) -> str:
    """`real-I3` → `I`."""
    return doc_id.removeprefix("real-")[:1]


def predict(ex: Extractor, gold: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    docs = ex.extract_many((g["doc_id"], g["text"]) for g in gold)
    return {d.doc_id: orjson.loads(orjson.dumps(d.to_dict())) for d in docs}


def figures(gold: list[dict[str, Any]], pred: dict[str, dict[str, Any]]) -> dict[str, Any]:
    res, _ = score(gold, pred)
    return {"docs": res["docs"], "f1": res["f1"], "speaker": res["speaker_acc"], "role": res["role_acc"]}


def run(models: str | None, wide: bool) -> dict[str, Any]:
    ex = Extractor(models=models)
    gold = [json.loads(line) for name in DEV for line in (REALNEWS / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    pred = predict(ex, gold)
    slices = sorted({slice_of(g["doc_id"]) for g in gold})
    out: dict[str, Any] = {"slices": {}}
    for s in slices:
        held = [g for g in gold if slice_of(g["doc_id"]) == s]
        # nothing in the role stage is fitted: the engine fitted on the other six slices is this engine
        f = figures(held, pred)
        out["slices"][s] = {"held_out": f, "in_sample": f}
    out["pooled"] = {"held_out": figures(gold, pred), "in_sample": figures(gold, pred)}
    if wide:
        wgold = [json.loads(line) for line in (REALNEWS / "wide.gold.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        out["wide"] = figures(wgold, predict(ex, wgold))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wide", action="store_true", help="also score wide.gold.jsonl (run it last)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--models", default=None, help="stanza model folder (else QUOTES_MODELS, then stanza's)")
    args = ap.parse_args()
    out = run(args.models, args.wide)
    if args.json:
        print(json.dumps(out))
        return 0
    print("slice  docs  speaker held-out / in-sample  role held-out / in-sample")
    rows = [(s, v) for s, v in out["slices"].items()] + [("A-D,I-K", out["pooled"])]
    for name, v in rows:
        h, i = v["held_out"], v["in_sample"]
        print(f"{name:<7}{h['docs']:>4}   {h['speaker']:.3f} / {i['speaker']:.3f}"
              f"                {h['role']:.3f} / {i['role']:.3f}")
    if "wide" in out:
        w = out["wide"]
        print(f"wide   {w['docs']:>4}   {w['speaker']:.3f}   role {w['role']:.3f}"
              "   (E-H, unread, the engine as fitted on all seven)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
