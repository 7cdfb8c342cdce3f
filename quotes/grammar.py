"""Load the rule files in grammars/ (TOML, data only) into one `Grammar`.

The shipped grammars come first; a user folder (`--grammar DIR`) is read after them: lists in its files
extend the shipped ones and single values replace them, so a user can add a cue verb or a title without
copying a file. Every problem is reported as `file:line: what is wrong`.
"""

from __future__ import annotations

import functools
import math
import os
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import regex

from .limits import Bounded
from .model import ROLES, SIDES

FILES = ("cues.toml", "marks.toml", "attribution.toml", "roles.toml", "titles.toml", "wordnet.toml", "stance.toml")
TOKENS = "tokens.toml"  # read by the rule tokenizer (quotes.tokens), before any grammar is loaded
LEXICON = "lexicon.toml"  # read by scripts/lexicon.py, which writes wordnet.toml from it


class GrammarError(ValueError):
    """A grammar file that cannot be used; the message names file and line."""


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light English suffix stripper, so that words match whatever the lemmatizer made of them
    (`denies`, `denied`, a mis-lemmatized `denie` and `deny` all give `deni`)."""
    w = word.lower()
    if len(w) > 4 and w.endswith(("ies", "ied")):
        w = w[:-3] + "i"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    elif len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeioulsz":
        w = w[:-1]
    return w


def _irregular(cues: Any, c: dict[str, Any], cue_class: dict[str, str]) -> dict[str, str]:
    """cues.toml [forms.lemma]: each irregular form's stem and the cue verb it is."""
    out = {}
    for form, lemma in cues.table(cues.table(c, "forms"), "lemma").items():
        if not isinstance(lemma, str) or lemma not in cue_class:
            raise cues.fail(f'"{form}"', "needs the cue verb it is a form of")
        out[stem(form)] = lemma
    return out


def _unique_stems(verbs: Iterable[str]) -> dict[str, str]:
    """Each verb by its stem, where no other verb has that stem."""
    by: dict[str, list[str]] = {}
    for v in verbs:
        by.setdefault(stem(v), []).append(v)
        if len(v) > 3 and v[-1] == "l" and v[-2] in "aeiou" and v[-3] not in "aeiou":
            by.setdefault(stem(v) + "l", []).append(v)  # the British `signalled`, `labelled`
    return {k: vs[0] for k, vs in by.items() if len(vs) == 1}


@attrs.frozen
class StanceLexicon:
    """grammars/stance.toml: the words stance and claim linking read, kept as `stem`s."""

    negation: frozenset[str]
    refute: frozenset[str]
    refute_phrases: tuple[Bounded, ...]  # idioms that call something untrue: "made it all up"
    hedge: frozenset[str]
    hedge_pos: dict[str, frozenset[str]]  # hedge words that hedge only as these parts of speech
    months: frozenset[str]  # hedge words that are also months: no hedge in a date ("in May")
    contrast: frozenset[str]
    no_comment: tuple[Bounded, ...]
    antonyms: dict[str, frozenset[str]]  # word -> its opposites
    positive: frozenset[str]
    negative: frozenset[str]
    disapproval: frozenset[str]  # the speaker's disapproval of what follows
    canon: dict[str, str]  # word -> the first word of its [related] group
    cue_effect: dict[str, str]  # cue class -> support | oppose | neutral
    cue_class: dict[str, str]  # stem of a cue verb -> its class (cues.toml)
    labels: dict[str, str]  # another data set's label name -> support | oppose | neutral
    hearsay_classes: frozenset[str]
    commit_verbs: frozenset[str]
    rubrics: frozenset[str]  # headline labels that are not sources: "Breaking News:"
    light: frozenset[str]  # words too light to tell what a statement is about
    accusing: frozenset[str]  # a claim with these accuses the accused of its case
    exculpating: frozenset[str]  # a claim with these defends them
    case_words: frozenset[str]  # the process of a case: a party's quote that speaks of it bears on the case
    force: frozenset[str]  # acts of force and resistance: who did them tells a claim's side
    judging: frozenset[str]  # words by which a quote judges: negations, evaluative, refuting, obligation
    reversing: frozenset[str]  # predicates that undo what they are said of: "the conviction should be overturned"
    not_refuting: tuple[Bounded, ...]  # phrases in which a refuting word refutes nothing
    hearsay_forms: frozenset[str]  # reporting forms read as verbs whatever the tagger says ("Police Says")
    weights: dict[str, dict[str, float]] = {}  # label -> evidence feature -> weight (FEATURES)

    def key(self, lemma: str) -> str:
        return self.canon.get(lemma, lemma)

    def hedges(self, forms: set[str] | frozenset[str], upos: str, predicate: bool = False) -> bool:
        """A hedge word, in a use that hedges: "suspected of" and "is a suspect" but not "the suspect shot",
        "in talks" but not "talked". `predicate`: the word is what its clause says of its subject."""
        return any(f in self.hedge and (upos in self.hedge_pos.get(f, (upos,)) or predicate and upos == "NOUN")
                   for f in forms)

    def polarity(self, lemma: str) -> int:
        return 1 if lemma in self.positive else -1 if lemma in self.negative else 0


@attrs.frozen
class RoleWords:
    """What names a capacity beyond roles.toml's patterns: the legal systems' titles (titles.toml) and the
    role words derived from WordNet (wordnet.toml), each a pattern per role in the order of roles.toml."""

    before_name: tuple[tuple[str, Bounded], ...]  # short titles that count only before a name
    heads: tuple[tuple[str, Bounded], ...]  # WordNet's words, matched at the end of a head phrase
    cut: frozenset[str]  # words that end a description's head phrase ("attorney | for the family")
    lead: tuple[str, ...]  # words that open a description before its head phrase ("who is | a professor")
    genders: tuple[tuple[str, Bounded], ...]  # female | male -> WordNet's words and the honorifics

    def before(self, chain: str) -> str | None:
        """The role of a short title that ends a title chain (`Det. Sgt.`, `PC`)."""
        return next((role for role, pat in self.before_name if pat.search(chain)), None)

    def ends(self, chain: str) -> str | None:
        """The role of a role word of WordNet's that ends a title chain (`Senate Majority Leader`)."""
        text = " ".join(chain.replace("’", "'").lower().split())
        return next((role for role, pat in self.heads if pat.search(text)), None)

    def phrase(self, description: str) -> str:
        """The head phrase of a description: past its opening words, up to the first cut word (`Laci
        Peterson's stepfather`, `a professor | of criminology`, `an autopsy | released by …`)."""
        words = description.replace("’", "'").lower().split()
        while words and words[0].strip(",") in self.lead:
            words = words[1:]
        phrase = []
        for w in words:
            bare = w.strip(",.;:")
            if bare in self.cut or w.startswith(("(", '"')):
                break
            phrase.append(bare)
            if w.endswith((",", ";", ":")):
                break
        return " ".join(phrase)

    def gender(self, description: str) -> str | None:
        """`female` or `male` when the description ends in a word of one (`Mr Tomlinson's widow`, `Mr`)."""
        text = " ".join(description.replace("’", "'").lower().split())
        return next((g for g, pat in self.genders if pat.search(text)), None)

    def head(self, description: str) -> str | None:
        """The role of a description whose head phrase ends in a role word of WordNet's."""
        text = self.phrase(description)
        return next((role for role, pat in self.heads if pat.search(text)), None) if text else None


@attrs.frozen
class Grammar:
    cue_class: dict[str, str]  # verb lemma -> class
    phrases: dict[str, tuple[str, ...]]  # class -> fixed phrases ("according to")
    cue_nouns: frozenset[str]
    hearer_verbs: frozenset[str]
    object_verbs: frozenset[str]
    quoting_verbs: frozenset[str]  # verbs whose quoted object is a quotation: "calling it “a travesty”"
    quoting_forms: frozenset[str]  # their stems, for a verb the lemmatizer missed (`Calling` -> `calling`)
    infinitive_verbs: frozenset[str]
    evidence_subjects: frozenset[str]
    prepositional: dict[str, str]  # "call for" -> class
    predicative: dict[str, str]  # "accuse" -> "of": the object and what is said of it ("" for a bare predicate)
    framed: dict[str, str]  # "read" -> "document": a verb that reports only in that frame (syntax.in_frame)
    nominal: dict[str, str]  # a noun whose that-clause is what its owner said ("claim") -> class
    statement_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    statement_stop: tuple[Bounded, ...]
    statement_max_paragraphs: int
    statement_issuers: frozenset[str]  # "Statement from the family": the preposition before a heading's author
    dashes: tuple[str, ...]
    titles: frozenset[str]
    not_speakers: frozenset[str]
    quantifiers: frozenset[str]  # "both said": no speaker without an of-phrase
    dateline: Bounded | None
    speaker_label: Bounded | None  # `JONES: …`: a transcript's speaker before a colon
    not_labels: frozenset[str]
    pronouns: dict[str, dict[str, Any]]
    first_person: frozenset[str]  # pronouns of the first person ("we believe": the speaker's own view)
    self_words: frozenset[str]  # singular pronouns of a person who speaks of themself ("says she was born")
    client_possessives: frozenset[str]  # "his lawyer": third-person possessives that can stand for a client
    relative: frozenset[str]  # relative pronouns
    wh_relative: frozenset[str]  # those that never open a reported clause (not `that`)
    expletives: frozenset[str]
    reflexives: frozenset[str]
    clause_stops: frozenset[str]
    entity_filler: frozenset[str]
    articles: frozenset[str]
    complementizers: frozenset[str]  # "that": opens a reported clause
    genitives: frozenset[str]  # "of": what a noun is of
    infinitive_markers: frozenset[str]  # "to"
    definite: frozenset[str]  # "the"
    against_words: frozenset[str]  # "charges against X"
    as_clause: frozenset[str]  # "As the chief put it, …": a clause that attributes what its sentence says
    issuers: frozenset[str]  # prepositions of whom a document comes from: "a release from his attorney"
    kinds: dict[str, frozenset[str]]
    marks: dict[str, frozenset[str]]  # open_double, close_double, open_single, close_single
    apostrophe_words: frozenset[str]
    roles: tuple[tuple[str, tuple[Bounded, ...]], ...]  # (role, patterns) in priority order
    role_words: RoleWords
    suspect_verbs: frozenset[str]
    client_heads: frozenset[str]
    defended_roles: frozenset[str]
    accusing_roles: frozenset[str]  # a client of these roles is on the victim's side
    client_for: Bounded  # "an attorney for Travis McMichael": group 1 names the client, 2 a word after it
    chain_joiners: frozenset[str]
    chain_leaders: frozenset[str]  # "SHOPO President": the chain before it names the body the person leads
    context_report_verbs: tuple[str, ...]
    context_copulas: tuple[str, ...]
    context_report_words: tuple[str, ...]
    affiliation: Bounded
    affiliation_prepositions: tuple[str, ...]  # "with the Association", "a spokesman for the Office, Lt. X,"
    default_roles: dict[str, str]  # kind -> role, for a speaker no pattern matches
    precedence: tuple[tuple[str, frozenset[str], Bounded | None], ...]  # title, described, if
    sometimes_prosecuting: Bounded  # "Attorney General": a prosecutor only in a criminal process
    not_prosecuting: str  # the role of such an office in an article of no criminal process
    criminal_words: frozenset[str]  # lemmas that speak of a criminal process
    owned: Bounded  # "Alm's office": group 1 is the owner, whose role the body takes
    place_nouns: frozenset[str]  # "the city of X", "X County": X names a place, which speaks through its government
    place_role: str
    case: dict[str, Any]  # the words that make someone a party of the case, and each role's side
    stance: StanceLexicon
    cue_forms: frozenset[str]  # stems of every cue verb and its irregular forms: what makes a paragraph worth parsing
    cue_stems: dict[str, str]  # the cue verb of each stem that only one has (`shout` for a mangled `shoute`)
    sources: tuple[str, ...]

    def phrase_class(self, phrase: str) -> str | None:
        for cls, items in self.phrases.items():
            if phrase.lower() in items:
                return cls
        return None


def default_dir() -> Path:
    """The shipped grammars: `grammars/` beside the package in a source checkout, else the installed package's
    `quotes/grammars/` (a folder of data without an `__init__`, which `importlib.resources` gives only as a
    MultiplexedPath, no path a file can be opened under)."""
    here = Path(__file__).resolve().parent.parent / "grammars"
    if here.is_dir():  # a source checkout
        return here
    return Path(__file__).resolve().parent / "grammars"


def _line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return 1


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise GrammarError(f"{path}: cannot read grammar file ({e})") from e
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as e:
        found = regex.search(r"line (\d+)", str(e))  # 3.11's TOMLDecodeError has no lineno attribute
        where = f"{path}:{found.group(1)}" if found else str(path)
        raise GrammarError(f"{where}: invalid TOML: {e}") from e


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        elif isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = out[k] + [x for x in v if x not in out[k]]
        else:
            out[k] = v
    return out


class _Checker:
    """Type checks that point at the line of the offending key."""

    def __init__(self, path: Path, raw: str):
        self.path, self.raw = path, raw

    def fail(self, key: str, what: str) -> GrammarError:
        return GrammarError(f"{self.path}:{_line_of(self.raw, key)}: {key}: {what}")

    def strings(self, table: dict[str, Any], key: str) -> list[str]:
        v = table.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise self.fail(key, "must be a list of non-empty strings")
        return v

    def table(self, table: dict[str, Any], key: str) -> dict[str, Any]:
        v = table.get(key, {})
        if not isinstance(v, dict):
            raise self.fail(key, "must be a table")
        return v


def _compile(pattern: str, flags: int = 0) -> Bounded:
    """A grammar pattern, compiled and bounded by the time bound of the document it reads (quotes.limits)."""
    return Bounded(regex.compile(pattern, flags))


def _pattern(check: _Checker, table: dict[str, Any], key: str) -> Bounded | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise check.fail(key, "must be a string (a regular expression)")
    try:
        return _compile(value)
    except regex.error as e:
        raise check.fail(key, f"bad pattern: {e}") from e


class _Read(dict):  # type: ignore[type-arg]
    """A grammar table that notes which of its keys the loader read. A key it never read is one the engine
    does not know (`[negaton]`, `verb = [...]`): reported, where it would otherwise silently do nothing."""

    def __init__(self, table: dict[str, Any], path: tuple[str, ...], seen: set[tuple[str, ...]]):
        super().__init__((k, _wrap(v, (*path, k), seen)) for k, v in table.items())
        self.path, self.seen = path, seen

    def _all(self) -> None:
        self.seen.update((*self.path, k) for k in dict.keys(self))

    def get(self, key: str, default: Any = None) -> Any:
        self.seen.add((*self.path, key))
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.seen.add((*self.path, key))
        return super().__getitem__(key)

    def __iter__(self) -> Any:
        self._all()
        return super().__iter__()

    def items(self) -> Any:
        self._all()
        return super().items()

    def values(self) -> Any:
        self._all()
        return super().values()

    def keys(self) -> Any:
        self._all()
        return super().keys()


def _wrap(value: Any, path: tuple[str, ...], seen: set[tuple[str, ...]]) -> Any:
    if isinstance(value, dict):
        return _Read(value, path, seen)
    if isinstance(value, list):
        return [_wrap(v, (*path, str(k)), seen) if isinstance(v, dict) else v for k, v in enumerate(value)]
    return value


def _unread(value: Any, path: tuple[str, ...], seen: set[tuple[str, ...]]) -> Iterator[tuple[str, ...]]:
    """The key paths under `value` the loader never read (a table unread is named, not its keys)."""
    if isinstance(value, dict):
        for k, v in dict.items(value):
            if (*path, k) not in seen:
                yield (*path, k)
            else:
                yield from _unread(v, (*path, k), seen)
    elif isinstance(value, list):
        for k, v in enumerate(value):
            yield from _unread(v, (*path, str(k)), seen)


def load(user_dir: str | os.PathLike[str] | None = None) -> Grammar:
    dirs = [default_dir()] + ([Path(user_dir)] if user_dir else [])
    data: dict[str, dict[str, Any]] = {}
    raws: dict[str, tuple[Path, str]] = {}
    for d in dirs:
        if not d.is_dir():
            raise GrammarError(f"{d}: grammar folder not found")
        known = (*FILES, TOKENS, LEXICON) if d == dirs[0] else FILES
        strays = sorted(p.name for p in d.glob("*.toml") if p.name not in known)
        if strays:
            raise GrammarError(f"{d / strays[0]}: not a grammar file (the files are {', '.join(FILES)}; the tokenizer "
                               f"reads only the shipped {TOKENS})")
        for name in FILES:
            path = d / name
            if not path.is_file():
                if d == dirs[0]:
                    raise GrammarError(f"{path}: missing grammar file")
                continue
            parsed, raw = _read(path)
            data[name] = _merge(data.get(name, {}), parsed)
            raws[name] = (path, raw)
    return _build(data, raws)


def _words(check: _Checker, table: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in check.strings(table, key))


def _stems(check: _Checker, table: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _words(check, table, key))


def _groups(check: _Checker, data: dict[str, Any], key: str, size: int | None) -> list[list[str]]:
    groups = check.table(data, key).get("pairs" if size == 2 else "groups", [])
    ok = isinstance(groups, list) and all(
        isinstance(g, list) and len(g) >= 2 and (size is None or len(g) == size)
        and all(isinstance(w, str) and w.strip() for w in g) for g in groups)
    if not ok:
        raise check.fail(key, f"must be a list of lists of {size or 'two or more'} non-empty strings")
    return [[stem(w.strip()) for w in g] for g in groups]


def _patterns(check: _Checker, table: dict[str, Any], key: str) -> tuple[Bounded, ...]:
    out = []
    for pat in check.strings(table, key):
        try:
            out.append(_compile(pat))
        except regex.error as e:
            raise check.fail(pat[:30], f"bad pattern: {e}") from e
    return tuple(out)


VERBAL = frozenset({"VERB", "ADJ", "AUX"})
FRAMES = frozenset({"document", "as it"})  # cues.toml [framed]


FEATURES = ("bias", "refutes", "signals", "hedged", "hedges", "reported", "question", "coverage", "predicate",
            "proposition")  # the keys of stance.toml [weights]: the evidence quotes.stances.features computes


def _weights(check: _Checker, d: dict[str, Any]) -> dict[str, dict[str, float]]:
    """[weights]: per label, a weight for each evidence feature (FEATURES), as bench/stance_weights.py writes
    them; none, and the rule decides."""
    table = check.table(d, "weights")
    if table and set(table) != {"support", "oppose", "neutral"}:
        raise check.fail("weights", "the [weights] tables are support, oppose and neutral")
    out = {}
    for label, ws in table.items():
        if not isinstance(ws, dict) or set(ws) - set(FEATURES) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in ws.values()):
            raise check.fail(label, f"weights are finite numbers for the features {', '.join(FEATURES)}")
        out[label] = {k: float(v) for k, v in ws.items()}
    return out


def _stance(check: _Checker, d: dict[str, Any], cue_class: dict[str, str]) -> StanceLexicon:
    canon: dict[str, str] = {}
    for group in _groups(check, d, "related", None):
        for w in group:
            canon.setdefault(w, group[0])
    antonyms: dict[str, set[str]] = {}  # by stem and by [related] key, both ways
    for a, b in _groups(check, d, "antonyms", 2):
        for x, y in ((a, b), (b, a), (canon.get(a, a), canon.get(b, b)), (canon.get(b, b), canon.get(a, a))):
            antonyms.setdefault(x, set()).add(y)
    hearsay = check.table(d, "hearsay")
    hedge = check.table(d, "hedge")
    effect: dict[str, str] = {}
    cue = check.table(d, "cue")
    for label in cue:
        if label not in ("support", "oppose", "neutral"):
            raise check.fail(f"{label} =", "the [cue] keys are support, oppose and neutral")
        effect.update((cls, label) for cls in check.strings(cue, label))
    polarity = check.table(d, "polarity")
    labels = check.table(d, "labels")
    for label in labels:
        if label not in ("support", "oppose", "neutral"):
            raise check.fail(f"{label} =", "the [labels] keys are support, oppose and neutral")
    return StanceLexicon(
        labels={name.lower(): label for label in labels for name in check.strings(labels, label)},
        negation=_words(check, check.table(d, "negation"), "words"),
        refute=_stems(check, check.table(d, "refute"), "words"),
        refute_phrases=_patterns(check, check.table(d, "refute"), "phrases"),
        hedge=_stems(check, hedge, "words") | _stems(check, hedge, "verbs") | _stems(check, hedge, "nouns"),
        hedge_pos={**{w: VERBAL for w in _stems(check, hedge, "verbs")},
                   **{w: frozenset({"NOUN"}) for w in _stems(check, hedge, "nouns")}},
        months=_words(check, hedge, "months"),
        contrast=_words(check, check.table(d, "contrast"), "words"),
        no_comment=_patterns(check, check.table(d, "no_comment"), "patterns"),
        hearsay_classes=_words(check, hearsay, "classes"), commit_verbs=_stems(check, hearsay, "commit"),
        rubrics=_words(check, hearsay, "rubrics"), hearsay_forms=_words(check, hearsay, "forms"),
        light=_words(check, check.table(d, "light"), "words"),
        accusing=_stems(check, check.table(d, "sides"), "accusing"),
        exculpating=_stems(check, check.table(d, "sides"), "exculpating"),
        reversing=_stems(check, check.table(d, "sides"), "reversing"),
        case_words=_stems(check, check.table(d, "sides"), "case"),
        force=frozenset(canon.get(w, w) for w in _stems(check, check.table(d, "sides"), "force")),
        judging=(_stems(check, check.table(d, "sides"), "judging") | _stems(check, polarity, "positive")
                 | _stems(check, polarity, "negative") | _stems(check, polarity, "disapproval")
                 | _stems(check, check.table(d, "refute"), "words")
                 | frozenset(stem(w) for w in _words(check, check.table(d, "negation"), "words"))),
        not_refuting=_patterns(check, check.table(d, "refute"), "not_refuting"),
        cue_class={stem(v): c for v, c in cue_class.items()}, antonyms={k: frozenset(v) for k, v in antonyms.items()},
        positive=_stems(check, polarity, "positive"), negative=_stems(check, polarity, "negative"),
        disapproval=_stems(check, polarity, "disapproval"),
        canon=canon, cue_effect=effect, weights=_weights(check, d))


def _pronouns(check: _Checker, a: dict[str, Any]) -> dict[str, Any]:
    pronouns = check.table(a, "pronouns")
    for word, feats in pronouns.items():
        if not isinstance(feats, dict) or not isinstance(feats.get("kinds", []), list) \
                or feats.get("person", 3) not in (1, 2, 3) or not isinstance(feats.get("possessive", False), bool):
            raise check.fail(f"{word} =", "a pronoun needs a table with a `kinds` list, `person` 1, 2 or 3 and "
                                          "`possessive` true or false")

    def having(test: Any) -> frozenset[str]:
        return frozenset(w for w, f in pronouns.items() if test(f))

    return dict(
        pronouns={w: dict(f) for w, f in pronouns.items()},
        first_person=having(lambda f: f.get("person") == 1),
        self_words=having(lambda f: f.get("number") == "singular" and "person" in f.get("kinds", ())),
        client_possessives=having(lambda f: f.get("possessive") and f.get("person") == 3
                                  and "person" in f.get("kinds", ())))


def _cues(cues: _Checker, c: dict[str, Any]) -> dict[str, Any]:
    cue_class: dict[str, str] = {}
    for cls, body in cues.table(c, "classes").items():
        if not isinstance(body, dict):
            raise cues.fail(f"[classes.{cls}]", "must be a table with a `verbs` list")
        for verb in cues.strings(body, "verbs"):
            lemma = verb.strip().lower()
            if lemma in cue_class and cue_class[lemma] != cls:
                raise cues.fail(f'"{verb}"', f"verb is in two classes: {cue_class[lemma]} and {cls}")
            cue_class[lemma] = cls
    prepositional = cues.table(c, "prepositional")
    for pair, cls in prepositional.items():
        if len(pair.split()) != 2 or not isinstance(cls, str):
            raise cues.fail(f'"{pair}"', 'needs the form "verb preposition" = "class"')
    predicative = cues.table(c, "predicative")
    for verb, marker in predicative.items():
        if not isinstance(marker, str) or len(marker.split()) > 1:
            raise cues.fail(f'"{verb}"', 'needs a verb = "its marker" (one word, or "" for none)')
    framed = cues.table(c, "framed")
    for verb, frame in framed.items():
        if frame not in FRAMES:
            raise cues.fail(f'"{verb}"', f"needs a frame, one of {sorted(FRAMES)}")
        if verb.lower() in cue_class:
            raise cues.fail(f'"{verb}"', "is a cue of its own: a frame would only narrow it")
        cue_class[verb.lower()] = "assert"
    for verb in cues.strings(cues.table(c, "object"), "verbs"):
        if verb.strip().lower() not in cue_class:
            raise cues.fail(f'"{verb}"', "is in [object] but in no cue class: its object would never be read")
    quoting = frozenset(cues.strings(cues.table(c, "quoting"), "verbs"))
    forms = ({stem(v) for v in cue_class} | {stem(v) for v in cues.strings(cues.table(c, "forms"), "irregular")}
             | {stem(v) for v in quoting})
    return dict(
        cue_class=cue_class, cue_forms=frozenset(forms),
        cue_stems=_unique_stems(cue_class) | _irregular(cues, c, cue_class),
        phrases={cls: tuple(p.lower() for p in cues.strings(cues.table(c, "phrases"), cls))
                 for cls in cues.table(c, "phrases")},
        cue_nouns=frozenset(n for v in cues.table(c, "nouns").values() for n in (v if isinstance(v, list) else [])),
        statement_verbs=frozenset(cues.strings(cues.table(c, "statement"), "verbs")),
        hearer_verbs=frozenset(cues.strings(cues.table(c, "hearer"), "verbs")),
        object_verbs=frozenset(cues.strings(cues.table(c, "object"), "verbs")),
        quoting_verbs=quoting, quoting_forms=frozenset(stem(v) for v in quoting),
        evidence_subjects=frozenset(cues.strings(cues.table(c, "evidence"), "subjects")),
        infinitive_verbs=frozenset(cues.strings(cues.table(c, "infinitive"), "verbs")),
        prepositional={k.lower(): v for k, v in prepositional.items()},
        predicative={k.lower(): v.lower() for k, v in predicative.items()},
        framed={k.lower(): v for k, v in framed.items()},
        nominal={n.lower(): cls for cls, _ in cues.table(c, "nominal").items()
                 for n in cues.strings(cues.table(c, "nominal"), cls)})


def _attribution(att: _Checker, a: dict[str, Any]) -> dict[str, Any]:
    st = att.table(a, "statement")
    maxp = st.get("max_paragraphs", 12)
    if not isinstance(maxp, int) or isinstance(maxp, bool) or maxp < 1:
        raise att.fail("max_paragraphs", "must be a positive whole number")
    relative = att.table(a, "relative")
    return dict(
        statement_nouns=frozenset(att.strings(st, "nouns")), statement_stop=_patterns(att, st, "stop"),
        statement_issuers=_words(att, st, "issuers"),
        statement_max_paragraphs=maxp, dashes=tuple(att.strings(a, "dashes")),
        titles=frozenset(t.lower().rstrip(".") for t in att.strings(a, "titles")),
        not_speakers=_words(att, a, "not_speakers"), quantifiers=_words(att, a, "quantifiers"),
        dateline=_pattern(att, a, "dateline"),
        speaker_label=_pattern(att, a, "speaker_label"), not_labels=_words(att, a, "not_labels"),
        kinds={k: frozenset(x.lower() for x in att.strings(att.table(a, "kinds"), k)) for k in att.table(a, "kinds")},
        relative=_words(att, relative, "pronouns"), wh_relative=_words(att, relative, "wh"),
        expletives=_words(att, a, "expletives"), reflexives=_words(att, a, "reflexives"),
        clause_stops=_words(att, a, "clause_stops"), entity_filler=_words(att, att.table(a, "entities"), "filler"),
        articles=_words(att, a, "articles"),
        complementizers=_words(att, att.table(a, "function"), "complementizers"),
        genitives=_words(att, att.table(a, "function"), "genitives"),
        infinitive_markers=_words(att, att.table(a, "function"), "infinitive"),
        definite=_words(att, att.table(a, "function"), "definite"),
        against_words=_words(att, att.table(a, "function"), "against"), issuers=_words(att, a, "issuers"),
        as_clause=_words(att, att.table(a, "function"), "as_clause"),
        **_pronouns(att, a))


def _marks(mk: _Checker, m: dict[str, Any]) -> dict[str, Any]:
    marks: dict[str, set[str]] = {f"{d}_{lv}": set() for d in ("open", "close") for lv in ("double", "single")}
    pairs = m.get("pair", [])
    if not isinstance(pairs, list):
        raise mk.fail("[[pair]]", "must be an array of tables")
    for pair in pairs:
        level = pair.get("level") if isinstance(pair, dict) else None
        if level not in ("double", "single"):
            raise mk.fail("level", 'must be "double" or "single"')
        for side in ("open", "close"):
            if not mk.strings(pair, side):
                raise mk.fail(side, "a mark pair needs at least one open and one close mark")
            marks[f"{side}_{level}"].update(mk.strings(pair, side))
    return dict(marks={k: frozenset(v) for k, v in marks.items()},
                apostrophe_words=frozenset(mk.strings(m, "apostrophe_words")))


def _title_pattern(words: list[str]) -> str:
    """`dist. atty.` -> a pattern with each period optional and any spaces between the words."""
    return "|".join(r"\s*".join(regex.escape(w.rstrip(".")) + (r"\.?" if w.endswith(".") else "") for w in t.split())
                    for t in words)


def _titles(tk: _Checker, td: dict[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]], frozenset[str]]:
    """titles.toml: (role -> patterns anywhere, role -> patterns before a name only, title words)."""
    anywhere: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    words: set[str] = set()
    entries = td.get("title", [])
    if not isinstance(entries, list):
        raise tk.fail("[[title]]", "must be an array of tables")
    for entry in entries:
        role, source, short = entry.get("role"), entry.get("source"), entry.get("before_name", False)
        if role not in ROLES:
            raise tk.fail(f'"{role}"', f"unknown role (the roles are: {', '.join(ROLES)})")
        if not isinstance(source, str) or not source.strip():
            raise tk.fail("source", "each title says where it comes from")
        if not isinstance(short, bool):
            raise tk.fail("before_name", "must be true or false")
        titles = [t.lower() for t in tk.strings(entry, "words")]
        (before if short else anywhere).setdefault(role, []).append(_title_pattern(titles))
        words.update(w.rstrip(".") for t in titles for w in t.split() if short or w.endswith("."))
    return anywhere, before, frozenset(words)


def _alternation(words: list[str]) -> str:
    """The words as one regex alternation, the longest first, any spaces between a phrase's words."""
    return "|".join(r"\s+".join(regex.escape(x) for x in w.split()) for w in sorted(words, key=len, reverse=True))


def _client_for(client: dict[str, Any], rd_chain: dict[str, Any], rk: _Checker) -> Bounded:
    """`an attorney for Travis McMichael`, `who represents Tom Reyes`: group 1 names the client (capitalised
    words), group 2 is a lower-case word after it (`the Bell family`)."""
    heads, preps = _alternation(rk.strings(client, "heads")), _alternation(rk.strings(client, "prepositions"))
    lawyer = "(?:" + heads + r")\s+(?:" + preps
    links = _alternation(rk.strings(client, "links"))
    joiners = _alternation(rk.strings(rd_chain, "joiners"))
    return _compile(r"\b(?i:(?:" + lawyer + ")|" + links + r")\s+(?:(?:" + joiners + r")\s+)?)"
                         r"(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})(?:\s+(\p{Ll}[\p{L}-]*))?")


def _role_words(wk: _Checker, wd: dict[str, Any], order: list[str], before: dict[str, list[str]],
                rd: dict[str, Any], rk: _Checker) -> RoleWords:
    tables = wk.table(wd, "roles")
    for role in tables:
        if role not in ROLES:
            raise wk.fail(f"[roles.{role}]", f"unknown role (the roles are: {', '.join(ROLES)})")
    heads = []
    for role in order:
        found = [w.lower() for w in wk.strings(wk.table(tables, role), "words")] if role in tables else []
        if found:
            alts = _alternation(found)
            heads.append((role, _compile(r"(?<![\w'])(?:" + alts + r")(?:s|es)?$")))
    short = tuple((role, _compile(r"(?<![\w])(?:" + "|".join(before[role]) + r")$", regex.IGNORECASE))
                  for role in order if role in before)
    head = rk.table(rd, "head")
    genders = []
    honorifics = rk.table(rd, "honorifics")
    for gender, table in wk.table(wd, "genders").items():
        if gender not in ("female", "male"):
            raise wk.fail(f"[genders.{gender}]", "the genders are female and male")
        found = [w.lower() for w in wk.strings(table, "words")] + [h.lower() for h in rk.strings(honorifics, gender)]
        alts = _alternation(found)
        genders.append((gender, _compile(r"(?<![\w'])(?:" + alts + r")(?:s|es)?\.?$")))
    return RoleWords(before_name=short, heads=tuple(heads), cut=_words(rk, head, "cut"),
                     lead=tuple(rk.strings(head, "lead")), genders=tuple(genders))


def _role_patterns(rk: _Checker, rd: dict[str, Any], titles: dict[str, list[str]]
                   ) -> tuple[tuple[str, tuple[Bounded, ...]], ...]:
    roles = []
    tables = rk.table(rd, "roles")
    for role in rk.strings(rd, "order"):
        if role not in ROLES:
            raise rk.fail(f'"{role}"', f"unknown role (the roles are: {', '.join(ROLES)})")
        body = tables.get(role)
        if not isinstance(body, dict):
            raise rk.fail("order", f"role {role} has no [roles.{role}] table")
        pats = []
        if not isinstance(body.get("singular", False), bool):
            raise rk.fail("singular", "must be true or false")
        plural = "" if body.get("singular") else "(?:s|es)?"
        for pat in titles.get(role, []) + rk.strings(body, "patterns"):
            try:
                pats.append(_compile(r"(?<![\w])(?:" + pat + r")" + plural + r"(?![\w])", regex.IGNORECASE))
            except regex.error as e:
                raise rk.fail(pat[:40], f"bad pattern: {e}") from e
        roles.append((role, tuple(pats)))
    for role in tables:
        if role not in ROLES:
            raise rk.fail(f"[roles.{role}]", f"unknown role (the roles are: {', '.join(ROLES)})")
    return tuple(roles)


def _case(rk: _Checker, rd: dict[str, Any]) -> dict[str, Any]:
    case = rk.table(rd, "case")
    words = {k: frozenset(w.lower() for w in rk.strings(case, k))
             for k in ("accused_verbs", "victim_verbs", "plaintiff_verbs", "victim_nouns", "accused_nouns",
                       "declining_verbs", "defendant_verbs", "facing_verbs", "facing_objects", "against_nouns")}
    keeps = rk.strings(case, "accused_keeps")
    if case.get("accused_role") not in ROLES or any(r not in ROLES for r in keeps):
        raise rk.fail("accused_role", f"accused_role and accused_keeps name roles ({', '.join(ROLES)})")
    words["accused_keeps"] = frozenset(keeps)
    sides = rk.table(case, "sides")
    for role, side in sides.items():
        if role not in ROLES or side not in SIDES:
            raise rk.fail(f"{role} =", "a side is `role = \"accusing\"` or `\"defending\"`, for a role of the output")
    return {**words, "accused_role": case["accused_role"], "sides": dict(sides)}


def _role(rk: _Checker, table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    if value not in ROLES:
        raise rk.fail(key, f"must name a role (the roles are: {', '.join(ROLES)})")
    return str(value)


def _role_rules(rk: _Checker, rd: dict[str, Any], tk: _Checker, td: dict[str, Any], wk: _Checker,
                wd: dict[str, Any]) -> dict[str, Any]:
    anywhere, before, title_words = _titles(tk, td)
    client, context, aff = rk.table(rd, "client"), rk.table(rd, "context"), rk.table(rd, "affiliation")
    defaults = rk.table(rd, "defaults")
    for kind, role in defaults.items():
        if role not in ROLES:
            raise rk.fail(f"{kind} =", f"unknown role (the roles are: {', '.join(ROLES)})")
    precedence = []
    for rule in rd.get("precedence", []):
        if not isinstance(rule, dict) or rule.get("title") not in ROLES:
            raise rk.fail("[[precedence]]", "needs `title`, a role, and `described`, a list of roles")
        described = rk.strings(rule, "described")
        if not described or any(r not in ROLES for r in described):
            raise rk.fail("described", f"must list roles (the roles are: {', '.join(ROLES)})")
        precedence.append((rule["title"], frozenset(described), _pattern(rk, rule, "if")))
    heads = "|".join(rk.strings(aff, "heads"))
    preps = "|".join(regex.escape(w) for w in rk.strings(aff, "prepositions"))
    joiners = _alternation(rk.strings(rk.table(rd, "chain"), "joiners"))
    return dict(
        roles=_role_patterns(rk, rd, anywhere), role_words=_role_words(wk, wd, rk.strings(rd, "order"), before, rd, rk),
        title_words=title_words, suspect_verbs=frozenset(rk.strings(rk.table(rd, "suspect_by"), "verbs")),
        client_heads=frozenset(rk.strings(client, "heads")), defended_roles=frozenset(rk.strings(client, "defended")),
        accusing_roles=frozenset(rk.strings(client, "accusing")),
        client_for=_client_for(client, rk.table(rd, "chain"), rk),
        chain_joiners=_words(rk, rk.table(rd, "chain"), "joiners"),
        chain_leaders=_words(rk, rk.table(rd, "chain"), "leaders"),
        context_report_verbs=tuple(rk.strings(context, "report_verbs")),
        context_copulas=tuple(rk.strings(context, "copulas")),
        context_report_words=tuple(rk.strings(context, "report_words")),
        affiliation=_compile(rf"\b(?:{preps})\s+(?:(?:{joiners})\s+)?((?:\p{{Lu}}[\p{{L}}.'’-]*\s+(?:(?:{joiners})\s+)?){{0,6}}"
                                  rf"(?:{heads}))"),
        affiliation_prepositions=tuple(rk.strings(aff, "prepositions")), case=_case(rk, rd),
        default_roles=dict(defaults), precedence=tuple(precedence),
        sometimes_prosecuting=_compile("|".join(rk.strings(rk.table(rd, "sometimes_prosecuting"), "patterns")),
                                            regex.IGNORECASE),
        not_prosecuting=_role(rk, rk.table(rd, "sometimes_prosecuting"), "otherwise"),
        criminal_words=_words(rk, rk.table(rd, "sometimes_prosecuting"), "criminal"),
        owned=_compile(r"^(?:(?:" + joiners + r")\s+)?((?:\p{L}[\p{L}.-]*\s+){0,3}\p{L}[\p{L}.-]*)'s?\s+(?i:"
                            + "|".join(regex.escape(w) for w in rk.strings(rk.table(rd, "owned"), "heads")) + r")$"),
        place_nouns=_words(rk, rk.table(rd, "places"), "nouns"), place_role=_role(rk, rk.table(rd, "places"), "role"))


def _build(data: dict[str, dict[str, Any]], raws: dict[str, tuple[Path, str]]) -> Grammar:
    seen: set[tuple[str, ...]] = set()
    read = {name: _Read(table, (name,), seen) for name, table in data.items()}
    cues = _cues(_Checker(*raws["cues.toml"]), read["cues.toml"])
    attribution = _attribution(_Checker(*raws["attribution.toml"]), read["attribution.toml"])
    roles = _role_rules(_Checker(*raws["roles.toml"]), read["roles.toml"], _Checker(*raws["titles.toml"]),
                        read["titles.toml"], _Checker(*raws["wordnet.toml"]), read["wordnet.toml"])
    attribution["titles"] |= roles.pop("title_words")  # `PC`, `Dist.`: left out of a person's name
    grammar = Grammar(
        **cues, **attribution, **_marks(_Checker(*raws["marks.toml"]), read["marks.toml"]), **roles,
        stance=_stance(_Checker(*raws["stance.toml"]), read["stance.toml"], cues["cue_class"]),
        sources=tuple(str(p) for p, _ in raws.values()),
    )
    for name, table in data.items():
        for path in _unread(table, (name,), seen):
            key = next(k for k in reversed(path) if not k.isdigit())
            raise _Checker(*raws[name]).fail(key, "no such table or key in this file (misspelt?); nothing reads it")
    _known_classes(grammar, _Checker(*raws["stance.toml"]), _Checker(*raws["cues.toml"]))
    return grammar


def _known_classes(g: Grammar, stance: _Checker, cues: _Checker) -> None:
    """Every cue class named outside [classes] is one that exists: a misspelt class matches no cue."""
    classes = set(g.cue_class.values()) | set(g.phrases)
    named = [(stance, cls) for cls in (*g.stance.cue_effect, *g.stance.hearsay_classes)]
    named += [(cues, cls) for cls in (*g.prepositional.values(), *g.nominal.values())]
    for check, cls in named:
        if cls not in classes:
            raise check.fail(f'"{cls}"', f"no cue class of this name (the classes are {', '.join(sorted(classes))})")
