"""Emit: documents out, as spec/output.md says — the JSON record, one line per quote, error documents.

The JSON of each object is its `to_dict()` (quotes.model); here a finished document is built from the
pipeline's context and judged quotes (`document`), a document that could not be processed becomes an error
record (`failed`), and a record is written as JSON Lines (`lines`, `dumps`). Tables and the HTML report
(quotes.tables) read what this gives (`as_dict`, `records`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson

from .model import Document, Error, flat


def sha256(text: str) -> str:
    """The digest of a text as the output gives it (`text_sha256`)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def failed(doc_id: str | None, text: object, error: Error, meta: dict[str, Any] | None = None) -> Document:
    """The record of a document that could not be read or processed: no quotes, `error` set. Its id is the
    one given, else the start of its text's digest; an unreadable text counts as empty."""
    digest = sha256(text if isinstance(text, str) else "")
    return Document(doc_id=doc_id or (digest[:16] if isinstance(text, str) else "unknown"), text_sha256=digest,
                    meta=dict(meta or {}), error=error)


def as_dict(doc: Document | Mapping[str, Any]) -> dict[str, Any]:
    """A document's JSON, with its text when it has one: from a Document or as read from JSON Lines."""
    if isinstance(doc, Document):
        return doc.to_dict(with_text=True)
    return dict(doc)


def records(doc: Document | Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat dict per quote (`pandas.DataFrame(records(doc))`)."""
    return flat(as_dict(doc))


def lines(doc: Document, per_quote: bool = False, with_text: bool = False, settings: str | None = None
          ) -> list[dict[str, Any]]:
    """The records `quotes extract` writes for a document: the document, or one per quote (`--per-quote`;
    a document with no quote, or an error, still gives one line). Each per-quote line says which of its
    document's quotes it is (`quote_index` of `quote_count`), so that a document cut short is known as such.
    `settings`: the digest of the options that shape the records (`meta.settings`, a per-quote line's
    `settings`), by which `--resume` knows an output of other settings."""
    d = doc.to_dict(with_text=with_text)
    if settings is not None:
        d["meta"]["settings"] = settings
    if not per_quote:
        return [d]
    head = {"doc_id": d["doc_id"], "text_sha256": d["text_sha256"]}
    if settings is not None:
        head["settings"] = settings
    if d["error"] or not d["quotes"]:
        return [{**head, "quote_index": 0, "quote_count": 0, "quote": None, "error": d["error"]}]
    n = len(d["quotes"])
    return [{**head, "quote_index": i, "quote_count": n, "quote": q, "error": None} for i, q in enumerate(d["quotes"])]


def dumps(records: list[dict[str, Any]]) -> bytes:
    """JSON Lines: one line per record."""
    return b"".join(orjson.dumps(r) + b"\n" for r in records)
