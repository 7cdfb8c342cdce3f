"""Rule tokenization: tokens and sentences of English text, for the parser's later processors.

stanza's neural tokenizer runs two character BiLSTMs over every character, about a third of a parse. Edited news
text is cut as well by rules: tokens in the conventions of the treebanks the parser learnt from (grammars/
tokens.toml: hyphens and clitics split, a period kept on an abbreviation), and sentences ended by `.`, `!`, `?`
or an ellipsis before a capital, a digit or an opening mark, or by a paragraph break. Words are left to the
parser's own multi-word-token model: a token with a clitic (`don't`, `Smith's`) is only marked as one.

`sentences(text)` gives, for each sentence, its tokens as (start, end, is_multiword) character spans of `text`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from functools import cache

import attrs
import regex

from .grammar import TOKENS, default_dir
from .normalize import paragraphs

CLOSERS = frozenset("\"'”’)]}»") | {"''"}
OPENERS = frozenset("\"'“‘([{«`") | {"``"}
# a title written short or an initial, after which a name follows: a capital consonant and up to three more
# (`Cst.`, `J.`); `A.` and `I.` keep their period before a name too, but can be words that end a sentence
SHORT_TITLE = regex.compile(r"[B-DF-HJ-NP-TV-XZ][b-df-hj-np-tv-xz]{0,3}")
ENDS = regex.compile(r"[.!?]+|…")  # a sentence's last token: `.`, `?!`, `...`


@attrs.frozen
class Rules:
    titles: frozenset[str]
    abbreviations: frozenset[str]
    openers: frozenset[str]
    prefixes: frozenset[str]
    token: regex.Pattern[str]
    multiword: regex.Pattern[str]


@cache
def rules() -> Rules:
    data = tomllib.loads((default_dir() / TOKENS).read_text(encoding="utf-8"))
    titles, abbrevs = frozenset(data["titles"]), frozenset(data["abbreviations"])
    known = "|".join(sorted((regex.escape(a) for a in titles | abbrevs), key=len, reverse=True))
    numbering = "|".join(regex.escape(a) for a in data["numbering"])
    apostrophe = "['’]"
    clitic = "|".join(apostrophe.join(regex.escape(p) for p in c.split("'")) for c in data["clitics"])
    detached = "|".join(regex.escape(c[1:]) for c in data["clitics"] if c.startswith("'"))  # after a period: Jr.'s
    token = regex.compile(rf"""
        (?P<url>(?:https?://|www\.)[^\s"“”<>]+?(?=[.,;:!?)\]'"’”]*(?:\s|$)))
      | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
      | (?P<tag>[@#]\w+)
      | (?P<dotted>(?:\p{{L}}\.){{2,}}(?!\p{{L}}))                 # U.S., a.m., D.C.
      | (?P<abbrev>(?i:{known})\.(?!\p{{L}}|\p{{N}}))                 # Mr., Jan., Calif.
      | (?P<numbering>(?i:{numbering})\.(?=\s*\p{{N}}))                # No. 5
      | (?P<initial>(?:\p{{Lu}}|{SHORT_TITLE.pattern})\.(?=\s+\p{{Lu}}))    # J. Smith, Cst. Jane Roy
      | (?P<number>[$£€]?(?=\p{{N}})\p{{N}}+(?:[.,:/]\p{{N}}+)*\p{{L}}*)
      | (?P<word>[\p{{L}}\p{{M}}\p{{N}}_]+(?:{apostrophe}[\p{{L}}\p{{M}}\p{{N}}]+)*)
      | (?P<clitic>(?<=\S){apostrophe}(?i:{detached})(?![\p{{L}}\p{{N}}]))          # Jr.'s
      | (?P<dots>\.{{2,}}|…)
      | (?P<dashes>-{{2,}}|''|``|[?!]{{2,}})
      | (?P<other>\S)
    """, regex.VERBOSE)
    multiword = regex.compile(rf"(?i).*\w(?:{clitic})|{'|'.join(data['whole'])}")  # matched whole
    return Rules(titles, abbrevs, frozenset(data["openers"]), frozenset(data["prefixes"]), token, multiword)


def tokens(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Token spans of text[start:end]."""
    r = rules()
    pos = start
    for m in r.token.finditer(text, start, end):
        s, e = m.span()
        kind = m.lastgroup
        if kind == "number" and text[s] in "$£€":
            yield s, s + 1
            s += 1
        if kind == "word" and e < end and text[e] == "-" and text[s:e].lower() in r.prefixes:
            nxt = r.token.match(text, e + 1, end)
            if nxt is not None and nxt.lastgroup == "word":  # pro-growth, co-founder: one word
                yield s, nxt.end()
                pos = nxt.end()
                continue
        if s < pos:  # inside a word joined above
            continue
        yield s, e
        pos = e


def _past_closers(text: str, toks: list[tuple[int, int]], k: int) -> int:
    """The first token after token k and the closing marks written right after it (`.”)`)."""
    j = k + 1
    while j < len(toks) and text[toks[j][0]:toks[j][1]] in CLOSERS and toks[j][0] == toks[j - 1][1]:
        j += 1
    return j


def _ends_here(text: str, toks: list[tuple[int, int]], k: int, r: Rules) -> bool:
    """Whether a sentence ends after token k and the closing marks right after it."""
    word = text[toks[k][0]:toks[k][1]]
    if ENDS.fullmatch(word):
        pass
    elif word.endswith(".") and len(word) > 1:  # an abbreviation's period can end the sentence too
        stem = word[:-1].lower()
        if stem in r.titles or (stem not in r.abbreviations and SHORT_TITLE.fullmatch(word, 0, len(word) - 1)):
            return False  # a title or an initial (`Cst.`, `J.`): a name follows; `Md.`, `Ltd.` are no titles
    else:
        return False
    j = _past_closers(text, toks, k)
    if j >= len(toks):
        return True
    nxt = text[toks[j][0]:toks[j][1]]
    if not ENDS.fullmatch(word) and nxt.lower() not in r.openers:
        return False  # "the U.S. Attorney": an abbreviation ends a sentence only before an opener
    first = nxt[0]
    if first.islower():
        return False  # "Why?" he asked.
    return first.isupper() or first.isdigit() or nxt in OPENERS or not first.isalnum()


def sentences(text: str) -> list[list[tuple[int, int, bool]]]:
    """The sentences of a text, each a list of (start, end, is_multiword) token spans."""
    r = rules()
    out: list[list[tuple[int, int, bool]]] = []
    for lo, hi in paragraphs(text) or ():
        toks = list(tokens(text, lo, hi))
        cur: list[tuple[int, int, bool]] = []
        k = 0
        while k < len(toks):
            s, e = toks[k]
            cur.append((s, e, r.multiword.fullmatch(text, s, e) is not None))
            if _ends_here(text, toks, k, r):
                j = _past_closers(text, toks, k)
                cur.extend((s, e, False) for s, e in toks[k + 1:j])
                k = j - 1
                out.append(cur)
                cur = []
            k += 1
        if cur:
            out.append(cur)
    return out
