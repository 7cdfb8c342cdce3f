"""Direct quotations: pair quote marks into spans of quoted text.

`pair_marks` finds what lies between quote marks; it reads characters only, not the parse. It works a
paragraph at a time, so an unbalanced mark can never swallow the rest of an article:

* double marks pair at the top; a straight mark's direction comes from its neighbours (a mark after a space
  opens, one before a space or punctuation closes), curly marks say their own direction; archive text's two
  straight single marks (`''Like this,'' he said`) are one double mark; a paragraph that opens in one style
  (straight or curly) holds a quote in the other (`"JONES: … “Main Street.” …`) rather than restarting at it;
* single marks pair inside a double quotation (a quote within a quote), and at the top only in text that
  has no double marks at all; a single mark between letters (`Stockley’s`), after a letter and before a
  space with no single quotation open (`officers’ union`), or before a word of the grammar's apostrophe
  list (`'n'`, `'90s`) is an apostrophe;
* a paragraph that opens a quotation without closing it and whose next paragraph starts with an opening
  mark is the first piece of a multi-paragraph quotation: each paragraph is a piece (`continued` links
  them); an opening mark that is never closed otherwise ends at its paragraph's end (`closed` False).

It does not decide whether a span is a quotation someone said (scare quotes, titles): attribution does.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..grammar import Grammar
from ..normalize import Layout

OPEN, CLOSE, EITHER = 1, 2, 3
OPENERS_BEFORE = set(" \t\n([{—–-/:;") | {"\u00a0"}
STRAIGHT = frozenset("\"'")
DOUBLED = "''"


@attrs.frozen(slots=True)
class Marked:
    start: int  # first character inside the marks
    end: int  # first character of the closing mark (or the paragraph end)
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when unclosed
    paragraph: int
    level: str  # "double" or "single"
    continued: bool = False  # this piece continues a quotation from the previous paragraph
    continues: bool = False  # the quotation goes on in the next paragraph
    parent: int | None = None  # index of the enclosing double quotation, for single marks inside one

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _direction(text: str, i: int, opens: frozenset[str], closes: frozenset[str], width: int = 1) -> int:
    c = text[i] if width == 1 else '"'  # a doubled `''` is a straight double mark
    if c in opens and c not in closes:
        return OPEN
    if c in closes and c not in opens:
        return CLOSE
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    left_space = before.isspace() or before in OPENERS_BEFORE or before in opens
    right_space = after.isspace() or (not after.isalnum() and after not in opens)
    if left_space and not right_space:
        return OPEN
    if right_space and not left_space:
        return CLOSE
    return EITHER


def width(text: str, i: int) -> int:
    """Characters of the mark at i: 2 for archive text's doubled `''` (`''Like this,'' he said`), else 1."""
    return 2 if text.startswith(DOUBLED, i) else 1


def _is_apostrophe(text: str, i: int, grammar: Grammar, single_open: bool) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # Stockley’s, don't
    if after.isdigit() and not before.isalnum():
        return True  # '90s
    if not before.isalnum() and after.isalpha():
        j = i + 1
        while j < len(text) and text[j].isalpha():
            j += 1
        if text[i + 1:j].lower() in grammar.apostrophe_words:
            return True
    if before.isalnum() and not after.isalnum() and not single_open:
        return True  # officers’ union: a closing mark with nothing open
    return False


def _scan(text: str, lo: int, hi: int, level: str, grammar: Grammar) -> Iterator[tuple[int, int]]:
    """Yield (position, direction) of the marks of one level in text[lo:hi], apostrophes left out."""
    opens, closes = grammar.marks[f"open_{level}"], grammar.marks[f"close_{level}"]
    marks = opens | closes
    depth_open = False
    doubled_at = -2  # the position of the last doubled `''`, whose second mark is already read
    for i in range(lo, hi):
        if i == doubled_at + 1:
            continue
        if text.startswith(DOUBLED, i) and i + 1 < hi:  # one double mark, never two single ones
            doubled_at = i
            if level != "double":
                continue
            d = _direction(text, i, opens, closes, 2)
        else:
            if text[i] not in marks:
                continue
            if level == "single" and _is_apostrophe(text, i, grammar, depth_open):
                continue
            d = _direction(text, i, opens, closes)
            if level == "single" and d == EITHER and not depth_open:
                continue
        yield i, d
        if d == OPEN or (d == EITHER and not depth_open):
            depth_open = True
        elif d in (CLOSE, EITHER):
            depth_open = False


def _pair(text: str, lo: int, hi: int, level: str, grammar: Grammar) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs (open, close) of one level inside [lo, hi), and the position of an opener left open at hi."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    nested: bool | None = None  # inside a quotation in the other style (straight or curly) nested in the open one
    first = len(text[lo:hi]) - len(text[lo:hi].lstrip())
    for i, d in _scan(text, lo, hi, level, grammar):
        straight = text[i] in STRAIGHT
        if nested is not None:
            if straight == nested and d in (CLOSE, EITHER):
                nested = None
            continue
        if opened is None:
            if d in (OPEN, EITHER):
                opened = i
        elif d == OPEN and opened == lo + first and straight != (text[opened] in STRAIGHT):
            nested = straight  # `"JONES: … “Main Street.” …`: a quote in the other style inside the paragraph's
        elif d in (CLOSE, EITHER):
            if i > opened + width(text, opened):
                pairs.append((opened, i))
            opened = None
        else:  # a second opener while one is open: the first was stray, start again here
            opened = i
    return pairs, opened


def pairs_in(text: str, lo: int, hi: int, grammar: Grammar) -> list[tuple[int, int]]:
    """(open, close) of the closed quotations of either level in text[lo:hi], as if each level were the top
    (a headline quotes with single marks in a text that uses double ones)."""
    return sorted(p for level in ("double", "single") for p in _pair(text, lo, hi, level, grammar)[0])


def _starts_with_opener(text: str, lo: int, hi: int, grammar: Grammar) -> bool:
    i = lo
    while i < hi and text[i].isspace():
        i += 1
    return i < hi and text[i] in grammar.marks["open_double"]


def pair_marks(layout: Layout, grammar: Grammar) -> list[Marked]:
    text = layout.plain
    has_double = DOUBLED in text or any(c in grammar.marks["open_double"] or c in grammar.marks["close_double"]
                                        for c in text)
    top = "double" if has_double else "single"
    out: list[Marked] = []
    carried = False  # the previous paragraph's quotation continues into this one
    paras = layout.paragraphs
    for pi, (lo, hi) in enumerate(paras):
        pairs, left_open = _pair(text, lo, hi, top, grammar)
        spans: list[Marked] = []
        for k, (o, c) in enumerate(pairs):
            spans.append(Marked(o + width(text, o), c, o, c + width(text, c) - 1, pi, top,
                                continued=carried and k == 0))
        carried = False
        if left_open is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            goes_on = nxt is not None and top == "double" and _starts_with_opener(text, nxt[0], nxt[1], grammar)
            end = hi
            if left_open + width(text, left_open) < end:
                spans.append(Marked(left_open + width(text, left_open), end, left_open, None, pi, top, continued=False,
                                    continues=goes_on))
            carried = goes_on
        for m in spans:
            out.append(m)
            if top == "double":
                parent = len(out) - 1
                inner, _ = _pair(text, m.start, m.end, "single", grammar)
                out.extend(Marked(o + 1, c, o, c, pi, "single", parent=parent) for o, c in inner)
    return out
