"""Scoring against gold (spec/gold.md): the same figures as the reference scorer shared/tools/score.py.

A predicted quote matches a gold quote when their spans overlap and the token F1 of their texts is at least
0.5; matching is greedy, best F1 first, one to one. Hard gold quotes count for recall only when found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

WORD = re.compile(r"\w+", re.UNICODE)
DETS = ("the ", "a ", "an ")
TYPES = ("direct", "indirect", "mixed")
EDGE = "\"'“”‘’,.;:"


def toks(s: str) -> list[str]:
    return [t.lower() for t in WORD.findall(unicodedata.normalize("NFKC", s))]


def tok_f1(a: str, b: str) -> float:
    ta, tb = toks(a), toks(b)
    if not ta or not tb:
        return 0.0
    counts: dict[str, int] = {}
    for t in ta:
        counts[t] = counts.get(t, 0) + 1
    hit = 0
    for t in tb:
        if counts.get(t, 0) > 0:
            hit += 1
            counts[t] -= 1
    if hit == 0:
        return 0.0
    p, r = hit / len(tb), hit / len(ta)
    return 2 * p * r / (p + r)


def norm_name(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).replace("’", "'").lower().strip(" ,.;:")
    for d in DETS:
        if s.startswith(d):
            s = s[len(d):]
    s = re.sub(r"'s?$", "", s)
    return re.sub(r"\s+", " ", s).strip()


def speaker_ok(sp: dict[str, Any], gold: dict[str, Any]) -> bool:
    cands = {norm_name(gold["speaker"])} | {norm_name(a) for a in gold.get("aliases", [])}
    for n in (sp.get("name"), sp.get("text")):
        if n and norm_name(n) in cands:
            return True
        if n and any(len(toks(c)) >= 4 and tok_f1(c, norm_name(n)) >= 0.8 for c in cands):
            return True
    pn = sp.get("name") or sp.get("text") or ""
    if sp.get("kind") == "person" and pn:
        last = toks(pn)[-1:]
        for c in cands:
            ct = toks(c)
            if last and ct and ct[-1] == last[0] and last[0] not in ("he", "she", "they"):
                return True
    return False


def gold_span(text: str, g: dict[str, Any]) -> tuple[int, int]:
    i = -1
    for _ in range(g.get("occurrence", 0) + 1):
        i = text.find(g["text"], i + 1)
    return i, i + len(g["text"])


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in EDGE):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE):
        e -= 1
    return s, e


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _match(text: str, golds: list[tuple[int, int, dict[str, Any]]], preds: list[dict[str, Any]]) -> dict[int, int]:
    """Gold index -> predicted index: overlapping spans of token F1 ≥ 0.5, best pairs first, each used once."""
    pairs = []
    for gi, (gs, ge, gq) in enumerate(golds):
        for pi, pq in enumerate(preds):
            ps, pe = pq.get("start", -1), pq.get("end", -1)
            if not isinstance(ps, int) or not isinstance(pe, int) or ps < 0 or pe > len(text):
                continue
            if min(ge, pe) <= max(gs, ps):
                continue
            f = tok_f1(gq["text"], text[ps:pe])
            if f >= 0.5:
                pairs.append((f, gi, pi))
    pairs.sort(reverse=True)
    match: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi not in match and pi not in match.values():
            match[gi] = pi
    return match


def _judge(n: dict[str, int], did: str, gq: dict[str, Any], pq: dict[str, Any], errors: list[str]) -> None:
    """Count a matched quote's speaker, role and stance against gold; list what is wrong."""
    sp = pq.get("speaker") or {}
    ok = True
    if gq.get("speaker"):
        ok = speaker_ok(sp, gq)
        n["spk_n"] += 1
        n["spk"] += ok
    n["e2e"] += ok
    if gq.get("role"):
        n["role_n"] += 1
        n["role"] += sp.get("role") == gq["role"]
    if "stance" in gq:
        n["stance_n"] += 1
        label, claim = (pq.get("stance") or {}).get("label"), (pq.get("claim") or {}).get("id")
        n["stance_ok"] += label == gq["stance"]
        n["claim_ok"] += claim == gq.get("claim")
        if label != gq["stance"] or claim != gq.get("claim"):
            errors.append(f"[{did}] STANCE gold={gq['stance']}/{gq.get('claim')} pred={label}/{claim} "
                          f"{list((pq.get('stance') or {}).get('evidence') or [])}: {gq['text'][:90]!r}")
    if not ok:
        errors.append(f"[{did}] SPEAKER gold={gq['speaker']!r} pred={sp.get('name') or sp.get('text')!r}: "
                      f"{gq['text'][:70]!r}")
    elif gq.get("role") and sp.get("role") != gq["role"]:
        errors.append(f"[{did}] ROLE {gq['speaker']!r} gold={gq['role']} pred={sp.get('role')}")


def _document(n: dict[str, int], by_type: dict[str, dict[str, int]], g: dict[str, Any], p: dict[str, Any] | None,
              errors: list[str]) -> None:
    text, did = g["text"], g["doc_id"]
    n["docs"] += 1
    n["missing"] += p is None
    preds = (p or {}).get("quotes", [])
    golds = [(*gold_span(text, gq), gq) for gq in g["quotes"]]
    match = _match(text, golds, preds)
    for gi, (gs, ge, gq) in enumerate(golds):
        t = gq["type"]
        if gi not in match:
            if not gq.get("hard"):
                n["fn"] += 1
                by_type[t]["fn"] += 1
                errors.append(f"[{did}] MISSED {t}: {gq['text'][:90]!r}")
            continue
        pq = preds[match[gi]]
        n["tp"] += 1
        by_type[t]["tp"] += 1
        n["exact"] += strip_span(text, gs, ge) == strip_span(text, pq["start"], pq["end"])
        _judge(n, did, gq, pq, errors)
    used = set(match.values())
    for pi, pq in enumerate(preds):
        if pi not in used:
            n["fp"] += 1
            if pq.get("type") in by_type:
                by_type[pq["type"]]["fp"] += 1
            errors.append(f"[{did}] SPURIOUS {pq.get('type')}: {pq.get('text', '')[:90]!r}")


def _share(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(gold_docs: Iterable[dict[str, Any]], pred: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The figures of ../shared/tools/score.py for predictions against gold, and the list of errors."""
    n = dict(tp=0, fp=0, fn=0, exact=0, spk=0, spk_n=0, role=0, role_n=0, stance_n=0, stance_ok=0, claim_ok=0,
             e2e=0, docs=0, missing=0)
    by_type = {t: dict(tp=0, fn=0, fp=0) for t in TYPES}
    errors: list[str] = []
    for g in gold_docs:
        _document(n, by_type, g, pred.get(g["doc_id"]), errors)
    tp, fp, fn = n["tp"], n["fp"], n["fn"]
    P, R = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    eP, eR = _ratio(n["e2e"], tp + fp), _ratio(n["e2e"], tp + fn)
    res: dict[str, Any] = {
        "docs": n["docs"], "missing_docs": n["missing"], "gold": tp + fn, "pred": tp + fp, "tp": tp,
        "precision": round(P, 4), "recall": round(R, 4), "f1": round(2 * P * R / (P + R), 4) if P + R else 0.0,
        "exact_span": _share(n["exact"], tp) or 0.0, "speaker_acc": _share(n["spk"], n["spk_n"]),
        "role_acc": _share(n["role"], n["role_n"]), "stance_acc": _share(n["stance_ok"], n["stance_n"]),
        "stance_n": n["stance_n"], "claim_link_acc": _share(n["claim_ok"], n["stance_n"]),
        "e2e_f1": round(2 * eP * eR / (eP + eR), 4) if eP + eR else 0.0,
        "by_type": {t: {"gold": d["tp"] + d["fn"], "recall": round(_ratio(d["tp"], d["tp"] + d["fn"]), 4),
                        "precision_by_pred_type": round(_ratio(d["tp"], d["tp"] + d["fp"]), 4)}
                    for t, d in by_type.items()},
    }
    return res, errors


def report(res: dict[str, Any]) -> str:
    def f(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.3f}"
    lines = [
        f"docs {res['docs']} (missing {res['missing_docs']})   gold {res['gold']}   predicted {res['pred']}   matched {res['tp']}",
        "",
        "| metric | value |", "|---|---|",
        f"| quote precision | {f(res['precision'])} |", f"| quote recall | {f(res['recall'])} |",
        f"| quote F1 | {f(res['f1'])} |", f"| exact span | {f(res['exact_span'])} |",
        f"| speaker accuracy | {f(res['speaker_acc'])} |", f"| role accuracy | {f(res['role_acc'])} |",
        f"| stance accuracy (n={res['stance_n']}) | {f(res['stance_acc'])} |",
        f"| claim-link accuracy | {f(res['claim_link_acc'])} |", f"| end-to-end F1 | {f(res['e2e_f1'])} |",
        "", "| type | gold | recall | precision (by predicted type) |", "|---|---|---|---|",
    ]
    for t, d in res["by_type"].items():
        lines.append(f"| {t} | {d['gold']} | {f(d['recall'])} | {f(d['precision_by_pred_type'])} |")
    return "\n".join(lines)


def stance_scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Accuracy, per-label F1, macro-F1 and the confusion matrix (gold rows, predicted columns)."""
    labels = ("support", "oppose", "neutral")
    matrix = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        matrix[g][p] += 1
    f1 = {}
    for lab in labels:
        tp = matrix[lab][lab]
        prec = _ratio(tp, sum(matrix[g][lab] for g in labels))
        rec = _ratio(tp, sum(matrix[lab].values()))
        f1[lab] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    return {"n": len(gold), "accuracy": round(_ratio(sum(matrix[x][x] for x in labels), len(gold)), 4),
            "macro_f1": round(sum(f1.values()) / len(labels), 4), "f1": f1, "confusion": matrix}


def stance_report(gold: list[str], pred: list[str]) -> str:
    res = stance_scores(gold, pred)
    lines = [f"pairs {res['n']}  accuracy {res['accuracy']:.3f}  macro-F1 {res['macro_f1']:.3f}  "
             + "  ".join(f"F1 {k} {v:.3f}" for k, v in res["f1"].items()),
             "", "| gold \\ predicted | support | oppose | neutral |", "|---|---|---|---|"]
    for g, row in res["confusion"].items():
        lines.append(f"| {g} | {row['support']} | {row['oppose']} | {row['neutral']} |")
    return "\n".join(lines)
