"""The pipeline: normalize → parse → find → attribute → resolve → Document.

`Extractor` loads the grammars and the parser once. `extract` handles one text; `extract_many` streams any
iterable of texts or (doc_id, text) pairs, parsing them in batches, and yields exactly one Document per input
in input order: a document that fails becomes a Document with `error` set, and the others go on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

import attrs
import regex

from . import __version__
from . import grammar as grammar_mod
from .attribute import attribute_marks, merge
from .claims import ClaimError, ClaimSet, coerce
from .find.direct import pair_marks
from .find.reported import find_reported
from .find.statement import find_statements
from .grammar import Grammar, stem
from .limits import Deadline, DocTimeout, budget, time_limit
from .model import Claim, Document, Entity, Error, Quote, Stance
from .normalize import Layout, layout
from .parse import Parse, Parser, StanzaParser, stitch
from .resolve import Resolver
from .stances import ClaimReading, assign, induce, pairwise, read_claim

ClaimsIn = Iterable[Claim | Mapping[str, Any]]
Item = str | tuple[str, str] | tuple[str, str, ClaimsIn | None]

DOC_TIMEOUT = 120.0  # seconds per document
MAX_DOC_CHARS = 20_000_000
LARGE = 200_000  # above this many characters, only the paragraphs that can hold a quote are parsed
PIECE = 50_000  # characters parsed together in a large document
CACHE_SIZE, CACHE_CHARS = 4096, 4000  # parses of short texts kept for repeats
WORD = regex.compile(r"\w+")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def analyse(p: Parse, lay: Layout, grammar: Grammar, claims: Sequence[ClaimReading] = ()
            ) -> tuple[tuple[Quote, ...], tuple[Entity, ...], tuple[Claim, ...]]:
    """The rule stages over one parsed document. With claims each quote is linked to one and given a stance;
    without, claims are induced from the quotes. Returns quotes, entities and the claims they may link to."""
    marks = pair_marks(lay, grammar)
    direct = attribute_marks(p, lay, grammar, marks)
    found = merge(p, marks, direct, find_reported(p, lay, grammar), find_statements(p, lay, grammar))
    resolver = Resolver(p, grammar, lay)
    quotes: list[Quote] = []
    for k, f in enumerate(found):
        quotes.append(Quote(
            id=f"q{k + 1}", text=lay.text[f.start:f.end], start=f.start, end=f.end, type=f.type, cue=f.cue,
            speaker=resolver.speaker(f), paragraph=lay.paragraph_at(f.start), sentence=p.sentence_at(f.start)))
    quotes, entities = resolver.finish(quotes)
    if claims:
        return tuple(assign(nest(quotes), p, claims, grammar)), entities, tuple(c.claim for c in claims)
    linked, induced = induce(nest(quotes), p, grammar)
    return tuple(linked), entities, induced


def nest(quotes: list[Quote]) -> list[Quote]:
    """Set `nested_in` to the smallest other quote whose span contains each quote (longer than it)."""
    parent: dict[str, str] = {}
    stack: list[Quote] = []  # quotes that may still contain the next ones, outermost first
    for q in sorted(quotes, key=lambda q: (q.start, -(q.end - q.start))):
        while stack and stack[-1].end <= q.start:
            stack.pop()
        outer = next((o for o in reversed(stack) if q.end <= o.end and o.end - o.start > q.end - q.start), None)
        if outer is not None:
            parent[q.id] = outer.id
        stack.append(q)
    return [attrs.evolve(q, nested_in=parent.get(q.id)) for q in quotes]


class Extractor:
    def __init__(self, models: str | os.PathLike[str] | None = None, grammar: str | os.PathLike[str] | None = None,
                 parser: Parser | None = None, batch_size: int = 16, allow_download: bool | None = None,
                 claims: ClaimSet | ClaimsIn | None = None, doc_timeout: float | None = DOC_TIMEOUT,
                 max_doc_chars: int | None = MAX_DOC_CHARS, timing: bool = True):
        """`claims`: a ClaimSet (from `quotes.claims.load`) or a list of claims for every document.
        `doc_timeout` (seconds) and `max_doc_chars` bound each document (None: no bound); a document over
        either becomes an error record. `timing=False` leaves `meta.elapsed_ms` out, for byte-identical runs."""
        self.doc_timeout, self.max_doc_chars, self.timing = doc_timeout or None, max_doc_chars or None, timing
        self._cache: OrderedDict[str, Parse] = OrderedDict()  # parses of short texts: wire copies repeat
        self.grammar = grammar_mod.load(grammar)
        self.claims = claims if isinstance(claims, ClaimSet) else ClaimSet(coerce(claims))
        self._claim_parses: dict[str, Parse] = {}
        self._parser = parser
        self._models, self._allow_download = models, allow_download
        self.batch_size = max(1, batch_size)

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            self._parser = StanzaParser(self._models, self._allow_download)
        return self._parser

    def extract(self, text: str, doc_id: str | None = None, claims: ClaimsIn | None = None) -> Document:
        """One document. `claims` (Claim objects or dicts of id, text, aliases, keywords) replace the
        extractor's claims for it; invalid claims raise ClaimError."""
        if claims is not None:
            claims = coerce(claims)
        return next(self.extract_many([(doc_id, text, claims)]))

    def extract_many(self, items: Iterable[Item]) -> Iterator[Document]:
        """Documents from texts, (doc_id, text) or (doc_id, text, claims) in input order, one per item."""
        it = iter(items)
        while batch := list(islice(it, self.batch_size)):
            yield from self._batch([(None, x, None) if isinstance(x, str) else (*x, None)[:3] for x in batch])

    def stances(self, pairs: Iterable[tuple[str, str | Claim]]) -> list[Stance]:
        """The stance of each statement toward its claim, judged apart from extraction."""
        plain = [(s, c.text if isinstance(c, Claim) else c) for s, c in pairs]
        out: list[Stance] = []
        for k in range(0, len(plain), 256):
            out.extend(pairwise(plain[k:k + 256], self.parser, self.grammar))
        return out

    def _readings(self, claims: tuple[Claim, ...]) -> tuple[ClaimReading, ...]:
        texts = [t for c in claims for t in (c.text, *c.aliases) if t not in self._claim_parses]
        if texts:
            unique = list(dict.fromkeys(texts))
            self._claim_parses.update(zip(unique, self.parser.parse_many(unique), strict=True))
        return tuple(read_claim(c, [self._claim_parses[t] for t in (c.text, *c.aliases)], self.grammar) for c in claims)

    def _claims_for(self, doc_id: str | None, given: object) -> tuple[Claim, ...] | Error:
        if given is None:
            return self.claims.for_doc(doc_id)
        if isinstance(given, Error):
            return given
        try:
            return coerce(given, f"claims of document {doc_id}")  # type: ignore[arg-type]
        except ClaimError as e:
            return Error("ClaimError", str(e))

    def _pieces(self, lay: Layout) -> list[tuple[int, int]]:
        """What of a document the parser reads: all of it, or in a very large document only the paragraphs
        that can hold a quote (a quotation mark or a cue verb) and the paragraph before each, in pieces."""
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

    def _parse(self, views: list[str]) -> list[Parse | Exception]:
        """Parse views (one call, cached ones skipped); a failure isolates the view that caused it. The parser
        is never interrupted in this process (that leaves it unusable): `quotes extract` bounds its time by
        running extraction in worker processes (quotes.pool)."""
        todo = list(dict.fromkeys(v for v in views if v not in self._cache))
        try:
            done: dict[str, Parse | Exception] = dict(zip(todo, self.parser.parse_many(todo), strict=True))
        except Exception:  # noqa: BLE001 - parse them one by one to find the one at fault
            done = {}
            for v in todo:
                try:
                    done[v] = self.parser.parse_many([v])[0]
                except Exception as e:  # noqa: BLE001 - becomes the document's error record
                    done[v] = e
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

    def _batch(self, batch: list[tuple[Any, ...]]) -> list[Document]:
        t0 = time.perf_counter()
        prepared: list[tuple[Layout, list[tuple[int, int]]] | Error | None] = []
        for _, text, _ in batch:
            if not isinstance(text, str):
                prepared.append(None)
            elif self.max_doc_chars and len(text) > self.max_doc_chars:
                prepared.append(Error("TooLarge", f"the document has {len(text):,} characters; the limit is "
                                                  f"{self.max_doc_chars:,} (--max-doc-chars)"))
            else:
                lay = layout(text, self.grammar.dateline)
                prepared.append((lay, self._pieces(lay)))
        small = [x[0].view for x in prepared if isinstance(x, tuple) and x[1] == [(0, len(x[0].view))]]
        parsed_small = iter(self._parse(small))
        per_doc = (time.perf_counter() - t0) / max(1, len(batch))
        out: list[Document] = []
        for (doc_id, text, given), prep in zip(batch, prepared, strict=True):
            t1 = time.perf_counter()
            parsed: Parse | Exception | None = None
            if isinstance(prep, tuple):
                lay, pieces = prep
                whole = pieces == [(0, len(lay.view))]
                parsed = next(parsed_small) if whole else self._parse_pieces(lay, pieces)
            out.append(self._one(doc_id, text, prep, parsed, per_doc + time.perf_counter() - t1,
                                 self._claims_for(doc_id, given)))
        return out

    def _parse_pieces(self, lay: Layout, pieces: list[tuple[int, int]]) -> Parse | Exception:
        deadline = Deadline(budget(self.doc_timeout, len(lay.view)))  # checked between pieces, not inside the parser
        try:
            parts = []
            for k in range(0, len(pieces), self.batch_size):
                group = pieces[k:k + self.batch_size]
                parts.extend(zip((lo for lo, _ in group),
                                 self.parser.parse_many([lay.view[lo:hi] for lo, hi in group]), strict=True))
                deadline.check()
            return stitch(lay.view, parts)
        except Exception as e:  # noqa: BLE001 - becomes the document's error record
            return e

    def _one(self, doc_id: str | None, text: object, prep: object, parsed: Parse | Exception | None,
             parse_time: float, claims: tuple[Claim, ...] | Error = ()) -> Document:
        t0 = time.perf_counter()
        if isinstance(text, Error):  # the input could not be read (decoding, malformed JSONL line)
            return Document(doc_id=doc_id or "unknown", text_sha256=sha256(""), error=text)
        if not isinstance(text, str):
            return Document(doc_id=doc_id or "unknown", text_sha256=sha256(""),
                            error=Error("InputError", f"text must be a string, not {type(text).__name__}"))
        digest = sha256(text)
        doc_id = doc_id or digest[:16]
        meta = {"engine": f"quotes {__version__}", "parser": getattr(self._parser, "name", "none")}
        if isinstance(prep, Error):
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta, error=prep)
        if isinstance(parsed, Exception) or parsed is None or not isinstance(prep, tuple):
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta, error=_error(parsed))
        if isinstance(claims, Error):
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta, error=claims)
        lay = prep[0]
        try:
            with time_limit(budget(self.doc_timeout, len(text))):  # plain Python: safe to interrupt
                quotes, entities, claims = analyse(attrs.evolve(parsed, text=text), lay, self.grammar,
                                                   self._readings(claims))
        except Exception as e:  # noqa: BLE001 - one bad document never stops the run
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta, error=_error(e))
        if self.timing:
            meta["elapsed_ms"] = round((parse_time + time.perf_counter() - t0) * 1000, 1)
        linked = {q.claim.id for q in quotes if q.claim}
        return Document(doc_id=doc_id, text_sha256=digest, quotes=quotes, entities=entities, meta=meta,
                        claims=tuple(c for c in claims if c.id in linked), text=text)


def _error(e: BaseException | None) -> Error:
    if isinstance(e, DocTimeout):
        return Error("Timeout", f"the document {e}")
    return Error(type(e).__name__, str(e))


_default: Extractor | None = None


def default() -> Extractor:
    """The process-wide default Extractor (models from QUOTES_MODELS or stanza's directory)."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str, doc_id: str | None = None, claims: ClaimsIn | None = None) -> Document:
    """Extract with the process-wide default Extractor."""
    return default().extract(text, doc_id=doc_id, claims=claims)


def stance(statement: str, claim: str | Claim) -> Stance:
    """Does `statement` support, oppose or stay neutral toward `claim`? (`quotes.stance`)"""
    return default().stances([(statement, claim)])[0]
