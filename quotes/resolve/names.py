"""The names of one document, read once and shared by speaker resolution, entities and roles.

`Names` holds the parse, the grammar and the layout, the runs of proper nouns that look like a person's name
(titles left out: `Los Angeles County Finance Director Mark Hartenstein` gives `Mark Hartenstein`), and a
memo of what is looked up by name (every place the article names someone, the evidence of their role).
Everything in it follows from the document alone: the order in which it is asked changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import regex

from ..grammar import Grammar
from ..normalize import Layout
from ..parse import Parse, Word

T = TypeVar("T")
NAME_DEPS = ("flat", "compound", "flat:name")
WORD = regex.compile(r"[\p{L}\p{N}'’.-]+")
ARTICLE = regex.compile(r"(\w+)\s+")  # a first word, which may be an article of the grammar
ACRONYM = regex.compile(r"\b\p{Lu}{3,6}\b")


class Names:
    def __init__(self, p: Parse, grammar: Grammar, layout: Layout):
        self.p, self.g, self.layout = p, grammar, layout
        self.degraded = layout.degraded
        self.view = layout.view  # what roles read: in degraded text stripped punctuation reads as commas
        self.persons = self._person_names()
        self._memo: dict[tuple[str, str], Any] = {}

    def memo(self, what: str, name: str, compute: Callable[[], T]) -> T:
        """`compute()` for (what, name), computed once per document."""
        key = (what, name)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def is_title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.g.titles

    def _person_names(self) -> tuple[tuple[int, str], ...]:
        """(start offset, name) for every run of proper nouns that looks like a person's name."""
        out = []
        words = self.p.words
        i = 0
        while i < len(words):
            if words[i].upos == "PROPN" or (self.degraded and words[i].upos in ("PROPN", "NOUN", "ADJ", "VERB")
                                            and words[i].deprel in ("flat", "appos")):
                j = i
                while j + 1 < len(words) and words[j + 1].upos == "PROPN" and words[j + 1].sent == words[i].sent:
                    j += 1
                run = list(words[i:j + 1])
                titled = [k for k, w in enumerate(run) if self.is_title(w.text)]
                if titled:  # `Los Angeles County Finance Director Mark Hartenstein`: the name follows the last title
                    run = run[titled[-1] + 1:]
                if run and not any(w.lemma.lower() in self.g.kinds.get("organization", ()) for w in run):
                    out.append((run[0].start, " ".join(w.text for w in run)))
                i = j + 1
            else:
                i += 1
        return tuple(out)

    def places(self) -> frozenset[str]:
        """The names the article gives as places: `the city of Ferguson`, `Brennan County` (lower case)."""
        def compute() -> frozenset[str]:
            nouns = "|".join(regex.escape(w) for w in self.g.place_nouns)
            name = r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}"
            of = "|".join(regex.escape(w) for w in self.g.genitives)
            found = {m.group(1) for m in regex.finditer(rf"\b(?i:{nouns})\s+(?:{of})\s+({name})", self.view)}
            found |= {m.group(0) for m in regex.finditer(rf"\b{name}\s+(?i:{nouns})\b", self.view)
                      if m.group(0).split()[0].lower() not in self.g.articles}
            return frozenset(f.lower() for f in found)
        return self.memo("places", "", compute)

    def expand(self, text: str) -> str:
        """`the COPA` → `the Civilian Office of Police Accountability`: each word of three or more capitals that
        is the initials of a run of capitalised words elsewhere in the document (the grammar's chain joiners
        between them left out), replaced by that run."""
        return ACRONYM.sub(lambda m: self.memo("acronym", m.group(0), lambda: self._expansion(m.group(0))), text)

    def _expansion(self, acronym: str) -> str:
        joiners = "|".join(regex.escape(j) for j in self.g.chain_joiners)
        gap = rf"(?:\s+(?:{joiners}))*\s+"
        pattern = r"\b" + gap.join(regex.escape(c) + r"[\p{Ll}'’]+" for c in acronym) + r"\b"
        found = regex.search(pattern, self.view)
        return found.group(0) if found else acronym

    def fullest(self, name: str) -> str:
        """The fullest form of the same name in the document (`Roorda` → `Jeff Roorda`), four words at most."""
        last = name.split()[-1].lower()
        best = name
        for _, cand in self.persons:
            toks = cand.split()
            if toks[-1].lower() == last and len(toks) > len(best.split()) and len(toks) <= 4:
                best = cand
        return best

    def name_words(self, head: int) -> list[Word]:
        """The head and its flat/compound descendants (`Jeff` → `Jeff Roorda`), as a contiguous run."""
        p = self.p
        idx, stack = {head}, [head]
        while stack:
            for c in p.children[stack.pop()]:
                if p.words[c].deprel in NAME_DEPS:
                    idx.add(c)
                    stack.append(c)
        lo = hi = head
        while lo - 1 in idx:
            lo -= 1
        while hi + 1 in idx:
            hi += 1
        after = hi + 1  # a number right after a name is part of it (`Victim 6`); `Smith, 45` has its comma
        if after < len(p.words) and p.words[after].head == head and p.words[after].deprel == "nummod" \
                and p.words[after].start == p.words[hi].end + 1:
            hi = after
        return [p.words[i] for i in range(lo, hi + 1)]

    def person_name(self, head: int) -> str | None:
        """The name of the person whose mention `head` heads, titles left out, in its fullest form."""
        run = self.name_words(head)
        words = [w for k, w in enumerate(run) if w.upos == "PROPN" or self.degraded
                 or (w.upos == "NUM" and k == len(run) - 1 and k > 0)]
        while words and self.is_title(words[0].text):
            words = words[1:]
        if not words:
            return None
        return self.fullest(" ".join(w.text for w in words))

    def occurrences(self, name: str) -> list[tuple[int, int]]:
        """Where the article names this person or body: the name, and a last name no one else shares."""
        return self.memo("occurrences", name, lambda: self._occurrences(name))

    def _occurrences(self, name: str) -> list[tuple[int, int]]:
        text = self.view
        spans = [(m.start(), m.end()) for m in regex.finditer(r"\b" + regex.escape(name) + r"\b", text)]
        last = name.split()[-1] if name.split() else ""
        if last and last != name and len(last) > 2:
            full_names = {m.group(0) for m in regex.finditer(
                r"(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}" + regex.escape(last) + r"\b", text)}
            firsts = {f.split()[0] for f in full_names if f.split()[0][:1].isupper()}
            firsts = {f for f in firsts if not self.is_title(f)}
            if len(firsts) <= 1:
                spans += [(m.start(), m.end()) for m in regex.finditer(r"\b" + regex.escape(last) + r"\b", text)]
        return sorted(set(spans))

    def key(self, name: str) -> str:
        """The form under which two names are the same entity's: lower case, no article, words only."""
        s = name.lower().replace("’", "'")
        lead = ARTICLE.match(s)
        if lead and lead.group(1) in self.g.articles:
            s = s[lead.end():]
        return " ".join(WORD.findall(s))
