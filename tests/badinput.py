"""The bad-input corpus, generated (never committed): every kind of broken text a scraped corpus holds.

`files(folder)` writes one file per case and returns [(case, path, expected error type or None)];
`jsonl_lines()` gives the lines of a JSONL input with malformed records. Used by tests/test_robustness.py and
bench/robustness.py.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLE = "vance-bail-hearing"  # a corpus article that holds direct and reported quotes


def article() -> str:
    return (CORPUS / f"{ARTICLE}.txt").read_text(encoding="utf-8")


def html_page(text: str) -> str:
    paras = "".join(f"<p class=\"story\">{p.replace('&', '&amp;').replace('“', '&ldquo;').replace('”', '&rdquo;')}"
                    f"</p>\n" for p in text.split("\n\n"))
    return ("<!DOCTYPE html>\n<html><head><title>Bail hearing</title><style>p{margin:0}</style>"
            "<script>var s = \"he said “no”\";</script></head>\n<body><nav><a href=\"/\">Home</a></nav>\n"
            f"<article>{paras}</article><!-- tracking “comment” --></body></html>\n")


def files(folder: Path) -> list[tuple[str, Path, str | None]]:
    rng = random.Random(7)
    text = article()
    cases: list[tuple[str, bytes, str | None]] = [
        ("empty", b"", None),
        ("whitespace", b" \n\t \r\n  \n", None),
        ("binary", bytes(rng.randrange(256) for _ in range(4000)), "DecodeError"),
        ("invalid-utf8", text.encode("utf-8")[:300] + b"\xff\xfe" + text.encode("utf-8")[300:], "DecodeError"),
        ("bom", b"\xef\xbb\xbf" + text.encode("utf-8"), None),
        ("crlf", text.replace("\n", "\r\n").encode("utf-8"), None),
        ("lone-cr", text.replace("\n", "\r").encode("utf-8"), None),
        ("nul", text.replace(". ", ".\x00 ", 5).encode("utf-8"), None),
        ("html", html_page(text).encode("utf-8"), None),
        ("unbalanced-marks", ("He said “ and then ” she ‘ wrote « " * 2500).encode("utf-8"), None),
        ("nested-1000", ("“" * 500 + "‘" * 500 + "deep" + "’" * 500 + "”" * 500).encode("utf-8"), None),
        ("runs", (" " * 50000 + "-" * 30000 + "—" * 20000 + "'" * 30000 + "!?.,;:\"" * 5000 + "“" * 4000
                  + "\n" + text).encode("utf-8"), None),
    ]
    out = []
    for name, data, error in cases:
        path = folder / f"{name}.txt"
        path.write_bytes(data)
        out.append((name, path, error))
    return out


def jsonl_lines() -> list[tuple[str, str | None, str | None]]:
    """(line, expected doc_id, expected error type) for a JSONL input with broken records."""
    text = article()
    return [
        (json.dumps({"id": "ok", "text": text}), "ok", None),
        ("{not json", "bad:2", "JSONError"),
        (json.dumps({"id": "no-text", "body": text}), "no-text", "InputError"),
        (json.dumps({"id": "number", "text": 42}), "number", "InputError"),
        (json.dumps(["a", "list"]), "bad:5", "InputError"),
        (json.dumps({"id": "ok", "text": "“Again,” the judge said."}), "ok", None),  # a duplicate id stays
        (json.dumps({"id": "bad-claims", "text": text, "claims": [{"id": "C1"}]}), "bad-claims", "ClaimError"),
        ("", None, None),  # blank lines are not documents
        (json.dumps({"text": "no id given"}), "bad:9", None),
    ]
