"""Find: every candidate quotation of one parsed document, attributed and merged.

Each finder is a pure function of (Parse, Layout, Grammar): `direct` pairs quote marks, `attribute` gives
each marked span its cue and speaker mention (or drops it as a scare quote), `reported` applies dependency
patterns around the grammar's cue predicates, `statement` finds released statements printed without marks.
`headline` reads the title line after them, since it needs the speakers the body quotes. `find` runs them
all, merges them (`attribute.merge`: mixed quotes, no duplicates) and marks which candidate is nested in
which, so what it returns is the document's finished list of candidates.
"""

from __future__ import annotations

import attrs

from ..grammar import Grammar
from ..normalize import Layout
from ..parse import Parse
from .attribute import Dropped, attribute_marks, last_word_end, merge
from .direct import Marked, pair_marks
from .found import Found
from .headline import find_headlines
from .reported import find_reported
from .statement import find_statements

__all__ = ["Found", "decisions", "find", "nest"]


def find(p: Parse, layout: Layout, grammar: Grammar) -> tuple[Found, ...]:
    """The candidates of a document in text order (start, then longest first), nesting set."""
    marks = pair_marks(layout, grammar)
    direct = attribute_marks(p, layout, grammar, marks)
    found = merge(p, grammar, marks, direct, find_reported(p, layout, grammar), find_statements(p, layout, grammar))
    found = sorted(found + find_headlines(p, layout, grammar, found), key=lambda f: (f.start, -f.end))
    return nest(found)


def decisions(p: Parse, layout: Layout, grammar: Grammar) -> list[tuple[Marked, str]]:
    """What became of each marked span: `quote` when a candidate holds it (direct, or inside a mixed quote),
    else the name of the rule that dropped it. No quotation mark pair is lost without a reason."""
    marks = pair_marks(layout, grammar)
    direct = attribute_marks(p, layout, grammar, marks)
    found = find(p, layout, grammar)
    out = []
    for m, d in zip(marks, direct, strict=True):
        end = m.end if m.close_at is not None else last_word_end(layout.plain, m)  # an unclosed one: its words
        held = any((f.start <= m.start or (f.how == "label" and m.start <= f.start < end)) and end <= f.end  # label out
                   for f in found)
        out.append((m, "quote" if held else d.reason if isinstance(d, Dropped) else "merged away"))
    return out


def nest(found: list[Found]) -> tuple[Found, ...]:
    """Set `nested_in` to the index of the smallest other candidate whose span contains each one (longer)."""
    parent: dict[int, int] = {}
    stack: list[int] = []  # candidates that may still contain the next ones, outermost first
    for k in sorted(range(len(found)), key=lambda k: (found[k].start, -(found[k].end - found[k].start))):
        q = found[k]
        while stack and found[stack[-1]].end <= q.start:
            stack.pop()
        outer = next((o for o in reversed(stack) if q.end <= found[o].end
                      and found[o].end - found[o].start > q.end - q.start), None)
        if outer is not None:
            parent[k] = outer
        stack.append(k)
    return tuple(attrs.evolve(f, nested_in=parent.get(k)) for k, f in enumerate(found))
