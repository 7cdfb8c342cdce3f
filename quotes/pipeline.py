"""The pipeline: the stages of one document, in order, each a function of the previous one's output.

    normalize ─► parse ─► find ─► resolve ─► stance ─► emit

`normalize` (quotes.normalize.layout) and `parse` (`Parsing` here) work on a batch of documents: the parser
is called once for the batch. They fill a document's `Context` (its id, text, grammar, claims, layout and
parse). The rule stages then run on the context alone, each declared in `STAGES` with the type it takes and
the type it gives; the chain is checked once, when this module is imported:

    find     (quotes.find)      → Candidates: every finder, merged, attributed, nesting set
    resolve  (quotes.resolve)   → Attributed: quotes with resolved speakers, the document's entities and case
    stance   (quotes.stances)   → Judged: each quote linked to a claim (or claims induced) with a stance

`emit` (quotes.emit) turns the context and the judged quotes into the `Document` of spec/output.md.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import regex

from . import stances
from .find import Found, find
from .grammar import Grammar, stem
from .limits import Deadline, budget
from .model import Case, Claim, Entity, Quote
from .normalize import Layout
from .parse import ModelError, Parse, Parser, stitch
from .resolve import resolve

LARGE = 200_000  # above this many characters, only the paragraphs that can hold a quote are parsed
PIECE = 50_000  # characters parsed together in a large document
CACHE_SIZE, CACHE_CHARS = 4096, 4000  # parses of short texts kept for repeats
WORD = regex.compile(r"\w+")


@attrs.frozen
class Context:
    """One document as the rule stages see it."""

    doc_id: str
    text: str
    grammar: Grammar
    layout: Layout
    parse: Parse
    claims: tuple[stances.ClaimReading, ...] = ()


@attrs.frozen
class Candidates:
    found: tuple[Found, ...]


@attrs.frozen
class Attributed:
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    case: Case


@attrs.frozen
class Judged:
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    case: Case
    claims: tuple[Claim, ...]  # the claims the quotes may link to: the given ones, or those induced


def _find(ctx: Context, _: None) -> Candidates:
    return Candidates(find(ctx.parse, ctx.layout, ctx.grammar))


def _resolve(ctx: Context, c: Candidates) -> Attributed:
    return Attributed(*resolve(ctx.parse, ctx.layout, ctx.grammar, c.found))


def _stance(ctx: Context, a: Attributed) -> Judged:
    lex, names = ctx.grammar.stance, {e.id: e.name for e in a.entities}
    parties = {lex.key(stem(t)): party for e, party, _ in a.case.parties if party != "family"  # not the agents
               for t in names.get(e, "").split()}
    quotes, claims = stances.link(a.quotes, ctx.parse, ctx.claims, ctx.grammar, dict(a.case.sides), parties)
    return Judged(quotes, a.entities, a.case, claims)


@attrs.frozen
class Stage:
    name: str
    run: Callable[[Context, Any], Any]
    takes: type
    gives: type


STAGES = (
    Stage("find", _find, type(None), Candidates),
    Stage("resolve", _resolve, Candidates, Attributed),
    Stage("stance", _stance, Attributed, Judged),
)


def check(stages: Sequence[Stage]) -> None:
    """Each stage takes what the one before it gives; the first takes nothing."""
    gives: type = type(None)
    for s in stages:
        if s.takes is not gives:
            raise TypeError(f"stage {s.name} takes {s.takes.__name__} but is given {gives.__name__}")
        gives = s.gives


check(STAGES)


def analyse(ctx: Context, stages: Sequence[Stage] = STAGES) -> Judged:
    """The rule stages over one parsed document."""
    out: Any = None
    for s in stages:
        out = s.run(ctx, out)
    return out  # type: ignore[no-any-return]


class Parsing:
    """The parse stage: what of each document the parser reads, one parser call per batch, repeats of
    short texts from a cache, and a failure isolated to the text that caused it. The parser is never
    interrupted in this process (that leaves it unusable): `quotes extract` bounds its time by running
    extraction in worker processes (quotes.pool)."""

    def __init__(self, parser: Callable[[], Parser], grammar: Grammar, batch_size: int, doc_timeout: float | None):
        self.parser, self.grammar = parser, grammar
        self.batch_size, self.doc_timeout = batch_size, doc_timeout
        self._cache: OrderedDict[str, Parse] = OrderedDict()

    def pieces(self, lay: Layout) -> list[tuple[int, int]]:
        """All of a document, or in a very large one only the paragraphs that can hold a quote (a quotation
        mark or a cue verb) and the paragraph before each, in pieces."""
        if len(lay.view) <= LARGE:
            return [(0, len(lay.view))]
        marks = self.grammar.marks["open_double"] | self.grammar.marks["close_double"] | {"\u2018"}  # not apostrophes
        keep: set[int] = set()
        for k, (lo, hi) in enumerate(lay.paragraphs):
            chunk = lay.plain[lo:hi]
            if any(c in marks for c in chunk) or any(stem(w) in self.grammar.cue_forms for w in WORD.findall(chunk)):
                keep.update((k - 1, k) if k else (k,))
        pieces: list[tuple[int, int]] = []
        for k in sorted(keep):
            lo, hi = lay.paragraphs[k]
            if pieces and (k - 1 in keep) and hi - pieces[-1][0] <= PIECE:
                pieces[-1] = (pieces[-1][0], hi)
            else:
                pieces.append((lo, hi))
        return pieces

    def _call(self, todo: list[str]) -> dict[str, Parse | Exception]:
        try:
            return dict(zip(todo, self.parser().parse_many(todo), strict=True))
        except ModelError:  # no model: not one document's failure, the caller's to hear
            raise
        except Exception:  # noqa: BLE001 - parse them one by one to find the one at fault
            done: dict[str, Parse | Exception] = {}
            for v in todo:
                try:
                    done[v] = self.parser().parse_many([v])[0]
                except Exception as e:  # noqa: BLE001 - becomes the document's error record
                    done[v] = e
            return done

    def parse(self, views: list[str]) -> list[Parse | Exception]:
        """Parse views in one call, the cached ones skipped."""
        done = self._call(list(dict.fromkeys(v for v in views if v not in self._cache)))
        parsed = dict(done)
        for v in views:  # the hits, taken before the new parses can push them out of the cache
            if v not in done:
                self._cache.move_to_end(v)
                done[v] = self._cache[v]
        for v, p in parsed.items():
            if isinstance(p, Parse) and len(v) <= CACHE_CHARS:
                self._cache[v] = p
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return [done[v] for v in views]

    def parse_pieces(self, lay: Layout, pieces: list[tuple[int, int]]) -> Parse | Exception:
        """One Parse of a large document from its pieces; the time bound is checked between pieces."""
        deadline = Deadline(budget(self.doc_timeout, len(lay.view)))
        try:
            parts: list[tuple[int, Parse]] = []
            for k in range(0, len(pieces), self.batch_size):
                group = pieces[k:k + self.batch_size]
                parts.extend(zip((lo for lo, _ in group),
                                 self.parser().parse_many([lay.view[lo:hi] for lo, hi in group]), strict=True))
                deadline.check()
            return stitch(lay.view, parts)
        except ModelError:
            raise
        except Exception as e:  # noqa: BLE001 - becomes the document's error record
            return e
