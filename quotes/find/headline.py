"""Headlines: what a document's title line says someone said, in the two forms headlines use.

The headline is the document's first paragraph when it is short. Headline case defeats the parser
(`Charges Were Justified, Prosecutor Says` comes out as one run of names), so both forms are read from the
words' order and capitals, with the parse used only for word classes:

* a label, a colon, and what was said: `Poll: Voters Abandon the Party`, `Ames: The Raid Was Lawful`.
  The label is a short run of capitalised content words, and its last word must name someone the article
  itself quotes (the head or a name of a speaker mention of a quotation found in the body). Section labels
  (`Update:`, `The Latest:`) and topics (`Stealth Over Health:`) are nobody the article quotes.
* a trailing attribution: what was said, a comma, a capitalised run and a capitalised cue form of the
  grammar (`…, Former Prosecutor Says`). The parser finds the lower-case `…, official says` itself.

What was said is a direct quote when it is wholly inside quote marks, mixed when it holds a quoted part,
else indirect. A headline whose words another finder already took gives nothing more. The speaker is given
by its characters, not a head word: the parse's appositions and relations in a headline are noise.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..grammar import Grammar, stem
from ..model import Cue
from ..normalize import Layout
from ..parse import Parse
from .direct import pairs_in
from .found import Found

MAX_WORDS = 25  # a first paragraph longer than this is the article's first sentence, not its headline
LABEL_WORDS = 4  # `Poll`, `Dana Ames`, `Attorney General Ruiz`
SPEAKER_WORDS = 6  # `Former Police Union President`
FUNCTION = {"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "PUNCT", "VERB", "NUM"}
END = ".!?"


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _body_speakers(p: Parse, found: Sequence[Found], after: int) -> set[str]:
    """The words that name the speakers of the body's quotations: each mention's head, and the names in it."""
    out: set[str] = set()
    for f in found:
        if f.start < after or f.speaker_head is None:
            continue
        h = f.speaker_head
        out.add(p.words[h].text.lower())
        out.update(p.words[k].text.lower() for k in p.subtree(h)
                   if p.words[k].upos == "PROPN" and abs(k - h) <= SPEAKER_WORDS)
    return out


def _what(layout: Layout, grammar: Grammar, lo: int, hi: int) -> tuple[int, int, str]:
    """The span and type of what was said between lo and hi: inside the marks when they hold all of it."""
    text = layout.plain
    while hi > lo and (text[hi - 1] in END or text[hi - 1].isspace()):
        hi -= 1
    inner = pairs_in(text, lo, hi + 1, grammar)  # a closing mark after the final period
    whole = next(((o, c) for o, c in inner if o == lo and c >= hi - 1), None)
    if whole is not None:
        return whole[0] + 1, whole[1], "direct"
    return lo, hi, "mixed" if inner else "indirect"


def _label(p: Parse, grammar: Grammar, lo: int, hi: int, speakers: set[str]) -> tuple[tuple[int, int], int, int] | None:
    """`Label: what was said` → (the label's characters, colon offset, start of what was said)."""
    colon = p.text.find(":", lo, hi)
    if colon < 0:
        return None
    label = [p.words[i] for i in p.words_in(lo, colon)]
    if not 1 <= len(label) <= LABEL_WORDS or any(not _capitalised(w.text) or w.upos in FUNCTION for w in label):
        return None
    if label[-1].text.lower() not in speakers or label[-1].lemma.lower() in grammar.not_speakers:
        return None
    rest = colon + 1
    while rest < hi and p.text[rest].isspace():
        rest += 1
    return ((label[0].start, label[-1].end), colon, rest) if len(p.text[rest:hi].split()) >= 3 else None


def _trailing(p: Parse, grammar: Grammar, lo: int, hi: int) -> tuple[tuple[int, int], int, int] | None:
    """`What was said, Speaker Says` → (the speaker's characters, cue word, end of what was said)."""
    words = [p.words[i] for i in p.words_in(lo, hi) if p.words[i].upos != "PUNCT" or p.words[i].text == ","]
    if len(words) < 5 or not _capitalised(words[-1].text) or stem(words[-1].text.lower()) not in grammar.cue_forms:
        return None
    comma = max((k for k, w in enumerate(words) if w.text == ","), default=-1)
    who = words[comma + 1:-1]
    if comma < 2 or not 1 <= len(who) <= SPEAKER_WORDS or not all(_capitalised(w.text) for w in (who[0], who[-1])):
        return None
    return (who[0].start, who[-1].end), words[-1].i, words[comma].start


def find_headlines(p: Parse, layout: Layout, grammar: Grammar, found: Sequence[Found]) -> list[Found]:
    """The headline's quotation, if it has one that no other finder found."""
    if not layout.paragraphs or not p.words:
        return []
    lo, hi = layout.paragraphs[0]
    if len(p.words_in(lo, hi)) > MAX_WORDS or any(f.start < hi and f.end > lo for f in found):
        return []
    got = _label(p, grammar, lo, hi, _body_speakers(p, found, hi))
    if got is not None:
        who, colon, start = got
        s, e, typ = _what(layout, grammar, start, hi)
        cue = Cue(text=":", start=colon, end=colon + 1, lemma=":", cls="assert")
        return [Found(s, e, typ, "headline", cue, None, None, who, "explicit")]
    got = _trailing(p, grammar, lo, hi)
    if got is not None:
        who, v, end = got
        s, e, typ = _what(layout, grammar, lo, end)
        w = p.words[v]
        lemma = w.lemma.lower()
        cue = Cue(text=w.text, start=w.start, end=w.end, lemma=lemma, cls=grammar.cue_class.get(lemma, "assert"))
        return [Found(s, e, typ, "headline", cue, v, None, who, "explicit")]
    return []
