"""The behavioural grid (#30): every way news attributes a quotation, generated from the grammar.

In the spirit of CheckList's minimum-functionality tests, each case is a short made-up article (a title line, a
lead sentence, the quotation's paragraph, a closing sentence) that varies one construction at a time:

- order: quote-cue-speaker (`“…,” said Marsh`), quote-speaker-cue (`“…,” Marsh said`), speaker-cue-colon
  (`Marsh said: “…”`), a quotation split by its attribution, a quotation that runs on into a second paragraph,
  and `according to` (reported, no marks);
- speaker form: a name, a title and a name, a name with an apposition, with a relative clause, a descriptor,
  an organisation, a group, a pronoun whose antecedent is the sentence before;
- verb: every cue verb of `grammars/cues.toml` that reports speech in the first person (the classes whose object
  is the target — criticize, praise — and the findings of polls are left out; a hearer verb comes with its
  hearer, `told reporters`, and never inverted), past or present, bare, with a time (`said Tuesday`) or a
  phrase (`said in a statement`); forms from WordNet's exception list where it has them, else by rule;
- end: `,` `!` `?` `…` before the closing mark (`.` `!` `?` after a colon); marks: curly double, straight
  double, curly single (the British style).

So a cue added to cues.toml adds its cases. `cases()` gives them in a fixed order; `gold(case)` is the case as
a gold record (spec/gold.md) that `quotes.evaluate.score` reads.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import attrs

ORDERS = ("quote-cue-speaker", "quote-speaker-cue", "speaker-cue-colon", "split", "continued", "according-to")
SPEAKERS = ("name", "title-name", "apposition", "relative", "descriptor", "organisation", "group", "pronoun")
MARKS = {"curly": ("“", "”"), "straight": ('"', '"'), "single": ("‘", "’")}
LEFT_OUT = ("criticize", "praise", "evidence")  # their object is who is spoken of; findings need a document subject

# who speaks: (mention, gold speaker, sentence before the quote's paragraph that names them, pronoun)
WHO = {
    "name": ("Lena Marsh", "Lena Marsh"),
    "title-name": ("defence lawyer Tom Reyes", "Tom Reyes"),
    "apposition": ("Lena Marsh, a lawyer for the family,", "Lena Marsh"),
    "relative": ("Lena Marsh, who represents the family,", "Lena Marsh"),
    "descriptor": ("the sergeant", "the sergeant"),
    "organisation": ("the police union", "the police union"),
    "group": ("the jurors", "the jurors"),
    "pronoun": ("she", "Lena Marsh"),
}
TITLE = "Jury hears closing arguments in Marsh case"
LEAD = "The trial of a former Dover County police officer entered its final week on Monday."
ANTECEDENT = "Lena Marsh, a lawyer for the family, spoke to reporters outside the courthouse."
CLOSE = "The jury is expected to begin its deliberations on Wednesday."
SAYING = ("We will ask the court for a new trial", "The evidence never supported the charge",
          "Nobody in this town has seen anything like it")
QUESTION = ("Why did the state wait so long", "Who will answer for what happened that night",
            "How can the jury ignore the video")
SECOND = "The verdict cannot stand."


@attrs.frozen
class Case:
    id: str
    text: str
    quotes: tuple[tuple[str, str, str], ...]  # (quoted text, type, gold speaker)
    order: str
    speaker: str
    verb: str
    form: str
    end: str
    marks: str

    def dims(self) -> dict[str, str]:
        return {"order": self.order, "speaker": self.speaker, "verb": self.verb, "form": self.form,
                "end": self.end, "marks": self.marks}


def _exceptions() -> dict[str, list[str]]:
    """WordNet 3.0's irregular verb forms by lemma (`wrote`, `written` for write), where WordNet is installed."""
    out: dict[str, list[str]] = {}
    path = Path("/usr/share/wordnet/verb.exc")
    if path.exists():
        for line in path.read_text(encoding="latin-1").splitlines():
            form, *lemmas = line.split()
            for lemma in lemmas:
                out.setdefault(lemma, []).append(form)
    return out


IRREGULAR = {"say": "said", "tell": "told", "write": "wrote", "swear": "swore", "speak": "spoke",
             "find": "found", "forecast": "forecast", "read": "read", "put": "put"}  # without WordNet


def past(lemma: str, exc: dict[str, list[str]]) -> str:
    """The simple past: WordNet's irregular form (not the participle in -n where both are listed), else by rule."""
    forms = [f for f in exc.get(lemma, []) if not f.endswith(("ing", "s"))]
    if forms:
        simple = [f for f in forms if not f.endswith("n")] or forms
        return simple[0]
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def present(lemma: str) -> str:
    if lemma == "say":
        return "says"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def verbs(grammar: object) -> list[tuple[str, bool]]:
    """(lemma, hearer verb) for every cue verb of the grammar that reports speech."""
    cls: dict[str, str] = grammar.cue_class  # type: ignore[attr-defined]
    framed = set(grammar.framed)  # type: ignore[attr-defined]
    hearer = set(grammar.hearer_verbs)  # type: ignore[attr-defined]
    return sorted((v, v in hearer) for v, c in cls.items() if c not in LEFT_OUT and v not in framed and " " not in v)


def _cue(lemma: str, hearer: bool, form: str, exc: dict[str, list[str]], plural: bool = False) -> tuple[str, str]:
    """The cue verb (with its hearer) and what follows it: a time or a phrase."""
    verb = (lemma if plural else present(lemma)) if form == "present" else past(lemma, exc)
    return verb + (" reporters" if hearer else ""), {"time": " Tuesday", "statement": " in a statement"}.get(form, "")


def _paragraph(order: str, who: str, cue: tuple[str, str], saying: str, end: str, marks: tuple[str, str]
               ) -> tuple[str, str]:
    """The quotation's paragraph (or two) and the quoted text as it stands between the marks."""
    o, c = marks
    quoted = saying + end
    mention = WHO[who][0]
    subject = mention[0].upper() + mention[1:]
    verb, tail = cue
    if order == "quote-cue-speaker":  # the time or phrase after the speaker: `said Marsh in a statement`
        comma = "," if tail and mention.endswith(",") else ""
        return f"{o}{quoted}{c} {verb} {mention.rstrip(',')}{comma}{tail}.", quoted
    cue = verb + tail
    if order == "quote-speaker-cue":
        return f"{o}{quoted}{c} {mention} {cue}.", quoted
    if order == "speaker-cue-colon":
        return f"{subject} {cue}: {o}{quoted}{c}", quoted
    if order == "split":
        return f"{o}{quoted}{c} {mention} {cue}. {o}{SECOND}{c}", quoted
    # continued: the quotation runs on into the next paragraph, which opens with a mark and closes it
    return f"{subject} {cue}: {o}{quoted}\n\n{o}{SECOND}{c}", quoted


def case(n: int, order: str, who: str, lemma: str, hearer: bool, form: str, end: str, marks: str,
         exc: dict[str, list[str]]) -> Case:
    saying = (QUESTION if end == "?" else SAYING)[n % 3]
    cue = _cue(lemma, hearer, form, exc, plural=who == "group")
    before = ANTECEDENT + " " if who == "pronoun" else ""
    speaker = WHO[who][1]
    if order == "according-to":
        mention = WHO[who][0].rstrip(",")
        content = saying[0].lower() + saying[1:]
        if who == "pronoun":
            mention = "her"
        body = f"According to {mention}, {content}."
        quotes = ((content, "indirect", speaker),)
    else:
        body, quoted = _paragraph(order, who, cue, saying, end, MARKS[marks])
        quotes = ((quoted, "direct", speaker),)
        if order in ("split", "continued"):
            quotes += ((SECOND, "direct", speaker),)
    text = f"{TITLE}\n\n{LEAD} {before}\n\n{body}\n\n{CLOSE}\n".replace(" \n", "\n")
    return Case(f"grid-{n:05d}", text, quotes, order, who, lemma, form, end, marks)


def ends(order: str) -> tuple[str, ...]:
    return (".", "!", "?") if order in ("speaker-cue-colon", "continued") else (",", "!", "?", "…")


def cells() -> Iterator[tuple[str, str]]:
    """The order × speaker-form cells: all but the inverted order with a pronoun (`said she`), which news
    no longer writes."""
    for order, who in itertools.product(ORDERS, SPEAKERS):
        if not (order == "quote-cue-speaker" and who == "pronoun"):
            yield order, who


def cases(grammar: object) -> list[Case]:
    """Every cue verb in every cell (its form, end and marks turning with the count), then every end × marks
    and every form in every cell with `say`."""
    exc = _exceptions()
    out: list[Case] = []
    forms = ("past", "present", "time", "statement")
    turn = itertools.count()
    for order, who in cells():
        if order == "according-to":
            for marks in MARKS:
                out.append(case(len(out), order, who, "according to", False, "past", ".", marks, exc))
            continue
        for lemma, hearer in verbs(grammar):
            if hearer and order == "quote-cue-speaker":
                continue  # `“…,” told reporters Marsh` is no English
            k, e = next(turn), len(ends(order))  # form, end and marks turn at different rates: every pairing
            out.append(case(len(out), order, who, lemma, hearer, forms[k % 4], ends(order)[k // 4 % e],
                            list(MARKS)[k // (4 * e) % 3], exc))
        for end, marks in itertools.product(ends(order), MARKS):
            out.append(case(len(out), order, who, "say", False, "past", end, marks, exc))
        for form in forms:
            out.append(case(len(out), order, who, "say", False, form, ends(order)[0], "curly", exc))
    return out


def gold(c: Case) -> dict[str, object]:
    return {"doc_id": c.id, "text": c.text, "grid": c.dims(),
            "quotes": [{"text": t, "type": kind, "speaker": who} for t, kind, who in c.quotes]}


# Texts for the unit tests of the constructions the grid found broken, parsed as the models parse them.
CONSTRUCTIONS = {
    "inverted": "“We will ask for a new trial,” added defence lawyer Tom Reyes.",
    "apposition": "“We will appeal,” Lena Marsh, who represents the family, acknowledged.",
    "unattributed": "A sign on the door read “We will never forget him.” The “thin blue line” held.",
}
RECORDED = Path(__file__).resolve().parent / "fixtures" / "grid.parses.jsonl"


def sample(all_cases: list[Case], every: int = 40) -> list[Case]:
    """Every `every`-th case of each order × speaker-form cell: the grid without models, on recorded parses."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for c in all_cases:
        k = seen[c.order, c.speaker] = seen.get((c.order, c.speaker), -1) + 1
        if k % every == 0:
            out.append(c)
    return out


def record() -> None:
    """Record the parses of the sample and of the constructions: `python tests/grid.py`."""
    import json
    import os

    os.environ.setdefault("QUOTES_MODELS", str(Path(__file__).resolve().parents[2] / "shared" / "models" / "stanza-en"))
    from quotes import Extractor
    from quotes.parse import to_json

    ex = Extractor(timing=False)
    texts = [c.text for c in sample(cases(ex.grammar))] + list(CONSTRUCTIONS.values())
    views = [ex._prepare(t)[0].view for t in texts]  # what the extractor hands the parser
    with open(RECORDED, "w", encoding="utf-8") as f:
        for p in ex.parser.parse_many(list(dict.fromkeys(views))):
            f.write(json.dumps(to_json(p), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    record()
