"""Normalize: look at the raw text without changing it.

Finds paragraphs, decides whether the text is degraded (lower-cased, punctuation stripped), and builds the
*parse view*: a copy of the text of exactly the same length that the parser reads. Odd spaces become plain
spaces, control characters become spaces, and in degraded text each run of two or more spaces (where
punctuation was stripped out) becomes a comma and spaces. Since the view has the same length, every offset
the parser reports is an offset into the original text.
"""

from __future__ import annotations

import bisect

import attrs
import regex

ODD_SPACE = regex.compile(r"[\p{Zs}\t\u200b-\u200d\u2060\ufeff]")
CONTROL = regex.compile(r"[\p{Cc}--[\n]]", flags=regex.V1)
GAP = regex.compile(r"(?<=\S) {2,}(?=\S)")
BLANK_LINE = regex.compile(r"(?:\r\n?|\n)[ \t\p{Zs}]*(?:\r\n?|\n)")
LINE = regex.compile(r"[^\n\r\u2028\u2029]+")
LETTER = regex.compile(r"\p{L}")
UPPER = regex.compile(r"\p{Lu}")
SENT_PUNCT = regex.compile(r"[.!?;:,\"“”]")


@attrs.frozen(slots=True)
class Layout:
    text: str
    view: str  # what the parser reads: same length as text
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph's non-blank text
    degraded: bool

    def paragraph_at(self, offset: int) -> int:
        starts = [p[0] for p in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)


def is_degraded(text: str) -> bool:
    """Text with (almost) no capitals and no punctuation: copy stripped of case and punctuation."""
    letters = len(LETTER.findall(text))
    if letters < 80:
        return False
    upper = len(UPPER.findall(text))
    punct = len(SENT_PUNCT.findall(text))
    words = max(1, len(text.split()))
    return upper / letters < 0.005 and punct / words < 0.01


def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraph spans. Blank lines separate paragraphs when lines are hard-wrapped; otherwise each line is one."""
    lines = [(m.start(), m.end()) for m in LINE.finditer(text) if text[m.start():m.end()].strip()]
    if not lines:
        return ((0, len(text)),) if text.strip() else ()
    blocks: list[list[tuple[int, int]]] = [[lines[0]]]
    for prev, cur in zip(lines, lines[1:], strict=False):
        if BLANK_LINE.search(text, prev[1], cur[0] + 1):
            blocks.append([cur])
        else:
            blocks[-1].append(cur)
    multi = [b for b in blocks if len(b) >= 3]
    wrapped = bool(multi) and sum(
        1 for b in multi for s, e in b[:-1] if 40 <= e - s <= 100) >= 0.8 * sum(len(b) - 1 for b in multi)
    spans = [(b[0][0], b[-1][1]) for b in blocks] if wrapped else lines
    return tuple(_trim(text, s, e) for s, e in spans)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def layout(text: str, dateline: regex.Pattern[str] | None = None) -> Layout:
    """The layout of a text; `dateline` (the grammar's) is blanked out of the parse view where it opens a paragraph."""
    degraded = is_degraded(text)
    view = ODD_SPACE.sub(" ", text)
    view = CONTROL.sub(" ", view)
    if degraded:
        view = GAP.sub(lambda m: "," + " " * (len(m.group()) - 1), view)
    paras = paragraphs(text)
    if dateline is not None:
        for lo, hi in paras:
            m = dateline.match(view, lo, hi)
            if m:
                view = view[:lo] + " " * (m.end() - lo) + view[m.end():]
    assert len(view) == len(text)
    return Layout(text=text, view=view, paragraphs=paras, degraded=degraded)
