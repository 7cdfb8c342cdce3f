"""Speakers: a candidate's speaker mention resolved to a name and a kind.

* a mention's kind comes from its head word: a pronoun, the grammar's kind lexicons (organization, group,
  document, anonymous), a proper name (person unless the name's words are an organisation's), NER as a hint;
* a person's name leaves titles out (`Attorney Al Watkins` → `Al Watkins`); a short name takes the fullest
  form of the same name in the document (`Roorda` → `Jeff Roorda`);
* an apposition gives the name to a descriptor (`Stockley's partner, Brian Bianchi,`); a descriptor with
  `the` (`the finance director`, `the officer`) takes the person introduced with that title earlier;
* a pronoun takes the nearest earlier speaker of a compatible kind, else the nearest earlier named person;
* a relative pronoun (`Jones, who said …`) speaks for the noun its clause hangs from.

`speaker(n, found, earlier)` is a function of the candidate and the speakers resolved before it (in text
order): the resolve stage folds it over a document's candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import regex

from ..find import Found
from ..model import Speaker
from ..parse import UNKNOWN
from ..syntax import full_mention, mention
from . import roles
from .names import Names

CONFIDENCE = {"explicit": 0.9, "apposition": 0.85, "coreference": 0.7, "continuation": 0.6, "none": 0.0}
# `Its president, Denise Walker, said`, `A spokesman for the Sheriff's Office, Lt. Dean Harper, said`
APPOSITIVE_NAME = r"(?:\s+(?:{preps})\s[^,;:]{{1,60}})?,\s*(\p{{Lu}}[\p{{L}}.'’-]*(?:\s+\p{{Lu}}[\p{{L}}.'’-]*){{0,4}}),"


@attrs.frozen(slots=True)
class Resolved:
    """A candidate's speaker, and the mention it stands for (for `Jones, who …`, the mention of Jones):
    what entities and roles are read from."""

    speaker: Speaker
    mention: Speaker | None


def kind(n: Names, head: int | None, text: str) -> str:
    low = text.lower()
    k = n.g.kinds
    if any(a in low for a in k.get("anonymous", ())) and not any(w[:1].isupper() for w in text.split()[1:]):
        return "anonymous"
    if head is None:
        words = text.split()
        if words and all(w[:1].isupper() for w in words if w.isalpha()):  # a name, or a headline's `Poll`
            if words[-1].lower() in k.get("document", ()):
                return "document"
            return "organization" if any(w.lower() in k.get("organization", ()) for w in words) else "person"
        return "unknown"
    w = n.p.words[head]
    lemma, form = w.lemma.lower(), w.text.lower()
    if w.upos == "PRON":
        return "person"
    if w.upos == "PROPN" or (n.degraded and n.name_words(head)):
        org = k.get("organization", ())
        # `Fraternal Order of Police`: the head or an of-phrase names an organisation
        of_org = n.memo("pattern", "of an organisation", lambda: regex.compile(
            rf"\b(?:{_alternation(n.g.genitives)})\s+(?:(?:{_alternation(n.g.articles)})\s+)?(\w+)", regex.IGNORECASE)
        ).search(text[text.lower().find(w.text.lower()):] if w.text in text else "")
        if w.lemma.lower() in org or w.text.lower() in org or (of_org and of_org.group(1).lower() in org):
            return "organization"
        return "person"
    if lemma in k.get("document", ()) or form in k.get("document", ()):
        return "document"
    if form in k.get("collective", ()) or (lemma in k.get("organization", ()) and "Number=Plur" not in w.feats):
        return "organization"
    if form in k.get("group", ()) or "Number=Plur" in w.feats:
        return "group"  # `prosecutors`, `Use-of-force experts`, `civil rights groups`
    return "person"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words))


def _appos_name(n: Names, head: int) -> str | None:
    p = n.p
    for c in p.children[head]:
        if p.words[c].deprel == "appos" and (p.words[c].upos == "PROPN" or n.degraded):
            return n.person_name(c)
    return None


def _appos_text(n: Names, end: int) -> str | None:
    """A name set off by commas right after a common-noun mention, read from the text."""
    pattern = n.memo("pattern", "appositive", lambda: regex.compile(APPOSITIVE_NAME.format(
        preps="|".join(regex.escape(w) for w in n.g.affiliation_prepositions))))
    m = pattern.match(n.p.text, end)
    if not m:
        return None
    words = [t for t in m.group(1).split() if not n.is_title(t)]
    if not words or len(words) > 4:
        return None
    return n.fullest(" ".join(words))


def _descriptor(n: Names, head: int) -> str | None:
    """`the finance director` → a person introduced as `Finance Director Mark Hartenstein` or with an
    apposition `…, the finance director`: the one before the mention, else (`The lawyer … said. … lawyer
    Jean Marchetti said`) the first one after it."""
    p = n.p
    w = p.words[head]
    if w.upos != "NOUN" or not any(p.words[c].lemma.lower() in n.g.definite for c in p.children[head]):
        return None
    lemma = w.lemma.lower()
    best = None
    for x in list(p.words[:head]) + list(p.words[head + 1:]):
        if best is not None and x.i > head:
            break
        if x.lemma.lower() != lemma or x.i == head:
            continue
        # a title right before a name: `Finance Director Mark Hartenstein`, `officer Christopher Dorner`
        run = []
        for y in p.words[x.i + 1:x.i + 6]:
            if y.upos == "PROPN" and not n.is_title(y.text):
                run.append(y)
            elif run or not n.is_title(y.text):
                break
        if run:
            best = n.fullest(" ".join(z.text for z in run))
        elif x.deprel == "appos" and p.words[x.head].upos == "PROPN":
            best = n.person_name(x.head) or best
    return best


def _after_title(n: Names, head: int) -> str | None:
    """A mention that is only a title (`said Ald.` with the name cut off into the next sentence, `Attorney`
    with `General Ann Vole` hung elsewhere): the name right after it and any further titles."""
    p = n.p
    if not n.is_title(p.words[head].text):
        return None
    run: list[str] = []
    for w in p.words[head + 1:head + 7]:
        if w.upos != "PROPN" or (run and n.is_title(w.text)):
            break
        if not n.is_title(w.text):
            run.append(w.text)
    return n.fullest(" ".join(run)) if run else None


def pronoun(n: Names, pron: str, at: int, earlier: Sequence[Speaker]) -> tuple[str | None, str, str]:
    """The nearest compatible antecedent: a speaker of the same paragraph, a named subject of the same
    paragraph, an earlier speaker, an earlier named person — in that order."""
    feats = n.g.pronouns.get(pron, {})
    kinds = feats.get("kinds", ["person"])
    para = n.layout.paragraph_at(at)

    def agrees(name: str) -> bool:  # `he` never stands for `Mr Tomlinson’s widow Julia`
        found = roles.gender(n, name) if feats.get("gender") else None
        return found is None or found == feats["gender"]

    for sp in reversed(earlier):
        if (sp.name and sp.kind in kinds and sp.start is not None and sp.start < at
                and n.layout.paragraph_at(sp.start) == para and agrees(sp.name)):
            return sp.name, sp.kind, "coreference"
    singular_person = "person" in kinds and feats.get("number") == "singular"
    if singular_person:
        lo = n.layout.paragraphs[para][0] if n.layout.paragraphs else 0
        for w in (n.p.words[i] for i in reversed(n.p.words_in(lo, at)[-300:])):  # the nearest first
            if w.upos == "PROPN" and (w.deprel in ("nsubj", "appos") or n.p.words[w.head].deprel in ("nsubj", "appos")):
                name = n.person_name(w.i if w.deprel in ("nsubj", "appos") else w.head)
                if name and kind(n, w.i, name) == "person" and agrees(name):
                    return name, "person", "coreference"
    for sp in reversed(earlier):
        if sp.name and sp.kind in kinds and (sp.start or 0) < at and agrees(sp.name):
            if feats.get("number") == "singular" and sp.kind == "group":
                continue
            return sp.name, sp.kind, "coreference"
    if singular_person:
        before = [name for s, name in n.persons if s < at and agrees(n.fullest(name))]
        if before:
            return n.fullest(before[-1]), "person", "coreference"
    return None, kinds[0], "none"


def _relative(n: Names, f: Found, earlier: Sequence[Speaker]) -> Resolved | None:
    """`Jones, who said …`: the mention is `who`, the speaker the noun its clause hangs from."""
    p = n.p
    head = f.speaker_head
    if head is None or p.words[head].lemma.lower() not in n.g.relative or p.words[head].head < 0:
        return None
    verb = p.words[head].head
    antecedent = p.words[verb].head if p.words[verb].deprel.startswith("acl") else -1
    if antecedent < 0:
        return None
    them = speaker(n, attrs.evolve(f, speaker_head=antecedent, speaker_span=None), earlier).speaker
    w = p.words[head]
    sp = Speaker(text=w.text, start=w.start, end=w.end, name=them.name, kind=them.kind,
                 resolution="coreference", confidence=CONFIDENCE["coreference"])
    return Resolved(sp, them if them.name else None)


def _issuer(n: Names, head: int | None) -> int | None:
    """`a release from Kerrick’s attorney`, `the statement by the family`: a document that speaks for the
    person or body it comes from (the grammar's issuer prepositions); and a statement (not a filing) that
    speaks for its owner (`the union's statement said`: the union)."""
    if head is None:
        return None
    p = n.p
    lemma = p.words[head].lemma.lower()
    if lemma not in n.g.kinds.get("document", ()) and lemma not in n.g.statement_nouns:
        return None
    for c in p.kids(head, "nmod"):
        cases = [p.words[k].lemma.lower() for k in p.kids(c, "case")]
        if any(x in n.g.issuers for x in cases) and p.words[c].upos in ("PROPN", "NOUN", "PRON"):
            return c
    filing = any(pat.search(lemma) for pat in dict(n.g.roles).get("court_document", ()))  # an affidavit speaks itself
    if lemma in n.g.statement_nouns and not filing:
        owners = [c for c in p.kids(head, "nmod:poss") if p.words[c].upos in ("PROPN", "NOUN")]
        return owners[0] if owners else None
    return None


def _without_possessive(n: Names, s: int, e: int) -> int:
    """The end of a mention before its possessive clitic (a case marker tagged PART that ends it)."""
    words = n.p.words_in(s, e)
    last = n.p.words[words[-1]] if len(words) > 1 else None
    return n.p.words[words[-2]].end if last is not None and last.upos == "PART" and last.deprel == "case" else e


def _mention_span(n: Names, f: Found) -> tuple[int, int, int, int, int | None]:
    """(start, end) of the mention as written, (start, end) of its noun phrase, and its head."""
    p = n.p
    if f.speaker_span is not None:
        s, e = f.speaker_span
        if f.speaker_head is not None:  # `Lena Marsh, a lawyer for the family,` read from the words: the name is
            cs, ce = mention(p, f.speaker_head, n.g)  # the noun phrase of its head, as a parse would have it
            if s <= cs and ce <= e and "," in p.text[ce:e]:  # an aside after the name
                return s, e, cs, ce, f.speaker_head
        return s, e, s, e, f.speaker_head
    head = f.speaker_head
    assert head is not None
    s, e = cs, ce = mention(p, head, n.g)
    cue_at = p.words[f.cue_word].start if f.cue_word is not None else f.start
    full = full_mention(p, head, (min(f.start, cue_at), max(f.end, cue_at + 1)), times=n.g.not_speakers)
    if full is not None and full[0] <= s and e <= full[1]:
        s, e = full
    return s, e, cs, ce, head


def _name(n: Names, f: Found, head: int | None, core: str, ce: int, found_kind: str,
          resolution: str) -> tuple[str | None, str, str]:
    """(name, kind, resolution) of a mention that is not a pronoun."""
    p = n.p
    if found_kind in ("person", "anonymous") and head is not None:
        appos = _appos_name(n, head) or _appos_text(n, ce) if p.words[head].upos != "PROPN" else None
        if appos:
            return appos, "person", "apposition" if resolution == "explicit" else resolution
        if (desc := _descriptor(n, head)) is not None:
            return desc, found_kind, "coreference" if resolution == "explicit" else resolution
        if n.degraded and f.speaker_span is not None:
            words = [t for t in core.split() if not n.is_title(t)]
            return (n.fullest(" ".join(words)) if words else core), found_kind, resolution
        if p.words[head].upos == "PROPN" or n.degraded:
            return n.person_name(head) or _after_title(n, head) or core, found_kind, resolution
        return core, found_kind, resolution
    if found_kind == "person":
        words = [t for t in core.split() if not n.is_title(t)]
        return (n.fullest(" ".join(words)) if words else core), found_kind, resolution
    return core, found_kind, resolution


def _proper(n: Names, text: str) -> bool:
    """A name as written: every word capitalised but the joiners of a title chain (`of`, `the`, `for`)."""
    words = text.split()
    return len(words) > 1 and all(w[:1].isupper() or w.lower() in n.g.chain_joiners for w in words)


NOMINAL = ("NOUN", "PROPN", "PRON", "X")  # what can name a speaker; X: a token the tagger could not place


def _nominal(n: Names, head: int | None) -> bool:
    """A speaker mention names someone: its head is a noun, a name or a pronoun, or a number or quantifier with
    an of-phrase (`One of Jones' family members`); not an adjective, adverb or verb of a sentence fragment
    (`Contrary to his commands`), a bare quantifier (`both`), or the outlet's own `we` outside any quotation."""
    if head is None:
        return True
    w = n.p.words[head]
    if w.text == UNKNOWN:  # a token longer than the tagger reads (a run of 1,000 characters) names no one
        return False
    if w.text[:1].isupper() and head > n.p.sentences[w.sent].first and w.upos not in ("NUM", "DET"):
        return True  # a capitalised word inside its sentence is a name, whatever the tagger made of it (`Husted`)
    if w.upos in ("NUM", "DET") or w.lemma.lower() in n.g.quantifiers:
        return any(n.p.words[k].lemma.lower() in n.g.genitives
                   for c in n.p.kids(head, "nmod", "obl") for k in n.p.kids(c, "case"))
    if w.upos == "ADJ":  # a tagger's adjective with a determiner, or a speaker's noun, is a noun (`official`)
        lemma = w.lemma.lower()
        return (bool(n.p.kids(head, "det")) or any(lemma in words for words in n.g.kinds.values())
                or n.g.role_words.head(lemma) is not None)
    return w.upos in NOMINAL


def _outlet(n: Names, f: Found) -> bool:
    """`we` speaking outside any quotation: the outlet, not a speaker of the story (an op-ed's `I` is its
    writer, who is one)."""
    head = f.speaker_head
    if head is None or f.nested_in is not None or n.p.words[head].upos != "PRON":
        return False
    feats = n.g.pronouns.get(n.p.words[head].lemma.lower(), {})
    return feats.get("person") == 1 and feats.get("number") == "plural"


def speaker(n: Names, f: Found, earlier: Sequence[Speaker] = ()) -> Resolved:
    """The speaker of candidate `f`, given the speakers of the candidates before it."""
    if f.speaker_head is None and f.speaker_span is None:
        return Resolved(Speaker(resolution="none"), None)
    if f.speaker_span is None and (rel := _relative(n, f, earlier)) is not None:
        return rel
    if f.speaker_span is None and (issuer := _issuer(n, f.speaker_head)) is not None:
        return speaker(n, attrs.evolve(f, speaker_head=issuer), earlier)
    p = n.p
    if f.speaker_span is None and (not _nominal(n, f.speaker_head) or _outlet(n, f)):
        return Resolved(Speaker(resolution="none"), None)  # `Contrary to …`, `Its important`: no one
    s, e, cs, ce, head = _mention_span(n, f)
    e, ce = _without_possessive(n, s, e), _without_possessive(n, cs, ce)  # `the union's` statement: the union
    text, core = p.text[s:e], p.text[cs:ce]  # as written / the noun phrase that names the speaker
    span = p.words_in(s, e if "," not in text else ce)
    last = p.words[span[-1]] if span else None
    if head is not None and last is not None and p.words[head].upos == "PROPN" and last.upos == "NOUN":
        head = last.i  # `Use-of-force experts` parsed with `Use` as head: noun phrases are head-final
    found_kind = kind(n, head, text)
    if found_kind == "organization" and core != text and text.endswith(core) and _proper(n, text):
        core = text  # `The Ridgeway Police Officers’ Association`: the body's whole name, not `Association`
    resolution = f.resolution if f.resolution != "none" else "explicit"
    if head is not None and p.words[head].upos == "PRON":
        name, found_kind, how = pronoun(n, p.words[head].lemma.lower(), s, earlier)
        resolution = how if resolution != "continuation" else resolution
    else:
        name, found_kind, resolution = _name(n, f, head, core, ce, found_kind, resolution)
    sp = Speaker(text=text, start=s, end=e, name=name, kind=found_kind, resolution=resolution,
                 confidence=CONFIDENCE[resolution] if name else 0.3)
    return Resolved(sp, sp if name else None)
