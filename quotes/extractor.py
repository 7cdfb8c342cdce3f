"""The pipeline: normalize → parse → find → attribute → resolve → Document.

`Extractor` loads the grammars and the parser once. `extract` handles one text; `extract_many` streams any
iterable of texts or (doc_id, text) pairs, parsing them in batches, and yields exactly one Document per input
in input order: a document that fails becomes a Document with `error` set, and the others go on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

import attrs

from . import __version__
from . import grammar as grammar_mod
from .attribute import attribute_marks, merge
from .claims import ClaimError, ClaimSet, coerce
from .find.direct import pair_marks
from .find.reported import find_reported
from .find.statement import find_statements
from .grammar import Grammar
from .model import Claim, Document, Entity, Error, Quote, Stance
from .normalize import Layout, layout
from .parse import Parse, Parser, StanzaParser
from .resolve import Resolver
from .stances import ClaimReading, assign, induce, pairwise, read_claim

ClaimsIn = Iterable[Claim | Mapping[str, Any]]
Item = str | tuple[str, str] | tuple[str, str, ClaimsIn | None]


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
    """Set `nested_in` to the smallest other quote whose span contains each quote."""
    out = []
    for q in quotes:
        outer = [o for o in quotes if o is not q and o.start <= q.start and q.end <= o.end
                 and (o.end - o.start) > (q.end - q.start)]
        parent = min(outer, key=lambda o: o.end - o.start).id if outer else None
        out.append(attrs.evolve(q, nested_in=parent))
    return out


class Extractor:
    def __init__(self, models: str | os.PathLike[str] | None = None, grammar: str | os.PathLike[str] | None = None,
                 parser: Parser | None = None, batch_size: int = 16, allow_download: bool | None = None,
                 claims: ClaimSet | ClaimsIn | None = None):
        """`claims`: a ClaimSet (from `quotes.claims.load`) or a list of claims for every document."""
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

    def _batch(self, batch: list[tuple[Any, ...]]) -> list[Document]:
        t0 = time.perf_counter()
        layouts = [layout(text, self.grammar.dateline) if isinstance(text, str) else None for _, text, _ in batch]
        views = [lay.view for lay in layouts if lay is not None]
        try:
            parses: list[Parse | Exception] = list(self.parser.parse_many(views))
        except Exception:  # isolate the document that broke the batch
            parses = []
            for v in views:
                try:
                    parses.extend(self.parser.parse_many([v]))
                except Exception as e:  # noqa: BLE001 - becomes the document's error record
                    parses.append(e)
        per_doc = (time.perf_counter() - t0) / max(1, len(batch))
        out: list[Document] = []
        it = iter(parses)
        for (doc_id, text, given), lay in zip(batch, layouts, strict=True):
            claims = self._claims_for(doc_id, given)
            out.append(self._one(doc_id, text, lay, next(it) if lay is not None else None, per_doc, claims))
        return out

    def _one(self, doc_id: str | None, text: object, lay: Layout | None, parsed: Parse | Exception | None,
             parse_time: float, claims: tuple[Claim, ...] | Error = ()) -> Document:
        t0 = time.perf_counter()
        if isinstance(text, Error):  # the input could not be read (decoding, malformed JSONL line)
            return Document(doc_id=doc_id or "unknown", text_sha256=sha256(""), error=text)
        if not isinstance(text, str) or lay is None:
            return Document(doc_id=doc_id or "unknown", text_sha256=sha256(""),
                            error=Error("InputError", f"text must be a string, not {type(text).__name__}"))
        digest = sha256(text)
        doc_id = doc_id or digest[:16]
        meta = {"engine": f"quotes {__version__}", "parser": getattr(self._parser, "name", "none")}
        if isinstance(parsed, Exception) or parsed is None:
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta,
                            error=Error(type(parsed).__name__, str(parsed)))
        if isinstance(claims, Error):
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta, error=claims)
        try:
            quotes, entities, claims = analyse(attrs.evolve(parsed, text=text), lay, self.grammar,
                                               self._readings(claims))
        except Exception as e:  # noqa: BLE001 - one bad document never stops the run
            return Document(doc_id=doc_id, text_sha256=digest, meta=meta, error=Error(type(e).__name__, str(e)))
        meta["elapsed_ms"] = round((parse_time + time.perf_counter() - t0) * 1000, 1)
        linked = {q.claim.id for q in quotes if q.claim}
        return Document(doc_id=doc_id, text_sha256=digest, quotes=quotes, entities=entities, meta=meta,
                        claims=tuple(c for c in claims if c.id in linked), text=text)


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
