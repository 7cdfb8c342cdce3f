"""Attribution of marked spans (part of find): each quotation's cue and speaker mention; the merge of all finders.

For a span in quote marks, in this order:

1. cue: a cue verb of the same sentence standing next to the quotation, with nothing between them but the
   cue's own dependents (`said Roorda`, `the finance director said`, `told Lester,`) or the subject's
   (`Hartenstein, a former Treasury Department official, told Reuters`); else a cue verb the quotation's
   root hangs from; the speaker is the cue's subject;
2. colon: a short noun phrase and a colon before the opening mark (`Roorda: “…”`);
3. dash: a dash and a short name after the closing mark (`“…” — Jeff Roorda`);
4. neighbour: for a quotation that fills its sentence, a sentence just before it in the paragraph whose cue
   has a subject and reports nothing else (`Roorda said:` / `He added.`);
5. continuation: a quotation that fills its sentence takes the speaker of the quotation before it in the
   same paragraph, or of the previous paragraph's last quotation when this paragraph is only quotation.

A quoted phrase that is the object or complement of a quoting verb of the grammar (`calling it “a
miscarriage of justice”`) is a direct quote of the verb's subject. Any other quoted fragment with none of
these (`responded with a “no”`) is dropped as a scare quote (`Dropped` names the rule); `merge` keeps it inside
a reported clause, which then becomes one `mixed` quotation (or, when the clause is all quotation, a direct
quote with the clause's cue). A reported clause whose cue already attributes a direct quotation is that
quotation's attribution, not a second quote.
"""

from __future__ import annotations

import attrs
import regex

from ..grammar import Grammar, stem
from ..model import Cue
from ..normalize import Layout
from ..parse import Parse, Word
from ..syntax import PUNCT, is_cue_verb, is_negated, subject
from .direct import Marked
from .found import Found
from .statement import opener as statement_opener

MAX_NAME_WORDS = 8


def _cue_of(p: Parse, v: int, grammar: Grammar) -> Cue:
    w = p.words[v]
    return Cue(text=w.text, start=w.start, end=w.end, lemma=w.lemma.lower(), cls=grammar.cue_class[w.lemma.lower()])


ABBREVIATION = regex.compile(r"\p{Lu}\p{L}{0,5}\.")  # `Calif.`, `Ald.`, `Gov.`: a period that ends no sentence


def _through_abbreviations(p: Parse, si: int) -> list[int]:
    """Sentence si and the ones after it that the splitter cut off at an abbreviation (`“…,” San Diego
    County, Calif. | District Attorney Bonnie Dumanis said`)."""
    out = [si]
    while out[-1] + 1 < len(p.sentences):
        s = p.sentences[out[-1]]
        last = p.words[s.last - 1] if s.last > s.first else None
        before = p.words[s.last - 2] if s.last - 2 >= s.first else None
        split = last is not None and (ABBREVIATION.fullmatch(last.text) is not None or (
            last.text == "." and before is not None and before.end == last.start
            and ABBREVIATION.fullmatch(before.text + ".") is not None))  # `Calif` `.` tokenized apart
        if not split:
            break
        out.append(out[-1] + 1)
    return out


def _by_sentence(p: Parse, marks: list[Marked]) -> dict[int, list[Marked]]:
    """The marks that touch each sentence, so that lookups stay local (a page of 10,000 marks stays linear)."""
    out: dict[int, list[Marked]] = {}
    for m in marks:
        for si in range(p.sentence_at(m.open_at), p.sentence_at(max(m.open_at, m.outer_end - 1)) + 1):
            out.setdefault(si, []).append(m)
    return out


def _cues_in(p: Parse, sent: int, grammar: Grammar, inside: list[Marked]) -> list[int]:
    """Cue verbs of a sentence that stand outside the marks `inside` (those that touch the sentence)."""
    s = p.sentences[sent]
    out = []
    for i in range(s.first, s.last):
        w = p.words[i]
        if is_cue_verb(p, i, grammar):
            if not any(m.open_at <= w.start and w.end <= m.outer_end for m in inside):
                out.append(i)
    return out


def _names_it(x: Word, grammar: Grammar) -> bool:
    """A word right before a quotation that makes it a noun phrase of the sentence: a determiner, a preposition
    (not the infinitive's `to`), an adjective, a number or a possessive `’s`."""
    if x.upos == "PART":
        return x.deprel == "case"
    return x.upos in ("DET", "ADP", "ADJ", "NUM") and x.lemma.lower() not in grammar.infinitive_markers


def _adjacent(p: Parse, m: Marked, v: int, grammar: Grammar) -> bool:
    """Nothing but the cue's dependents (or its subject's) stands between cue v and the quotation."""
    w = p.words[v]
    if w.end <= m.open_at:  # cue before: `Roorda said, “…”`, `told Lester, “…”`
        between = [p.words[i] for i in p.words_in(w.end, m.open_at)]
        words = [x for x in between if x.upos != "PUNCT"]
        if words and _names_it(words[-1], grammar):
            return False  # `responded with a “no”`, `radio’s “City Beat” program`: a noun or a name, not speech
        inside = set(p.words_in(m.start, m.end))
        if any(x.lemma.lower() in grammar.complementizers and x.upos == "SCONJ"
               or (x.deprel.startswith("nsubj") and x.head in inside)
               or (x.upos in ("VERB", "AUX") and "VerbForm=Fin" in x.feats) for x in words):
            return False  # `testified that his partner “panicked”`: a quoted word inside a reported clause
        if any(x.upos == "VERB" and inside & set(p.subtree(x.i)) for x in words):
            return False  # `said, citing the unit’s push to “clear corners”`: the quotation is another verb's
        allowed = set(p.subtree(v))
    elif w.start >= m.outer_end:  # cue after: `“…,” said Roorda`, `“…,” the finance director said`
        opening = p.sentences[p.sentence_at(m.open_at)].start
        before = [i for i in p.words_in(opening, m.open_at) if p.words[i].upos != "PUNCT"]
        if before and p.words[before[-1]].end <= m.open_at and _names_it(p.words[before[-1]], grammar):
            return False  # `On Sunday’s broadcast of “City Beat,” Kirk said`: a name
        marks = grammar.marks["open_double"] | grammar.marks["open_single"]
        for c in p.kids(v, "ccomp"):
            that = [k for k in p.kids(c, "mark") if p.words[k].lemma.lower() in grammar.complementizers
                    and p.words[k].start > w.end]
            if that and not any(ch in marks for ch in p.text[w.end:p.words[that[0]].start]):
                return False  # `“Murderers,” Hardy added that the officers …`: the cue reports the clause after it
        between = [p.words[i] for i in p.words_in(m.outer_end, w.start)]
        s = subject(p, v, grammar)
        allowed = set(p.subtree(s)) if s is not None and p.words[s].start >= m.outer_end else set()
        if _noun_phrase(between):
            allowed |= {x.i for x in between}
    else:
        return False
    if len(between) > 25:
        return False
    return all(x.text in PUNCT or x.upos == "PUNCT" or x.i in allowed for x in between)


def _noun_phrase(words: list) -> bool:
    """Words that can only be a (mis-parsed) subject: names, nouns, modifiers and commas, no verb."""
    return bool(words) and len(words) <= 20 and any(x.upos in ("PROPN", "NOUN") for x in words) and all(
        x.upos in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT", "ADP", "NUM", "CCONJ", "PART") for x in words)


def _post_subject(p: Parse, m: Marked, v: int, grammar: Grammar) -> tuple[int | None, tuple[int, int] | None]:
    """The speaker of a cue after the quotation: the parse's subject, else the noun phrase standing between
    the closing mark and the cue up to its first comma (`“…,” Finance Director Mark Hartenstein, a …, told`)."""
    s = subject(p, v, grammar, skip=grammar.not_speakers)
    w = p.words[v]
    if w.start < m.outer_end:
        return (None if s is None else _anchor(p, s)), None
    if s is None or m.start <= p.words[s].start < m.end:  # `“No amount of money …,” said Marla Mitchell`
        after = _after_cue(p, v, grammar)
        if after[0] is not None:
            return after
    between = [p.words[i] for i in p.words_in(m.outer_end, w.start) if p.words[i].upos != "PUNCT"]
    if s is not None and (s > v or any(x.i == s for x in between)):
        return s, None
    if not _noun_phrase(between):
        return s, None
    words = []
    for x in between:
        if p.text[words[-1].end:x.start].strip() if words else False:
            break  # a comma: the apposition after the name is not the name
        words.append(x)
    heads = [x for x in words if x.upos in ("PROPN", "NOUN")]
    return (heads[-1].i if heads else None), (words[0].start, words[-1].end)


NOUN_PHRASE = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PART")


def _anchor(p: Parse, s: int) -> int:
    """`Lena Marsh, a lawyer for the family, demanded`: a subject the parser found in the apposition after a
    name (a comma right before it, a name right before the comma) is that name's."""
    first = min(i for i in p.subtree(s) if p.words[i].upos != "PUNCT")
    lo = p.sentences[p.words[s].sent].first
    if first - 2 < lo or p.words[first - 1].text != "," or p.words[first - 2].upos != "PROPN" or \
            p.words[s].upos not in ("NOUN", "ADJ"):
        return s
    name = first - 2
    while name - 1 >= lo and p.words[name - 1].upos == "PROPN":
        name -= 1
    # the name opens the sentence: `Standing alongside his widow Julia, he said` is no apposition
    return first - 2 if all(p.words[i].upos == "PUNCT" for i in range(lo, name)) else s


def _after_cue(p: Parse, v: int, grammar: Grammar) -> tuple[int | None, tuple[int, int] | None]:
    """`“…,” insisted Lena Marsh`, `“…!” shouted the sergeant`: the noun phrase right after a cue that follows
    the quotation is its speaker, whatever relation the parser gave it (the compact parser often reads it as
    an object); a time word first (`said Tuesday`) is passed over, and a hearer verb's object is its hearer."""
    if p.words[v].lemma.lower() in grammar.hearer_verbs:
        return None, None
    last = p.sentences[p.words[v].sent].last
    words: list[Word] = []
    for x in p.words[v + 1:last]:
        if x.lemma.lower() in grammar.not_speakers:
            if words:
                break  # `said Lena Marsh Tuesday`: the time is no part of the name
            continue
        if x.upos == "PRON" and not words and x.lemma.lower() in grammar.pronouns:
            return x.i, (x.start, x.end)  # `said he`
        if x.upos not in NOUN_PHRASE or words and p.text[words[-1].end:x.start].strip():
            break
        words.append(x)
    heads = [x for x in words if x.upos in ("PROPN", "NOUN")]
    if not heads:
        return None, None
    return heads[-1].i, (words[0].start, heads[-1].end)


def _attribution_after(p: Parse, layout: Layout, grammar: Grammar, m: Marked) -> list[int]:
    """The sentence right after a quotation that ends in `?`, `!` or `…` when it is the quotation's
    attribution and nothing more (`“…?” Lena Marsh asked.`): the tokenizer ends a sentence there, before a
    capital. Such a sentence is short, has a cue verb, and no verb after its last cue."""
    if m.close_at is None or layout.plain[m.start:m.end].rstrip()[-1:] not in ("?", "!", "…"):
        return []
    here = p.sentence_at(max(m.open_at, m.outer_end - 1))
    if here + 1 >= len(p.sentences) or p.sentences[here].end > m.outer_end:
        return []
    nxt = p.sentences[here + 1]
    if layout.plain[m.outer_end:nxt.start].strip() or layout.paragraph_at(nxt.start) != m.paragraph:
        return []
    words = p.words[nxt.first:nxt.last]
    cues = [w.i for w in words if is_cue_verb(p, w.i, grammar)]
    if not cues or len(words) > 25 or any(w.upos in ("VERB", "AUX") for w in words if w.i > cues[-1]):
        return []
    return [here + 1]


SPEAKER_TAGS = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PART", "PRON")
ENDS = (".", "!", "?")


def _cue_form(p: Parse, w: Word, grammar: Grammar) -> str | None:
    """The cue verb a word is, by its lemma or, where the tagger or lemmatizer missed it, by its form's stem."""
    if not (w.upos in ("VERB", "NOUN", "ADJ") or w.upos == "PROPN" and w.text.islower()) or is_negated(p, w.i, grammar):
        return None  # (a word in lower case tagged a name is a tagger's slip: `swore`)
    lemma = w.lemma.lower()
    if lemma in grammar.cue_class and grammar.cue_class[lemma] != "evidence":
        return lemma
    by_form = grammar.cue_stems.get(stem(w.text))
    return by_form if by_form and grammar.cue_class[by_form] != "evidence" and w.text.islower() else None


def _tail(p: Parse, grammar: Grammar, words: list[Word]) -> bool:
    """What may follow a cue that ends an attribution: a hearer, a time, a phrase (`in a statement`)."""
    k = 0
    while k < len(words):
        w = words[k]
        if w.lemma.lower() in grammar.not_speakers or w.upos == "PUNCT" and w.text == ",":
            k += 1
        elif w.upos == "ADP":  # `in a statement`, `on Tuesday`, `to reporters`
            k += 1
            while k < len(words) and words[k].upos in SPEAKER_TAGS:
                k += 1
        elif w.upos in SPEAKER_TAGS and k == 0:  # `told reporters`
            while k < len(words) and words[k].upos in SPEAKER_TAGS and words[k].lemma.lower() not in \
                    grammar.not_speakers:
                k += 1
        else:
            return False
    return True


def _trailing(p: Parse, layout: Layout, grammar: Grammar, m: Marked) -> Found | None:
    """An attribution after the closing mark read from its words, whatever relations the parser gave them:
    `“…,” the sergeant advised reporters.`, `“…,” Lena Marsh, who represents the family, acknowledged.`,
    `“…!” shouted the sergeant.` — a cue verb with a short noun phrase before it (an aside set off by commas
    passed over) or right after it, and after the cue nothing but a hearer, a time or a phrase (`in a
    statement`) before the sentence ends."""
    lo, hi = layout.paragraphs[m.paragraph]
    opening = max(lo, p.sentences[p.sentence_at(m.open_at)].start) if p.sentences else lo
    if m.close_at is None or any(c.isalnum() for c in layout.plain[opening:m.open_at]) and not _clause(p, layout, m):
        return None  # `referred to the ruling as a “political decision,” ABC reported`: the phrase is the writer's
    words: list[Word] = []
    for i in p.words_in(m.outer_end, hi):
        w = p.words[i]
        if w.text in ENDS or w.text in grammar.marks["open_double"] or len(words) > 30:
            break
        words.append(w)
    at = next((k for k, w in enumerate(words) if _cue_form(p, w, grammar)), None)
    if at is None:
        return None
    cue = words[at]
    before = [w for w in words[:at] if w.upos != "PUNCT" or w.text not in (",", "”", "’", "\"", "'")]
    if before:  # `Lena Marsh, who represents the family, acknowledged`: the name before its aside
        commas = [k for k, w in enumerate(words[:at]) if w.text == ","]
        lead = [w for w in words[:commas[0]] if w.upos != "PUNCT"] if commas else before
        if commas and words[at - 1].text != ",":  # `“…” to serve, he said`: the quotation's sentence runs on
            lead = [w for w in words[commas[-1] + 1:at] if w.upos != "PUNCT"]
        while len(lead) > 1 and lead[-1].upos == "ADV" and lead[-1] is words[at - 1]:
            lead = lead[:-1]  # `“…,” it further wrote`, `he later said`: the adverb is the cue's
        of = next((k for k, w in enumerate(lead) if w.upos == "ADP"), len(lead))  # `a narrator in the … ad asks`:
        if not of or len(lead) > MAX_NAME_WORDS or any(w.upos not in SPEAKER_TAGS for w in lead[:of]) or any(
                w.upos not in (*SPEAKER_TAGS, "ADP") for w in lead[of:]) or lead[-1].upos == "ADP" or not _tail(
                p, grammar, words[at + 1:]):  # the noun before the phrase heads the speaker
            return None
        speaker = lead[:of]
        aside = [w for w in words[words.index(lead[-1]) + 1:at] if w.text != ","] if commas and lead is not before \
            and words[at - 1].text == "," else []
        last = (aside or lead)[-1]
    else:  # `shouted the sergeant`, `added defence lawyer Tom Reyes, who …`
        aside = []
        rest = words[at + 1:]
        speaker = []
        for w in rest:
            if w.upos not in SPEAKER_TAGS or w.lemma.lower() in grammar.not_speakers:
                break
            speaker.append(w)
        tail = rest[len(speaker):]
        if speaker and speaker[-1].lemma.lower() in grammar.statement_nouns and tail and tail[0].upos == "ADP":
            author = []  # `read the statement from civil rights attorneys Ben Crump, …`: its authors speak
            for w in tail[1:]:
                if w.upos not in SPEAKER_TAGS:
                    break
                author.append(w)
            speaker, tail = (author, []) if author else (speaker, tail)
        if not speaker or len(speaker) > MAX_NAME_WORDS or tail and tail[0].text != "," and not _tail(
                p, grammar, tail):
            return None
        last = speaker[-1]
    if not (speaker[-1].upos in ("PROPN", "NOUN", "PRON", "ADJ") or speaker[-1].text[:1].isupper()):
        return None  # a noun phrase ends in its noun (`the sergeant` tagged an adjective is one too)
    return _cued(p, grammar, m, cue, speaker, last)


def _root_link(p: Parse, m: Marked, cues: list[int]) -> int | None:
    """A cue verb that the quotation's words hang from, or that hangs from them (`“…,” he said`)."""
    inside = set(p.words_in(m.start, m.end))
    for i in inside:
        h = p.words[i].head
        if h in cues:
            return h
    for v in cues:
        if p.words[v].head in inside:
            return v
    return None


def _fills_sentence(p: Parse, layout: Layout, m: Marked) -> bool:
    """The quotation is its own sentence(s): nothing but punctuation around it in the sentences it touches."""
    text = layout.plain
    s_lo = p.sentences[p.sentence_at(m.open_at)].start
    s_hi = p.sentences[p.sentence_at(max(m.open_at, m.outer_end - 1))].end
    plo, phi = layout.paragraphs[m.paragraph]
    before = text[max(s_lo, plo):m.open_at]
    after = text[m.outer_end:min(max(s_hi, m.outer_end), phi)]
    return not any(c.isalnum() for c in before) and not any(c.isalnum() for c in after)


def _colon_cue(p: Parse, layout: Layout, grammar: Grammar, m: Marked) -> Found | None:
    """`Lena Marsh, a lawyer for the family, acknowledged in a statement: “…”`, `The sergeant acknowledges: “…”`:
    a speaker and a cue verb before a colon, read from the words whatever the parse (the cue tagged a noun, the
    aside hung anywhere): the noun phrase before the cue (an aside set off by commas passed over), and after
    the cue nothing but a hearer, a time or a phrase."""
    words = _before_colon(p, layout, m)
    if words is None:
        return None
    ends = [k for k, w in enumerate(words) if w.text in ENDS]
    words = words[ends[-1] + 1:] if ends else words
    at = next((k for k, w in enumerate(words) if k and _cue_form(p, w, grammar)), None)
    if at is None or not _tail(p, grammar, words[at + 1:]):
        return None
    commas = [k for k, w in enumerate(words[:at]) if w.text == ","]
    lead = words[:commas[0]] if commas and words[at - 1].text == "," else words[:at]
    if commas and words[at - 1].text != ",":
        return None
    if not lead or len(lead) > MAX_NAME_WORDS or any(w.upos not in SPEAKER_TAGS for w in lead):
        return None
    return _cued(p, grammar, m, words[at], lead, words[at - 2] if commas and at >= 2 else lead[-1])


def _cued(p: Parse, grammar: Grammar, m: Marked, cue: Word, speaker: list[Word], last: Word) -> Found:
    """A quotation attributed from the words: its cue, the speaker's words (the name, headed by its last noun)
    and the last word of the mention as written (`Lena Marsh, a lawyer for the family`)."""
    lemma = _cue_form(p, cue, grammar)
    assert lemma is not None
    c = Cue(text=cue.text, start=cue.start, end=cue.end, lemma=lemma, cls=grammar.cue_class[lemma])
    heads = [w for w in speaker if w.upos in ("PROPN", "NOUN", "PRON")]
    personal = len(speaker) == 1 and speaker[0].lemma.lower() in grammar.pronouns  # `she`, not `someone`
    return Found(m.start, m.end, "direct", "marks", c, cue.i, heads[-1].i if heads else None,
                 None if personal else (speaker[0].start, last.end), "explicit")


def _before_colon(p: Parse, layout: Layout, m: Marked) -> list[Word] | None:
    """The words of the paragraph before a quotation that opens after a colon (`Roorda said: “…”`), else None."""
    lo = layout.paragraphs[m.paragraph][0]
    head = layout.plain[lo:m.open_at].rstrip()
    if not head.endswith(":"):
        return None
    return [p.words[i] for i in p.words_in(lo, lo + len(head) - 1)]


def _colon_speaker(p: Parse, layout: Layout, grammar: Grammar, m: Marked) -> tuple[int, int] | None:
    """`Roorda: “…”`, and inverted, `Said Ames: “…”`: the name before the colon."""
    words = _before_colon(p, layout, m)
    if words is None:
        return None
    words = words[-MAX_NAME_WORDS - 1:] if words else []
    sent = p.sentence_at(m.open_at)
    words = [w for w in words if w.sent >= sent - 1]
    ends = [k for k, w in enumerate(words) if w.text in ENDS]
    words = words[ends[-1] + 1:] if ends else words  # `… too soon. Said Ames: “…”`
    if len(words) > 1 and words[0].text[:1].isupper() and stem(words[0].text.lower()) in grammar.cue_forms:
        words = words[1:]
    if not words or any(w.upos in ("VERB", "AUX") for w in words) or len(words) > MAX_NAME_WORDS:
        return None
    if not any(w.upos in ("PROPN", "NOUN") for w in words):
        return None
    return words[0].start, words[-1].end


def _speaker_label(text: str, grammar: Grammar, at: int, end: int) -> tuple[int, int, int] | None:
    """A transcript's speaker label at `at` (`JONES: …`): (its start, its end, where what was said begins)."""
    if grammar.speaker_label is None:
        return None
    m = grammar.speaker_label.match(text, at, end)
    if m is None or m.group().lower().rstrip(".") in grammar.not_labels:
        return None
    k = m.end() + 1
    while k < end and text[k].isspace():
        k += 1
    return (m.start(), m.end(), k) if any(c.isalnum() for c in text[k:end]) else None


def _dash_speaker(layout: Layout, grammar: Grammar, m: Marked) -> tuple[int, int] | None:
    if m.close_at is None:
        return None
    text = layout.plain
    phi = layout.paragraphs[m.paragraph][1]
    rest = text[m.outer_end:phi]
    stripped = rest.lstrip(" ,\u00a0")
    for d in sorted(grammar.dashes, key=len, reverse=True):
        if stripped.startswith(d):
            name = stripped[len(d):].strip()
            name = name.split(",")[0].strip().rstrip(".")
            words = name.split()
            if name and 1 <= len(words) <= 6 and name[0].isupper():
                s = m.outer_end + rest.index(d) + len(d)
                s = text.index(name, s)
                return s, s + len(name)
    return None


def _neighbour(p: Parse, layout: Layout, grammar: Grammar, m: Marked, marks: dict[int, list[Marked]]
               ) -> tuple[Cue, int] | None:
    """A bare attribution in its own sentence next to a quote-only sentence: after it (`"…?" Stein asked.`,
    split off by the question mark) or before it, ending in a colon (`Union president Mike Donnelly said:`)."""
    si = p.sentence_at(m.open_at)
    nxt = p.sentence_at(max(m.open_at, m.outer_end - 1)) + 1
    if nxt < len(p.sentences) and p.sentences[nxt].start >= m.outer_end - 1:
        s = p.sentences[nxt]
        gap = layout.plain[m.outer_end:s.start]
        words = [w for w in p.words[s.first:s.last] if w.upos != "PUNCT"]
        if "\n" not in gap and len(words) <= 8:
            for v in _cues_in(p, nxt, grammar, marks.get(nxt, [])):
                sub = subject(p, v, grammar)
                if sub is not None and not p.kids(v, "ccomp", "obj", "xcomp"):
                    return _cue_of(p, v, grammar), sub
    if si == 0:
        return None
    prev = p.sentences[si - 1]
    plo = layout.paragraphs[m.paragraph][0]
    if prev.start < plo and layout.plain[plo:m.open_at].strip() != "":
        return None
    if not layout.plain[prev.start:prev.end].rstrip().endswith((":",)) and prev.start < plo:
        return None
    for v in _cues_in(p, si - 1, grammar, marks.get(si - 1, [])):
        s = subject(p, v, grammar)
        if s is not None and not p.kids(v, "ccomp") and layout.plain[prev.start:prev.end].rstrip().endswith(":"):
            return _cue_of(p, v, grammar), s
    return None


FRAGMENT_DEPS = ("obj", "xcomp", "ccomp", "obl", "iobj")
FRAGMENT_CLIMB = ("obj", "xcomp", "advcl", "conj", "obl", "nmod")  # a gerund's way up to the verb whose subject it
# shares (`nmod`: `ran toward a gas station yelling` with `yelling` a noun on `station`)


def _quoting(p: Parse, grammar: Grammar, v: int) -> bool:
    """A quoting verb of the grammar by its lemma or, where the lemmatizer or tagger missed it, by its form:
    `Calling` lemmatized `calling`, `yelling` tagged a noun (inflected and not plural, so not `calls`)."""
    w = p.words[v]
    by_form = stem(w.text) in grammar.quoting_forms
    if w.upos == "NOUN":
        return by_form and stem(w.text) != w.text.lower() and "Number=Plur" not in w.feats
    return w.upos == "VERB" and (w.lemma.lower() in grammar.quoting_verbs or by_form)


def _fragment_verb(p: Parse, grammar: Grammar, m: Marked, h: int) -> int | None:
    """The quoting verb a quoted phrase headed by h is the object or complement of: its head in the tree, or
    the word standing right before the phrase's opening mark (`yelling “Don’t shoot”` however the parser
    hung it; for `… and “I have nothing”` the phrase is the first conjunct's)."""
    v = p.words[h].head
    if (v >= 0 and p.words[h].deprel in ("appos", "acl") and p.words[v].deprel in ("obj", "iobj")
            and p.words[h].upos != "PROPN" and len(p.subtree(h)) >= 3):  # a phrase, not a word or a name
        h, v = v, p.words[v].head  # `called the decision “the only outcome …”`, `calling the candidate
        # “extremely fit”` hung on the object
    if v >= 0 and p.words[h].deprel.split(":")[0] in FRAGMENT_DEPS and _quoting(p, grammar, v):
        reach = set(p.subtree(v))
        if p.words[v].end <= m.open_at and all(i in reach for i in p.words_in(p.words[v].end, m.open_at)):
            return v  # the verb stands before the quote, and what stands between is its own
    first = min(i for i in p.subtree(h, exclude=p.kids(h, "conj")) if p.words[i].upos != "PUNCT")
    j = first - 1
    while j >= p.sentences[p.words[h].sent].first and p.words[j].upos == "PUNCT":
        j -= 1
    if j < p.sentences[p.words[h].sent].first or j == first - 1 or not _quoting(p, grammar, j):
        return None  # no mark between them, or no quoting verb before it
    return j if not any(c.isalnum() or c == "," for c in p.text[p.words[j].end:p.words[first].start]) else None


def _fragment_subject(p: Parse, grammar: Grammar, v: int) -> int | None:
    """The subject of a quoting verb, or of the verb a gerund hangs from (`he ran … yelling “…”`)."""
    for _ in range(3):
        if p.words[v].upos == "VERB" and (who := subject(p, v, grammar, skip=grammar.not_speakers)) is not None:
            return who
        if p.words[v].deprel.split(":")[0] not in FRAGMENT_CLIMB or p.words[v].head < 0:
            return None
        v = p.words[v].head
    return None


def _tops(p: Parse, m: Marked) -> tuple[set[int], list[int]]:
    """The words inside a marked span, and those of them (not punctuation) whose head lies outside it."""
    inside = set(p.words_in(m.start, m.end))
    return inside, [i for i in inside if p.words[i].head not in inside and p.words[i].upos != "PUNCT"]


def _fragment(p: Parse, grammar: Grammar, m: Marked, v: int | None = None) -> Found | None:
    """A quoted phrase that is the object or complement of a quoting verb of the grammar (`calling it “a
    miscarriage of justice”`, `yelling “Don’t shoot” and “I have nothing”`): a direct quote of its subject.
    `v`: the quoting verb, where it is known already."""
    if v is None:
        inside, heads = _tops(p, m)
        if len(heads) != 1:
            return None  # not one phrase
        h = heads[0]
        while p.words[h].deprel == "conj" and p.words[h].head >= 0 and p.words[h].head not in inside:
            h = p.words[h].head  # `“Don’t shoot” and “I have nothing”`: the second hangs from the first
        v = _fragment_verb(p, grammar, m, h)
    if v is None or is_negated(p, v, grammar):
        return None
    who = _fragment_subject(p, grammar, v)
    if who is None:
        return None
    w = p.words[v]
    lemma = w.lemma.lower() if w.lemma.lower() in grammar.quoting_verbs else stem(w.text)
    cue = Cue(text=w.text, start=w.start, end=w.end, lemma=lemma, cls=grammar.cue_class.get(lemma, "assert"))
    return Found(m.start, m.end, "direct", "fragment", cue, v, who, resolution="explicit")


def _listed(p: Parse, m: Marked, marks: list[Marked], out: list) -> Found | None:
    """A quoted phrase joined by `and`, `or` or a comma to a fragment quote just before it shares its verb:
    `yelling “Don’t shoot” and “I have nothing”` however the parser hung the second."""
    if not out or not isinstance(out[-1], Found) or out[-1].how != "fragment":
        return None
    prev = marks[len(out) - 1]
    between = [p.words[i] for i in p.words_in(prev.outer_end, m.open_at)]
    if prev.close_at is None or p.sentence_at(prev.open_at) != p.sentence_at(m.open_at) or len(between) > 3 or \
            not all(x.upos in ("CCONJ", "PUNCT") for x in between):
        return None
    return attrs.evolve(out[-1], start=m.start, end=m.end)


@attrs.frozen(slots=True)
class Dropped:
    """A marked span that is no quotation, and the rule that says so (`scare quote`, `debris`, …)."""

    reason: str


def _within(p: Parse, grammar: Grammar, m: Marked, parent: Marked) -> Found | None:
    """A quotation inside another: attributed by a cue of the outer quotation standing next to it."""
    cues = [i for i in p.words_in(parent.start, m.open_at) if is_cue_verb(p, i, grammar)]
    cue = next((v for v in reversed(cues) if _adjacent(p, m, v, grammar) and subject(p, v, grammar) is not None), None)
    if cue is None:
        return None
    return Found(m.start, m.end, "direct", "marks", _cue_of(p, cue, grammar), cue, subject(p, cue, grammar),
                 resolution="explicit")


def _punctuated(p: Parse, layout: Layout, grammar: Grammar, m: Marked) -> Found | None:
    """A speaker set off by punctuation: `Roorda: “…”`, `“…” — Jeff Roorda`, or a statement announced before
    a colon in the same paragraph (`The department released the following statement: “…”`)."""
    if (cued := _colon_cue(p, layout, grammar, m)) is not None:
        return cued
    if (span := _colon_speaker(p, layout, grammar, m)) is not None:
        return Found(m.start, m.end, "direct", "colon", None, None, None, span, "explicit")
    if (span := _dash_speaker(layout, grammar, m)) is not None:
        return Found(m.start, m.end, "direct", "dash", None, None, None, span, "explicit")
    lo = max(layout.paragraphs[m.paragraph][0], p.sentences[p.sentence_at(m.open_at)].start if p.sentences else 0)
    if (opened := statement_opener(p, layout, grammar, lo, m.open_at)) is not None:
        return Found(m.start, m.end, "direct", "statement", opened[0], None, opened[1], resolution="explicit")
    return None


def _settled(p: Parse, layout: Layout, grammar: Grammar, m: Marked, marks: list[Marked]) -> Found | Dropped | None:
    """What a marked span is before any cue is looked for: debris, an aside, a quote within a quote (its cue is
    inside the parent), or a transcript's labelled paragraph (`"JONES: …"`, the label its speaker)."""
    text = layout.plain
    if m.end <= m.start or not any(c.isalnum() for c in text[m.start:m.end]):  # words, not debris
        return Dropped("debris")
    inner = text[m.start:m.end].strip(" .,")
    if inner[:1] in "([" and inner[-1:] in ")]" and not any(c in "()[]" for c in inner[1:-1]):
        return Dropped("aside")  # a transcript's `(CROSSTALK)`, `[inaudible]`: no one's words
    if any(pat.search(inner) for pat in grammar.statement_stop):
        return Dropped("furniture")  # `"Follow Dana Lee on Twitter`: the page's, not anyone's words
    if m.level == "single" and m.parent is not None:
        return _within(p, grammar, m, marks[m.parent]) or Dropped("quoted inside a quotation")
    if (label := _speaker_label(text, grammar, m.start, m.end)) is not None:
        return Found(label[2], m.end, "direct", "label", None, None, None, label[:2], "explicit")
    return None


def attribute_marks(p: Parse, layout: Layout, grammar: Grammar, marks: list[Marked]) -> list[Found | Dropped]:
    """One Found, or the rule that drops it, per marked span, in the order given."""
    out: list[Found | Dropped] = []
    last_in_para: dict[int, Found] = {}
    by_sentence = _by_sentence(p, marks)
    by_para: dict[int, list[Marked]] = {}
    for m in marks:
        by_para.setdefault(m.paragraph, []).append(m)
    for m in marks:
        if (settled := _settled(p, layout, grammar, m, marks)) is not None:
            out.append(settled)
            if isinstance(settled, Found) and m.parent is None:  # a labelled paragraph, not a quote in a quote
                last_in_para[m.paragraph] = settled
            continue
        found: Found | None = None
        sent = p.sentence_at(m.open_at)
        sents = {sent, *_through_abbreviations(p, p.sentence_at(max(m.open_at, m.outer_end - 1))),
                 *_attribution_after(p, layout, grammar, m)}
        scope = [x for s in sents for x in by_sentence.get(s, []) if x.level == m.level and x is not m]
        cues = sorted({v for s in sents for v in _cues_in(p, s, grammar, scope + [m])},
                      key=lambda v: min(abs(p.words[v].start - m.outer_end), abs(m.open_at - p.words[v].end)))
        fills = _fills_sentence(p, layout, m)
        cue = next((v for v in cues if _adjacent(p, m, v, grammar) and _post_subject(p, m, v, grammar) != (None, None)), None)
        if cue is None and fills:
            cue = _root_link(p, m, [v for v in cues if subject(p, v, grammar) is not None])
        if cue is not None:
            head, span = _post_subject(p, m, cue, grammar)
            found = Found(m.start, m.end, "direct", "marks", _cue_of(p, cue, grammar), cue, head, span,
                          resolution="explicit")
        elif (found := _trailing(p, layout, grammar, m)) or (found := _punctuated(p, layout, grammar, m)):
            pass
        elif fills or m.continued:
            near = _neighbour(p, layout, grammar, m, by_sentence)
            prev = last_in_para.get(m.paragraph) or (
                last_in_para.get(m.paragraph - 1) if m.continued or _only_quotes(layout, by_para[m.paragraph], m)
                else None)
            if near is not None:
                found = Found(m.start, m.end, "direct", "marks", near[0], None, near[1], resolution="explicit")
            elif prev is not None:
                found = attrs.evolve(prev, start=m.start, end=m.end, type="direct", how="marks",
                                     resolution="continuation")
            else:
                found = Found(m.start, m.end, "direct", "marks", resolution="none")
        else:
            out.append(_fragment(p, grammar, m) or _listed(p, m, marks, out) or Dropped(
                CLAUSE if _clause(p, layout, m) else "scare quote"))
            continue
        out.append(found)
        if found is not None:
            last_in_para[m.paragraph] = found
    # a multi-paragraph quotation is attributed once, usually in its last piece: earlier pieces take it
    for k in range(len(marks) - 2, -1, -1):
        f, m = out[k], marks[k]
        if m.continues and (f.resolution == "none" if isinstance(f, Found) else f.reason != "aside"):
            nxt = next((j for j in range(k + 1, len(marks)) if marks[j].continued and marks[j].level == m.level), None)
            g = out[nxt] if nxt is not None else None
            if isinstance(g, Found) and g.resolution != "none":
                out[k] = attrs.evolve(g, start=m.start, end=m.end, resolution="continuation")
    return out


SUBJECTS = ("nsubj", "nsubj:pass", "expl", "csubj")
CLAUSE = "a clause nothing attributes"  # kept by `merge` as a quotation of no one unless a reported clause holds it


def _clause(p: Parse, layout: Layout, m: Marked) -> bool:
    """A marked span that is a clause, so a quotation even where no speaker is found (unless a reported clause
    holds it, `merge`): a verb with its subject inside the marks, or words ending a sentence (`.` `!` `?` `…`)
    before the closing mark. A term or a short phrase (`the “thin blue line,”`) is neither."""
    inside = set(p.words_in(m.start, m.end))
    words = [p.words[i] for i in sorted(inside) if p.words[i].upos != "PUNCT"]
    if any(w.upos in ("VERB", "AUX") and any(p.words[c].deprel in SUBJECTS for c in p.children[w.i] if c in inside)
           for w in words):
        return True
    return len(words) >= 3 and layout.plain[m.start:m.end].rstrip()[-1:] in (".", "!", "?", "…")


def _only_quotes(layout: Layout, marks: list[Marked], m: Marked) -> bool:
    lo, hi = layout.paragraphs[m.paragraph]
    text = layout.plain
    rest = list(text[lo:hi])
    for x in marks:
        if x.paragraph == m.paragraph and x.level == m.level:
            for i in range(x.open_at, min(x.outer_end, hi)):
                rest[i - lo] = " "
    return not any(c.isalnum() for c in rest)


def last_word_end(text: str, m: Marked) -> int:
    """Where a marked span ends: after its closing mark, or for one never closed after its last word."""
    return m.outer_end if m.close_at is not None else words_end(text, m)


def words_end(text: str, m: Marked) -> int:
    """The end of a marked span's last word, closing punctuation and mark left out."""
    end = m.end
    while end > m.start and not text[end - 1].isalnum():
        end -= 1
    return end


def _first_conjunct(p: Parse, r: Found, m: Marked) -> int | None:
    """Where the first conjunct ends when a reported clause closes with a conjunct that is all quotation
    (`… was inconclusive and that “looking at the camera you can’t see …”`); None otherwise."""
    words = list(p.words_in(r.start, m.open_at))
    k = len(words)
    while k and p.words[words[k - 1]].upos in ("CCONJ", "SCONJ", "PUNCT"):
        k -= 1
    tail = [p.words[i] for i in words[k:]]
    if k == 0 or not any(w.upos == "CCONJ" for w in tail):
        return None
    return p.words[words[k - 1]].end


def _reports_on(p: Parse, r: Found, quoted: list[Found]) -> bool:
    """A participle that attributes the quotation before it and reports the clause after it: `called the verdict
    “improper,” insisting [Kirk’s actions were “reasonable” and that …]`."""
    w = p.words[r.cue_word] if r.cue_word is not None else None
    if w is None or not ("VerbForm=Ger" in w.feats or ("VerbForm=Part" in w.feats and "Tense=Pres" in w.feats)):
        return False
    return r.start > w.end and all(q.end <= w.start for q in quoted)


GOVERNED = ("ccomp", "xcomp", "conj", "csubj")  # the ways from a reported clause's words up to its cue


def _governing(p: Parse, grammar: Grammar, m: Marked) -> Found | None:
    """A quoted clause inside what a cue reports, however far down (`Vole says she hopes …, but she knows
    that “the jury will decide.”`): climbing from the quotation's head through complements and
    conjuncts to a cue verb of the grammar, that cue's subject speaks it."""
    _, heads = _tops(p, m)
    parents = {p.words[i].head for i in heads}
    if len(heads) > 1 and len(parents) == 1 and (v := parents.pop()) >= 0 and _quoting(p, grammar, v):
        return _fragment(p, grammar, m, v)  # `described the mayor as, “a little desperate, jumping in …”`:
        # pieces the parser hung apart, all on one quoting verb
    if len(heads) != 1:
        return None
    h = heads[0]
    for _ in range(4):
        if p.words[h].deprel.split(":")[0] not in GOVERNED or p.words[h].head < 0:
            return None
        if p.words[h].deprel == "conj" and any(p.words[s].upos != "PRON" for s in p.kids(h, "nsubj")):
            return None  # `Vole said …, and Reyes knows that “…”`: a clause of someone else's
        h = p.words[h].head
        if is_cue_verb(p, h, grammar) and (who := subject(p, h, grammar, skip=grammar.not_speakers)) is not None:
            if p.words[who].lemma.lower() in grammar.expletives:
                return None
            return Found(m.start, m.end, "direct", "marks", _cue_of(p, h, grammar), h, who, resolution="explicit")
    return None


def _as_clause(p: Parse, grammar: Grammar, m: Marked) -> Found | None:
    """A quoted clause after an as-clause of its sentence whose verb is a cue (`As Vole put it in a
    statement, the review is “…”`, `as the auditor observed, … “what would you cut?”`): its subject's words."""
    if not p.sentences or not (quoted := p.words_in(m.open_at, m.end)):
        return None
    s = p.sentences[p.sentence_at(m.open_at)]
    for v in range(s.first, min(s.last, quoted[0])):
        if not any(p.words[c].lemma.lower() in grammar.as_clause for c in p.kids(v, "mark")) or \
                not is_cue_verb(p, v, grammar) or max(p.subtree(v)) >= quoted[0]:
            continue  # (a clause that reaches into the quotation is not set before it)
        if (who := subject(p, v, grammar, climb=0, skip=grammar.not_speakers)) is not None:
            return Found(m.start, m.end, "direct", "marks", _cue_of(p, v, grammar), v, who, resolution="explicit")
    return None


def _unattributed(p: Parse, grammar: Grammar, marks: list[Marked], direct: list[Found | Dropped], k: int) -> Found:
    """A quoted clause that nothing attributes: the words of the cue whose report holds it (`_governing`); else
    of whoever speaks in the quotation before it in the same paragraph (`“…,” Eldridge said. “We trust them …”
    — a reference to …`); else of no one."""
    m = marks[k]
    if (governed := _governing(p, grammar, m) or _as_clause(p, grammar, m)) is not None:
        return governed
    for j in range(k - 1, -1, -1):
        if marks[j].paragraph != m.paragraph:
            break
        f = direct[j]
        if isinstance(f, Found) and f.resolution != "none" and marks[j].level == m.level:
            return attrs.evolve(f, start=m.start, end=m.end, type="direct", how="marks", resolution="continuation")
    return Found(m.start, m.end, "direct", "marks", resolution="none")


def merge(p: Parse, grammar: Grammar, marks: list[Marked], direct: list[Found | Dropped], reported: list[Found],
          statements: list[Found]) -> list[Found]:
    """Combine the candidates: attributions of direct quotes, mixed quotes, statements; no duplicates."""
    kept: list[Found] = [f for f in direct if isinstance(f, Found)]
    used_cues: dict[int, list[Found]] = {}
    for f in kept:
        if f.cue_word is not None:
            used_cues.setdefault(f.cue_word, []).append(f)
    absorbed: set[int] = set()
    seen: set[tuple[int, int]] = set()
    out: list[Found] = []
    for r in reported:
        if (r.start, r.end) in seen or (r.cue_word in used_cues and not _reports_on(p, r, used_cues[r.cue_word])):
            continue  # the cue's report is the quotation it attributes
        if r.speaker_head is not None and any(m.start <= p.words[r.speaker_head].start < m.end for m in marks):
            continue  # a subject inside quotation marks is quoted words the parser misread (`“Murderers,” someone
            # shouted … as Glen Hardy added that …` with `Murderers` the subject of `added`), not a speaker
        typ = r.type
        drop = False
        for k, m in enumerate(marks):
            if m.level != "double" or m.outer_end <= r.start or m.open_at >= r.end:
                continue
            last = words_end(p.text, m)
            if r.start <= m.start and r.end < last and not isinstance(direct[k], Found):
                r = attrs.evolve(r, end=last)  # the parse cut the clause inside its quotation (or the
                # sentence splitter did: `told reporters that “they blamed him … too late. … like blaming the referee.”`)
            inside = r.start <= m.start and last <= r.end  # `said it was “X.”` or `“X.''`; a
            # clause that starts at the quotation's first word (its opening mark hung elsewhere) is the quotation
            if inside and not isinstance(direct[k], Found):  # a quotation nothing attributes: the clause reports it
                after = any(c.isalnum() for c in p.text[m.outer_end:r.end])
                first = None if after else _first_conjunct(p, r, m)
                if not after and (first is not None or not any(c.isalnum() for c in p.text[r.start:m.open_at])):
                    out.append(attrs.evolve(r, start=m.start, end=m.end, type="direct"))
                    absorbed.add(k)
                    if first is None:
                        drop = True
                        break
                    r = attrs.evolve(r, end=first)  # `X and that “Y”`: X is reported, Y quoted
                    continue
                typ = "mixed"
                absorbed.add(k)
                continue
            if not inside or (m.outer_end - m.open_at) >= 0.6 * (r.end - r.start):
                drop = True  # the clause is (mostly) the quotation itself: an attribution, not a second quote
                break
            d = direct[k]
            own = isinstance(d, Found) and d.cue_word is not None and r.start <= p.words[d.cue_word].start < r.end
            if not own:
                typ = "mixed"
                absorbed.add(k)
        if not drop:
            seen.add((r.start, r.end))
            out.append(attrs.evolve(r, type=typ))
    out.extend(f for k, f in enumerate(direct) if isinstance(f, Found) and k not in absorbed)
    out.extend(_unattributed(p, grammar, marks, direct, k) for k, f in enumerate(direct)
               if isinstance(f, Dropped) and f.reason == CLAUSE and k not in absorbed)  # no quotation lost
    taken = [(f.start, f.end) for f in out]
    out.extend(s for s in statements if not any(a < s.end and s.start < b for a, b in taken))
    return sorted(out, key=lambda f: (f.start, -f.end))
