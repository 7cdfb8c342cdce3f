"""Claims input: the propositions that quotes are linked to.

A claims file is TOML, JSON or JSONL and holds entries with `id`, `text` and optional `aliases` and
`keywords`. Entries are global, or keyed by document id and then apply to that document only:

    TOML:  [[claims]] id = "C1" text = "…"          [[docs.seed-000]] id = "C1" text = "…"
    JSON:  [{…}, …]   or   {"claims": [{…}], "docs": {"seed-000": [{…}]}}
    JSONL: one entry per line; an entry with a `doc_id` applies to that document only

The file is only parsed and validated, never evaluated. Every problem raises `ClaimError` naming the file
and the entry (`claims.toml: entry 3 (docs.seed-000): …`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from .model import Claim

FIELDS = ("id", "text", "aliases", "keywords")
MAX_CLAIM_CHARS = 2_000  # a claim is one proposition; each is parsed as a whole, in memory that grows with it


class ClaimError(ValueError):
    """A claim that cannot be used; the message names where it came from."""


def coerce(items: Iterable[Claim | Mapping[str, Any]] | None, where: str = "claims") -> tuple[Claim, ...]:
    """Claims from `quotes.Claim` objects or plain dicts of their fields; ids must be unique."""
    out: list[Claim] = []
    seen: set[str] = set()
    if items is None:
        return ()
    if isinstance(items, (str, bytes, Mapping)):
        raise ClaimError(f"{where}: claims must be a list")
    for n, item in enumerate(items, 1):
        claim = item if isinstance(item, Claim) else _from_dict(item, f"{where}: entry {n}")
        longest = max((claim.text, *claim.aliases), key=len)
        if len(longest) > MAX_CLAIM_CHARS:
            raise ClaimError(f"{where}: entry {n}: a claim's text or alias has at most {MAX_CLAIM_CHARS:,} "
                             f"characters (a claim is one proposition); this one has {len(longest):,}")
        if claim.id in seen:
            raise ClaimError(f"{where}: entry {n}: duplicate claim id {claim.id!r}")
        seen.add(claim.id)
        out.append(claim)
    return tuple(out)


def _from_dict(d: object, where: str) -> Claim:
    if not isinstance(d, Mapping):
        raise ClaimError(f"{where}: a claim must be an object with id and text, not {type(d).__name__}")
    unknown = set(d) - set(FIELDS) - {"doc_id"}
    if unknown:
        raise ClaimError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} (a claim has {', '.join(FIELDS)})")
    cid, text = d.get("id"), d.get("text")
    if not isinstance(cid, (str, int)) or isinstance(cid, bool) or str(cid).strip() == "":
        raise ClaimError(f"{where}: `id` must be a non-empty string")
    if not isinstance(text, str) or not text.strip():
        raise ClaimError(f"{where}: `text` must be a non-empty string")
    lists = {}
    for key in ("aliases", "keywords"):
        v = d.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise ClaimError(f"{where}: `{key}` must be a list of non-empty strings")
        lists[key] = tuple(x.strip() for x in v)
    return Claim(id=str(cid).strip(), text=text.strip(), **lists)


class ClaimSet:
    """Global claims and per-document claims, as read from a claims file."""

    def __init__(self, shared: tuple[Claim, ...] = (), per_doc: dict[str, tuple[Claim, ...]] | None = None):
        self.shared = shared
        self.per_doc = per_doc or {}

    def for_doc(self, doc_id: str | None) -> tuple[Claim, ...]:
        """A document's own claims where the file has them, else the global ones."""
        return self.per_doc.get(doc_id or "", self.shared)


def load(path: str | Path) -> ClaimSet:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ClaimError(f"{path}: cannot read claims file ({e.strerror})") from e
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(raw.decode("utf-8"))
        elif suffix == ".jsonl":
            return _jsonl(raw, path)
        elif suffix == ".json":
            data = orjson.loads(raw)
        else:
            raise ClaimError(f"{path}: a claims file is .toml, .json or .jsonl")
    except (tomllib.TOMLDecodeError, orjson.JSONDecodeError, UnicodeDecodeError) as e:
        raise ClaimError(f"{path}: not valid {suffix[1:].upper()} ({e})") from e
    if isinstance(data, list):
        return ClaimSet(coerce(data, str(path)))
    if not isinstance(data, dict) or set(data) - {"claims", "docs"}:
        raise ClaimError(f"{path}: expected a list of claims, or `claims` and `docs` keys")
    docs = data.get("docs", {})
    if not isinstance(docs, dict):
        raise ClaimError(f"{path}: `docs` must map document ids to lists of claims")
    return ClaimSet(coerce(data.get("claims", []), str(path)),
                    {str(k): coerce(v, f"{path}: docs.{k}") for k, v in docs.items()})


def _jsonl(raw: bytes, path: Path) -> ClaimSet:
    shared: list[dict[str, Any]] = []
    per_doc: dict[str, list[dict[str, Any]]] = {}
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            raise ClaimError(f"{path}:{n}: malformed JSON ({e})") from e
        if not isinstance(rec, dict):
            raise ClaimError(f"{path}:{n}: a claim must be an object with id and text")
        _from_dict(rec, f"{path}:{n}")  # report the line, not the position in its group
        doc = rec.get("doc_id")
        (per_doc.setdefault(str(doc), []) if doc is not None else shared).append(rec)
    return ClaimSet(coerce(shared, str(path)), {k: coerce(v, f"{path}: doc {k}") for k, v in per_doc.items()})
