"""Released statements printed without quote marks.

A paragraph that ends with a colon and holds a statement noun of the grammar with a statement or cue verb
(`The Circuit Attorney’s Office released the following statement on the video:`) opens a statement, and so
does a heading that names the statement's author (`Statement from the family of Darnell Hayes`, `The full
statement by the union:`): a statement noun with one of the grammar's issuer prepositions. The
paragraphs after it are the statement's text, one direct quote per sentence, until a paragraph that is
page furniture (the grammar's stop patterns), holds quote marks or an attribution of its own, is not
prose (no closing punctuation), or the grammar's paragraph limit is reached.
"""

from __future__ import annotations

from ..grammar import Grammar
from ..model import Cue
from ..normalize import Layout
from ..parse import Parse
from ..syntax import is_cue_verb, subject
from .found import Found

PROSE_END = tuple(".!?…\"”’)")


def _name_line(p: Parse, layout: Layout, grammar: Grammar, lo: int, hi: int) -> tuple[Cue, int] | None:
    """A heading that names a statement's author (`Statement from the family of Darnell Hayes`, `The full
    statement by Chief Ann Vole:`): a statement noun with an issuer's preposition and who it names."""
    line = layout.plain[lo:hi].rstrip()
    words = [p.words[i] for i in p.words_in(lo, hi)]
    if not (line.endswith(":") or (len(words) <= 14 and not line.endswith(PROSE_END))):
        return None
    for w in words:
        if w.lemma.lower() not in grammar.statement_nouns and w.text.lower() not in grammar.statement_nouns:
            continue
        for c in p.kids(w.i, "nmod"):
            if any(p.words[k].lemma.lower() in grammar.statement_issuers for k in p.kids(c, "case")) and \
                    p.words[c].upos in ("PROPN", "NOUN"):
                return Cue(text=w.text, start=w.start, end=w.end, lemma=w.lemma.lower(), cls="statement"), c
    return None


def opener(p: Parse, layout: Layout, grammar: Grammar, lo: int, hi: int) -> tuple[Cue, int] | None:
    text = layout.plain
    if not text[lo:hi].rstrip().endswith(":"):
        return _name_line(p, layout, grammar, lo, hi)
    words = [p.words[i] for i in p.words_in(lo, hi)]
    if not any(w.lemma.lower() in grammar.statement_nouns or w.text.lower() in grammar.statement_nouns
               for w in words):
        return None
    for w in words:
        lemma = w.lemma.lower()
        if w.upos == "VERB" and (lemma in grammar.statement_verbs or lemma in grammar.cue_class):
            who = subject(p, w.i, grammar)
            if who is None:
                continue
            noun = next((x for x in words if x.i > w.i and x.lemma.lower() in grammar.statement_nouns), None)
            end = noun.end if noun else w.end
            cls = "statement"
            return Cue(text=text[w.start:end], start=w.start, end=end, lemma=lemma, cls=cls), who
    return _name_line(p, layout, grammar, lo, hi)  # `The statement from the family:`


def _attributed_elsewhere(p: Parse, grammar: Grammar, lo: int, hi: int) -> bool:
    """The paragraph reports someone else's words: a cue verb whose subject is not the statement's `we`."""
    for i in p.words_in(lo, hi):
        w = p.words[i]
        if is_cue_verb(p, w.i, grammar):
            s = subject(p, w.i, grammar)
            if s is not None and p.words[s].lemma.lower() not in grammar.first_person and p.words[s].upos in ("PROPN", "NOUN"):
                return True
    return False


def find_statements(p: Parse, layout: Layout, grammar: Grammar) -> list[Found]:
    out: list[Found] = []
    text = layout.plain
    paras = layout.paragraphs
    quote_chars = grammar.marks["open_double"] | grammar.marks["close_double"]
    for k, (lo, hi) in enumerate(paras):
        got = opener(p, layout, grammar, lo, hi)
        if got is None:
            continue
        cue, who = got
        for j in range(k + 1, min(len(paras), k + 1 + grammar.statement_max_paragraphs)):
            plo, phi = paras[j]
            body = text[plo:phi]
            if (any(pat.search(body) for pat in grammar.statement_stop) or any(c in quote_chars for c in body)
                    or not body.rstrip().endswith(PROSE_END) or len(body.split()) < 4
                    or _attributed_elsewhere(p, grammar, plo, phi)):
                break
            for s in p.sentences[p.sentence_at(plo):p.sentence_at(phi) + 1]:
                if s.start >= plo and s.end <= phi:
                    end = s.end
                    out.append(Found(start=s.start, end=end, type="direct", how="statement", cue=cue,
                                     cue_word=None, speaker_head=who, resolution="explicit"))
    return out
