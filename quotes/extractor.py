"""The library surface: `Extractor` loads the grammars and the parser once and runs the pipeline.

`extract` handles one text; `extract_many` streams any iterable of texts or (doc_id, text) pairs, parsing them
in batches, and yields exactly one Document per input in input order: a document that fails becomes a
Document with `error` set, and the others go on. The stages themselves are declared in quotes.pipeline.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from . import __version__
from . import grammar as grammar_mod
from .claims import ClaimError, ClaimSet, coerce
from .emit import failed, sha256
from .limits import DocTimeout, batches, budget, time_limit
from .model import Claim, Document, Error, Stance
from .normalize import Layout, layout
from .parse import Parse, Parser, StanzaParser, checked, resolve_models
from .pipeline import Context, Parsing, analyse
from .stances import ClaimReading, bearing, pairwise, read_claim, too_long, unread
from .syntax import mend_lemmas

ClaimsIn = Iterable[Claim | Mapping[str, Any]]
Item = str | tuple[str, str] | tuple[str, str, ClaimsIn | None]
Prepared = tuple[Layout, list[tuple[int, int]]] | Error | None  # a document normalized, with what to parse

DOC_TIMEOUT = 120.0  # seconds per document
MAX_DOC_CHARS = 20_000_000


class Extractor:
    def __init__(self, models: str | os.PathLike[str] | None = None, grammar: str | os.PathLike[str] | None = None,
                 parser: Parser | None = None, batch_size: int = 16, allow_download: bool | None = None,
                 claims: ClaimSet | ClaimsIn | None = None, doc_timeout: float | None = DOC_TIMEOUT,
                 max_doc_chars: int | None = MAX_DOC_CHARS, timing: bool = True, tokenizer: str = "rules"):
        """`claims`: a ClaimSet (from `quotes.claims.load`) or a list of claims for every document.
        `doc_timeout` (seconds) and `max_doc_chars` bound each document (None: no bound); a document over
        either becomes an error record. `tokenizer`: "rules" (quotes.tokens) or "stanza" (its neural tokenizer
        everywhere), for the stanza parser built here. `meta.elapsed_ms` is the document's own time: its rules,
        and its share of its batch's parse by the characters parsed. `timing=False` leaves it out, for
        byte-identical runs."""
        self.doc_timeout, self.max_doc_chars, self.timing = doc_timeout or None, max_doc_chars or None, timing
        self.grammar = grammar_mod.load(grammar)
        self.claims = claims if isinstance(claims, ClaimSet) else ClaimSet(coerce(claims))
        self._claim_parses: dict[str, Parse] = {}
        self._claim_readings: dict[Claim, ClaimReading] = {}
        self._parser = parser
        self._models, self._allow_download = models, allow_download
        self._tokenizer = checked(tokenizer)
        if parser is None and models is not None:
            resolve_models(models, allow_download)  # a folder named that holds no model fails here, not later
        self.batch_size = max(1, batch_size)
        self.parsing = Parsing(lambda: self.parser, self.grammar, self.batch_size, self.doc_timeout)

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            self._parser = StanzaParser(self._models, self._allow_download, self._tokenizer)
        return self._parser

    def extract(self, text: str, doc_id: str | None = None, claims: ClaimsIn | None = None) -> Document:
        """One document. `claims` (Claim objects or dicts of id, text, aliases, keywords) replace the
        extractor's claims for it; invalid claims raise ClaimError."""
        if claims is not None:
            claims = coerce(claims)
        return next(self.extract_many([(doc_id, text, claims)]))

    def extract_many(self, items: Iterable[Item]) -> Iterator[Document]:
        """Documents from texts, (doc_id, text) or (doc_id, text, claims) in input order, one per item."""
        for batch in batches(items, self.batch_size):
            yield from self.batch([(None, x, None) if isinstance(x, str) else (*x, None)[:3] for x in batch])

    def stances(self, pairs: Iterable[tuple[str, str | Claim]]) -> list[Stance]:
        """The stance of each statement toward its claim, judged apart from extraction."""
        plain = [(s, c.text if isinstance(c, Claim) else c) for s, c in pairs]
        for n, (statement, claim) in enumerate(plain, 1):
            if (problem := too_long(statement, claim)) is not None:
                raise ValueError(f"pair {n}: {problem}")
        out: list[Stance] = []
        for k in range(0, len(plain), 256):
            out.extend(pairwise(plain[k:k + 256], self.parser, self.grammar, self.doc_timeout))
        return out

    def stance(self, statement: str, claim: str | Claim) -> Stance:
        """Does `statement` support, oppose or stay neutral toward `claim`? (with this extractor's models)"""
        return self.stances([(statement, claim)])[0]

    def _readings(self, claims: tuple[Claim, ...], parsed: Parse) -> tuple[ClaimReading, ...]:
        """The claims read for one document. Only a claim that shares a word with the document (a form, a
        lemma, an antonym, a keyword) can be linked to one of its quotes: those are parsed (once per text, in
        one call) and read (once per claim); the others stay unread, so that many claims cost little."""
        if not claims:
            return ()
        near = bearing(claims, parsed, self.grammar)
        texts = [t for c in claims if c in near and c not in self._claim_readings for t in (c.text, *c.aliases)
                 if t not in self._claim_parses]
        if texts:
            unique = list(dict.fromkeys(texts))
            self._claim_parses.update(zip(unique, self.parser.parse_many(unique), strict=True))
        for c in near - self._claim_readings.keys():
            self._claim_readings[c] = read_claim(c, [self._claim_parses[t] for t in (c.text, *c.aliases)],
                                                 self.grammar)
        return tuple(self._claim_readings[c] if c in near else unread(c, self.grammar) for c in claims)

    def _claims_for(self, doc_id: str | None, given: object) -> tuple[Claim, ...] | Error:
        if given is None:
            return self.claims.for_doc(doc_id)
        if isinstance(given, Error):
            return given
        try:
            return coerce(given, f"claims of document {doc_id}")  # type: ignore[arg-type]
        except ClaimError as e:
            return Error("ClaimError", str(e))

    def _prepare(self, text: object) -> Prepared:
        """normalize: a document's layout and what of it the parser reads (None: no text; Error: too large)."""
        if not isinstance(text, str):
            return None
        if self.max_doc_chars and len(text) > self.max_doc_chars:
            return Error("TooLarge", f"the document has {len(text):,} characters; the limit is "
                                     f"{self.max_doc_chars:,} (--max-doc-chars)")
        try:  # the grammar's patterns run here: a runaway one is bounded like the rules (`regex` checks signals)
            with time_limit(budget(self.doc_timeout, len(text))):
                lay = layout(text, self.grammar.dateline)
                return lay, self.parsing.pieces(lay)
        except DocTimeout as e:
            return _error(e)

    def batch(self, batch: list[tuple[Any, ...]]) -> list[Document]:
        """(doc_id, text, claims) items to Documents: normalized, parsed in one call, then one by one."""
        prepared, spent = [], []  # each document's own time so far
        for _, text, _ in batch:
            t0 = time.perf_counter()
            prepared.append(self._prepare(text))
            spent.append(time.perf_counter() - t0)
        small = [x[0].view for x in prepared if isinstance(x, tuple) and x[1] == [(0, len(x[0].view))]]
        t0 = time.perf_counter()
        parsed_small = iter(self.parsing.parse(small))
        per_char = (time.perf_counter() - t0) / max(1, sum(map(len, small)))  # the batch's parse, shared by size
        out: list[Document] = []
        for (doc_id, text, given), prep, own in zip(batch, prepared, spent, strict=True):
            t1 = time.perf_counter()
            parsed: Parse | Exception | None = None
            if isinstance(prep, tuple):
                lay, pieces = prep
                whole = pieces == [(0, len(lay.view))]
                parsed = next(parsed_small) if whole else self.parsing.parse_pieces(lay, pieces)
                own += per_char * len(lay.view) if whole else 0.0
            out.append(self._one(doc_id, text, prep, parsed, own + time.perf_counter() - t1,
                                 self._claims_for(doc_id, given)))
        return out

    def _one(self, doc_id: str | None, text: object, prep: Prepared, parsed: Parse | Exception | None,
             parse_time: float, claims: tuple[Claim, ...] | Error = ()) -> Document:
        t0 = time.perf_counter()
        if isinstance(text, Error):  # the input could not be read (decoding, malformed JSONL line)
            return failed(doc_id, None, text)
        if not isinstance(text, str):
            return failed(doc_id, None, Error("InputError", f"text must be a string, not {type(text).__name__}"))
        doc_id = doc_id or sha256(text)[:16]
        meta = {"engine": f"quotes {__version__}", "parser": getattr(self._parser, "name", "none")}
        if isinstance(prep, Error):
            return failed(doc_id, text, prep, meta)
        if isinstance(parsed, Exception) or parsed is None or prep is None:
            return failed(doc_id, text, _error(parsed), meta)
        if isinstance(claims, Error):
            return failed(doc_id, text, claims, meta)
        try:
            with time_limit(budget(self.doc_timeout, len(text))):  # plain Python: safe to interrupt
                mended = mend_lemmas(attrs.evolve(parsed, text=text), self.grammar)
                ctx = Context(doc_id, text, self.grammar, prep[0], mended, self._readings(claims, parsed))
                judged = analyse(ctx)
        except Exception as e:  # noqa: BLE001 - one bad document never stops the run
            return failed(doc_id, text, _error(e), meta)
        if self.timing:
            meta["elapsed_ms"] = round((parse_time + time.perf_counter() - t0) * 1000, 1)
        linked = {q.claim.id for q in judged.quotes if q.claim}
        return Document(doc_id=doc_id, text_sha256=sha256(text), quotes=judged.quotes, entities=judged.entities,
                        case=judged.case, meta=meta, claims=tuple(c for c in judged.claims if c.id in linked),
                        text=text)


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
    """Does `statement` support, oppose or stay neutral toward `claim`? (`quotes.stance`, with the default
    Extractor's models: QUOTES_MODELS or stanza's; an Extractor of your own has `.stance` too)"""
    return default().stance(statement, claim)
