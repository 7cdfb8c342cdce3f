"""The parse layer: one small interface between the engine and a dependency parser.

The stages below never see stanza objects. They see a `Parse`: sentences and syntactic words with character
offsets into the original text, lemma, UPOS, head, deprel and a BIOES NER tag. `Parser.parse_many` takes
the texts of a batch of documents and returns one `Parse` each; `StanzaParser` is the backend, and tests or
a later backend can supply any object with the same method.

Model resolution (`resolve_models`): an explicit folder or `QUOTES_MODELS`, then stanza's resource directory
(`STANZA_RESOURCES_DIR` or stanza's default), then stanza's own download only when the caller allows it.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import attrs

from . import tokens
from .normalize import uncased

# What the rules read: words, lemmas, tags, the dependency tree. Named entities are not read (roles and names
# come from the grammar's patterns and the tree), so NER, about a fifth of stanza's time, does not run.
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
AFTER_TOKENIZE = "mwt,pos,lemma,depparse"
# characters of a token the taggers read; a longer one (a blob, a pasted key) reads as unknown, as stanza's own
# tokenizer has it
LONGEST = 1000
UNKNOWN = "<UNK>"  # the word stanza reads for a token longer than LONGEST (its tokenizer does the same)
# How text becomes tokens and sentences: by rules (quotes.tokens), with stanza's neural tokenizer for text with no
# capitals to cut at; or by the neural tokenizer everywhere.
TOKENIZERS = ("rules", "stanza")


def checked(tokenizer: str) -> str:
    if tokenizer not in TOKENIZERS:
        raise ValueError(f"tokenizer must be one of {', '.join(TOKENIZERS)}, not {tokenizer!r}")
    return tokenizer


class ModelError(RuntimeError):
    """No usable parser model, or a model that cannot be read."""


@attrs.frozen(slots=True)
class Word:
    i: int  # index among the document's words
    text: str
    lemma: str
    upos: str
    feats: str
    head: int  # document index of the head word; -1 for the sentence root
    deprel: str
    start: int
    end: int
    sent: int


@attrs.frozen(slots=True)
class Sentence:
    i: int
    start: int
    end: int
    first: int  # words[first:last] belong to this sentence
    last: int


@attrs.frozen
class Parse:
    text: str
    words: tuple[Word, ...]
    sentences: tuple[Sentence, ...]

    @cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.words]
        for w in self.words:
            if w.head >= 0:
                kids[w.head].append(w.i)
        return tuple(tuple(k) for k in kids)

    def kids(self, i: int, *deprels: str) -> list[int]:
        """Children of word i, optionally only those whose deprel (or its base before ':') is listed."""
        if not deprels:
            return list(self.children[i])
        return [c for c in self.children[i] if self.words[c].deprel in deprels
                or self.words[c].deprel.split(":")[0] in deprels]

    def subtree(self, i: int, exclude: Iterable[int] = ()) -> list[int]:
        """Word i and its descendants (sorted), leaving out the subtrees rooted at `exclude`."""
        skip = set(exclude)
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            if j in skip:
                continue
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def span(self, idx: Sequence[int]) -> tuple[int, int]:
        return self.words[min(idx)].start, self.words[max(idx)].end

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains (or last starts before) a character offset."""
        lo, hi = 0, len(self.sentences) - 1
        if hi < 0:
            return 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    @cached_property
    def _starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def _ends(self) -> list[int]:
        return [w.end for w in self.words]

    def words_in(self, start: int, end: int) -> range:
        """Word indices whose span lies inside [start, end) (words are in text order)."""
        lo = bisect.bisect_left(self._starts, start)
        return range(lo, max(lo, bisect.bisect_right(self._ends, end)))


def stitch(text: str, parts: Sequence[tuple[int, Parse]]) -> Parse:
    """One Parse of `text` from parses of pieces of it, each given with the offset where its piece starts."""
    words: list[Word] = []
    sentences: list[Sentence] = []
    for offset, part in parts:
        base, sbase = len(words), len(sentences)
        words.extend(attrs.evolve(w, i=w.i + base, head=w.head + base if w.head >= 0 else -1, start=w.start + offset,
                                  end=w.end + offset, sent=w.sent + sbase) for w in part.words)
        sentences.extend(Sentence(sbase + k, s.start + offset, s.end + offset, s.first + base, s.last + base)
                         for k, s in enumerate(part.sentences))
    return Parse(text=text, words=tuple(words), sentences=tuple(sentences))


class Parser(Protocol):
    name: str

    def parse_many(self, texts: Sequence[str]) -> list[Parse]: ...


def to_json(p: Parse) -> dict[str, object]:
    """A parse as plain data (what `RecordedParser` replays): words and sentences as rows of their fields."""
    return {"text": p.text, "words": [list(attrs.astuple(w)) for w in p.words],
            "sentences": [list(attrs.astuple(s)) for s in p.sentences]}


def from_json(d: dict[str, Any]) -> Parse:
    return Parse(text=d["text"], words=tuple(Word(*w) for w in d["words"]),
                 sentences=tuple(Sentence(*s) for s in d["sentences"]))


class RecordedParser:
    """Replays parses recorded earlier (`to_json` rows, one JSON object a line), keyed by the text parsed: the
    rule stages run on them exactly as on the parser's own output, with no model loaded. A text that was
    not recorded raises KeyError naming it, so a stale recording is seen at once."""

    def __init__(self, parses: Iterable[Parse], name: str = "recorded"):
        self.parses = {p.text: p for p in parses}
        self.name = name

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> RecordedParser:
        with open(path, "rb") as f:
            return cls((from_json(json.loads(line)) for line in f if line.strip()), name=f"recorded {Path(path).name}")

    def parse_many(self, texts: Sequence[str]) -> list[Parse]:
        missing = [t[:60] for t in texts if t not in self.parses]
        if missing:
            raise KeyError(f"{len(missing)} text(s) not recorded, e.g. {missing[0]!r}")
        return [self.parses[t] for t in texts]


# ---------------------------------------------------------------------------------------------- models


def _stanza_default_dir() -> Path:
    try:
        from stanza.resources.common import DEFAULT_MODEL_DIR
        return Path(DEFAULT_MODEL_DIR)
    except Exception:  # pragma: no cover - stanza always has it
        return Path.home() / "stanza_resources"


def _is_compact(folder: Path) -> bool:
    return (folder / "manifest.json").is_file()


def _is_resources(folder: Path) -> bool:
    return (folder / "resources.json").is_file() and (folder / "en").is_dir()


NO_MODEL_HELP = (
    "no stanza English model found. Get one in any of three ways:\n"
    "  1. point to a model folder: --models DIR or QUOTES_MODELS=DIR (a stanza_resources folder, or a folder\n"
    "     with a manifest.json such as the compact models);\n"
    "  2. put stanza's English models in stanza's resource directory (STANZA_RESOURCES_DIR, default {default}):\n"
    "     python -c \"import stanza; stanza.download('en')\";\n"
    "  3. allow quotes to download them: `quotes models --fetch` or QUOTES_ALLOW_DOWNLOAD=1."
)


def resolve_models(explicit: str | os.PathLike[str] | None = None, allow_download: bool | None = None) -> Path | None:
    """Find the model folder. Returns None only when a download is allowed and nothing is on disk."""
    if explicit is None:
        explicit = os.environ.get("QUOTES_MODELS") or None
    if explicit is not None:
        folder = Path(explicit).expanduser()
        if _is_compact(folder) or _is_resources(folder):
            return folder
        raise ModelError(f"model folder {folder} has neither a manifest.json nor a stanza resources.json with en/")
    folder = Path(os.environ.get("STANZA_RESOURCES_DIR") or _stanza_default_dir()).expanduser()
    if _is_resources(folder):
        return folder
    if allow_download is None:
        allow_download = os.environ.get("QUOTES_ALLOW_DOWNLOAD", "") not in ("", "0", "false", "no")
    if allow_download:
        return None
    raise ModelError(NO_MODEL_HELP.format(default=_stanza_default_dir()))


def pipeline_options(folder: Path | None) -> dict[str, object]:
    """The stanza.Pipeline keyword arguments for a model folder (None: stanza's download)."""
    opts: dict[str, object] = {"lang": "en", "use_gpu": False, "logging_level": "ERROR",
                               "tokenize_max_seqlen": 1000}
    if folder is None:
        opts.update(processors=",".join(PROCESSORS), download_method="reuse_resources")
        return opts
    if not _is_compact(folder):
        opts.update(dir=str(folder), processors=",".join(PROCESSORS), download_method=None)
        return opts
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        files: dict[str, str] = manifest["processors"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(f"{folder / 'manifest.json'}: unreadable model manifest ({e})") from e
    procs = [p for p in PROCESSORS if p in files]
    if "tokenize" not in procs or "depparse" not in procs:
        raise ModelError(f"{folder / 'manifest.json'}: needs at least tokenize and depparse models")
    for p in procs:
        path = folder / files[p]
        if not path.is_file():
            raise ModelError(f"model file missing: {path}")
        opts[f"{p}_model_path"] = str(path)
    extra = dict(manifest.get("options", {}))
    if "resources_filepath" in extra:
        extra["resources_filepath"] = str(folder / str(extra["resources_filepath"]))
    opts.update(extra)
    opts.update(dir=str(folder), processors=",".join(procs), download_method=None)
    return opts


# ---------------------------------------------------------------------------------------------- stanza


def _word_offsets(token: object) -> list[tuple[int, int]]:
    """Character spans of the words of one stanza token (a multi-word token such as `don't` splits)."""
    words = token.words  # type: ignore[attr-defined]
    ts, te = token.start_char, token.end_char  # type: ignore[attr-defined]
    if len(words) == 1:
        return [(ts, te)]
    if all(getattr(w, "start_char", None) is not None for w in words):
        return [(w.start_char, w.end_char) for w in words]
    # split the token's surface left to right by the words' texts; whatever does not line up keeps the whole
    surface = token.text.lower()  # type: ignore[attr-defined]
    out, pos = [], 0
    for k, w in enumerate(words):
        piece = w.text.lower()
        at = surface.find(piece, pos)
        if k == len(words) - 1:
            out.append((ts + (at if at >= 0 else pos), te))
        elif at >= 0:
            out.append((ts + at, ts + at + len(piece)))
            pos = at + len(piece)
        else:
            out.append((ts + pos, te))
    return [(max(ts, s), max(max(ts, s), min(te, e))) for s, e in out]


def from_stanza(text: str, doc: object) -> Parse:
    words: list[Word] = []
    sentences: list[Sentence] = []
    for si, sent in enumerate(doc.sentences):  # type: ignore[attr-defined]
        first = len(words)
        base = first - 1  # stanza heads are 1-based within the sentence
        for token in sent.tokens:
            for w, (s, e) in zip(token.words, _word_offsets(token), strict=False):
                words.append(Word(
                    i=len(words), text=w.text, lemma=(w.lemma or w.text).lower() if w.upos != "PROPN" else (w.lemma or w.text),
                    upos=w.upos or "X", feats=w.feats or "", head=(base + w.head) if w.head else -1,
                    deprel=w.deprel or "dep", start=s, end=e, sent=si))
        if len(words) > first:
            sentences.append(Sentence(si, words[first].start, words[-1].end, first, len(words)))
    return Parse(text=text, words=tuple(words), sentences=tuple(sentences))


@contextmanager
def _no_optimizers() -> Iterator[None]:
    """Build stanza's processors without the training optimizers their trainers make even to parse: making
    one imports torch._dynamo, about 3 s of a 6 s model load, for objects inference never touches."""
    from stanza.models.common import utils

    made = utils.get_optimizer, utils.get_split_optimizer
    utils.get_optimizer, utils.get_split_optimizer = (lambda *a, **k: None), (lambda *a, **k: {})  # none, no split
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = made


class StanzaParser:
    """One stanza pipeline per process, built on first use; documents are parsed in batches."""

    _lock = threading.Lock()
    _pipelines: dict[str, object] = {}

    def __init__(self, models: str | os.PathLike[str] | None = None, allow_download: bool | None = None,
                 tokenizer: str = "rules"):
        self.tokenizer = checked(tokenizer)
        self.folder = resolve_models(models, allow_download)
        self.name = f"stanza {self._version()} en, {tokenizer} tokenizer ({self.folder or 'stanza download'})"

    @staticmethod
    def _version() -> str:
        """stanza's version from its package metadata: importing stanza (and torch) takes two seconds, which a
        run's parent process, whose workers do the parsing, need not spend before it starts them."""
        from importlib.metadata import version
        return ".".join(version("stanza").split(".")[:2])

    @property
    def pipeline(self) -> object:
        key = str(self.folder)
        with self._lock:
            if key not in self._pipelines:
                self._pipelines[key] = self._build()
            return self._pipelines[key]

    def _build(self) -> object:
        import stanza

        from . import lean
        logging.getLogger("stanza").setLevel(logging.ERROR)
        opts = pipeline_options(self.folder)
        lean.accelerate()  # all of quotes' speed-ups or none (QUOTES_PLAIN_STANZA=1: none)
        try:
            with _no_optimizers():
                return stanza.Pipeline(**opts)
        except Exception as e:  # a corrupt or incompatible checkpoint
            raise ModelError(f"cannot load stanza models from {self.folder}: {type(e).__name__}: {e}") from e

    def parse_many(self, texts: Sequence[str]) -> list[Parse]:
        import stanza
        nlp = self.pipeline
        ruled = [self.tokenizer == "rules" and not uncased(t) for t in texts]  # the rules cut at capitals
        neural = [stanza.Document([], text=t) for t, r in zip(texts, ruled, strict=True) if not r]
        done = iter(nlp(neural) if neural else [])  # type: ignore[operator]
        cut = [_tokenized(t) for t, r in zip(texts, ruled, strict=True) if r]
        rest = iter(nlp.process(cut, processors=AFTER_TOKENIZE) if cut else [])  # type: ignore[attr-defined]
        return [from_stanza(t, next(rest) if r else next(done)) for t, r in zip(texts, ruled, strict=True)]


def _tokenized(text: str) -> object:
    """A stanza Document of the rule tokenizer's sentences, with every token's characters in `text`."""
    import stanza
    sents = [[{"id": (k + 1,), "text": text[s:e] if e - s <= LONGEST else UNKNOWN, "start_char": s, "end_char": e,
               **({"misc": "MWT=Yes"} if mw else {})} for k, (s, e, mw) in enumerate(sent)]
             for sent in tokens.sentences(text)]
    return stanza.Document(sents, text=text)
