"""Roles and affiliations of speakers, from what the article says of them (grammars/roles.toml).

For a person the evidence is read around every place the article names them: the title chain before the
name (`Former St. Louis police officer Jason Stockley`), the phrase set off by a comma before it
(`Keller’s attorney, Michael Dunn`), the apposition or relative clause after it (`Jeff Roorda, who is with
the St. Louis Police Officers’ Association`) and a copula (`the officer who fired his weapon was Marcos
Alonso`). A last name alone counts only when no two people in the article share it. Then:
* the first role of the grammar's order with a matching pattern wins;
* `X’s attorney`, `his lawyer`: a defence attorney when the client is an officer or a suspect, else an attorney;
* a person with no other role who is the object of a use-of-force verb (`confront Lester`) is a suspect;
* organisations, groups, documents and anonymous sources are judged by their own mention; a document
  with no matching pattern is a court document, an anonymous speaker an anonymous source.
"""

from __future__ import annotations

import regex

from .grammar import Grammar
from .model import Speaker
from .parse import Parse

BOUNDARY = regex.compile(r"[;:!?\n“”\"()\[\]]")  # sentence starts come from the parse (`Lt.` is no end)
SPOKESPERSON = regex.compile(r"\bspokes(?:man|woman|person)\b", regex.IGNORECASE)
CLIENT = regex.compile(r"(?:(\p{Lu}[\p{L}'’-]+)['’]s?|\b(his|her|their))\s+(\w+)\s*$", regex.IGNORECASE)
AFFILIATION = regex.compile(
    r"\b(?:with|for|of|at|from)\s+(?:the\s+)?((?:\p{Lu}[\p{L}.'’-]*\s+(?:of\s+|for\s+)?){0,6}"
    r"(?:Association|Department|Office|Union|Order|Police|Agency|Bureau|Commission|Institute|Fed|Lodge|Council|"
    r"Court|County|University|Foundation|Committee|Coalition|Guild|Caucus|Sheriff['’]s Office))")


def _norm(s: str) -> str:
    return s.replace("’", "'")


class RoleFinder:
    def __init__(self, p: Parse, grammar: Grammar, view: str | None = None):
        self.p, self.g = p, grammar
        self.text = view if view is not None else p.text  # the parse view: stripped punctuation reads as commas
        self._cache: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._contexts: dict[str, tuple[list[str], list[str]]] = {}

    # -- evidence around a name
    def occurrences(self, name: str) -> list[tuple[int, int]]:
        """Where the article names this person or body: the name, and a last name no one else shares."""
        return self._occurrences(name)

    def _occurrences(self, name: str) -> list[tuple[int, int]]:
        text = self.text
        spans = [(m.start(), m.end()) for m in regex.finditer(r"\b" + regex.escape(name) + r"\b", text)]
        last = name.split()[-1] if name.split() else ""
        if last and last != name and len(last) > 2:
            full_names = {m.group(0) for m in regex.finditer(r"(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}" + regex.escape(last) + r"\b",
                                                            text)}
            firsts = {f.split()[0] for f in full_names if f.split()[0][:1].isupper()}
            firsts = {f for f in firsts if not self._title(f)}
            if len(firsts) <= 1:
                spans += [(m.start(), m.end()) for m in regex.finditer(r"\b" + regex.escape(last) + r"\b", text)]
        return sorted(set(spans))

    def _title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.g.titles

    def _role_word(self, word: str) -> bool:
        """A word that by itself matches a role pattern (`auditor`, `witness`)."""
        w = _norm(word.strip(",.")).lower()
        return bool(w) and any(p.fullmatch(w) for _, pats in self.g.roles for p in pats)

    def _chain(self, before: str) -> str:
        """The title chain right before a name: capitalised words and title words (`Former St. Louis police
        officer`, `Los Angeles County Finance Director`, `union president`), nothing before a verb or comma."""
        words = regex.findall(r"[^\s]+", before)
        # the rest of the name first (`Deputies Kyle` before `Ferris`): words that are neither titles nor roles
        skipped = 0
        while words and skipped < 2 and not words[-1].endswith(",") and not self._title(words[-1].strip(",")) \
                and not self._role_word(words[-1]) and words[-1][:1].isalpha():
            if not (words[-1][:1].isupper() or words[-1].islower() and self.text.islower()):
                break
            words.pop()
            skipped += 1
        keep: list[str] = []
        for w in reversed(words):
            bare = w.strip(",")
            if w.endswith(",") or not bare:
                break
            if bare[:1].isupper() or self._title(bare) or self._role_word(bare) or bare.lower() in ("of", "the", "for"):
                keep.append(bare)
            else:
                break
        while keep and keep[-1].lower() in ("of", "the", "for"):
            keep.pop()
        return " ".join(reversed(keep))

    def contexts(self, name: str) -> tuple[list[str], list[str]]:
        """(title evidence, other evidence) around every place the article names the person (computed once)."""
        if name not in self._contexts:
            self._contexts[name] = self._read_contexts(name)
        return self._contexts[name]

    def _read_contexts(self, name: str) -> tuple[list[str], list[str]]:
        text = self.text
        titles: list[str] = []
        others: list[str] = []
        for s, e in self._occurrences(name):
            while True:  # `Jake Rollins` when looking up `Rollins`
                m = regex.search(r"(\p{Lu}[\p{L}'’-]+)\s+$", text[max(0, s - 30):s])
                if not m or self._title(m.group(1)) or self._role_word(m.group(1)):
                    break
                s -= len(m.group(0))
            lo = max(0, s - 100, self.p.sentences[self.p.sentence_at(s)].start if self.p.sentences else 0)
            before = text[lo:s]
            cut = max([m.end() for m in BOUNDARY.finditer(before)] + [0])
            before = before[cut:]
            titles.append(self._chain(before))
            head, sep, tail = before.rstrip().rpartition(",")
            if sep and not tail.strip():
                others.append(head.rsplit(",", 1)[-1])  # `Keller’s attorney, Michael Dunn`
            after = text[e:e + 140]
            if after.startswith(","):
                stop = regex.search(r"[.;\n]|,\s*(?:said|says|told|added)\b", after[1:])
                seg = after[1:1 + stop.start()] if stop else after[1:]
                parts = seg.split(",")
                while len(parts) > 1 and not regex.search(r"\p{L}", parts[0]):
                    parts = parts[1:]  # `Curtis Lang, 52, who was charged …`: the age first
                seg = ",".join(parts)
                others.append(seg if seg.lstrip().startswith(("who", "which", "whose")) else parts[0])
            m = regex.search(r"([^.;:\n,]{0,80})\s(?:was|is)\s+$", before)
            if m:  # `(police said) the officer who fired his weapon was Marcos Alonso`
                others.append(regex.split(r"\b(?:said|says|told|that)\b", m.group(1))[-1])
        return [t for t in titles if t], [o.strip() for o in others if o.strip()]

    def _match(self, strings: list[str], at_end: bool = False, exclude: tuple[str, ...] = ()) -> str | None:
        """The first role of the grammar's order with a pattern in one of the strings; with at_end, the
        pattern must end the string (the head of a title chain decides: `Police Department officer`)."""
        normed = [_norm(s).rstrip(" ,") for s in strings]
        for role, patterns in self.g.roles:
            if role in exclude:
                continue
            for p in patterns:
                for s in normed:
                    if any((not at_end or m.end() == len(s)) for m in p.finditer(s)):
                        return role
        return None

    def _client_role(self, strings: list[str], at: int, name: str) -> str | None:
        """`Keller’s attorney` / `his lawyer`: the role of the client, when the phrase names one."""
        for s in strings:
            m = CLIENT.search(_norm(s))
            if not m or m.group(3).lower() not in self.g.client_heads:
                continue
            client = m.group(1)
            if client is None:  # a possessive pronoun: the nearest proper noun before it that is not the speaker
                words = [w for w in self.p.words if w.end <= at and w.upos == "PROPN" and w.text not in name
                         and not self._title(w.text)]
                client = words[-1].text if words else None
            if client and client not in name:
                return self._person_role(client, allow_client=False)
        return None

    def _person_role(self, name: str, own: list[str] = (), allow_client: bool = True) -> str | None:
        titles, others = self.contexts(name)
        not_persons = ("court_document",)
        plain = [self._chain(o) for o in own if "," not in o]  # `Attorney Al Watkins`, not one with an apposition
        titled = self._match(titles + plain, at_end=True, exclude=not_persons)
        described = self._match(list(own) + others, exclude=not_persons)
        role = titled or described
        if titled == "police_officer" and described == "police_department" and any(
                SPOKESPERSON.search(o) for o in list(own) + others):
            role = described  # a lieutenant speaking as the department's spokesman
        if titled == "attorney" and described in ("defense_attorney", "prosecutor"):
            role = described  # `lawyer Jean Marchetti` … `The lawyer for a police officer convicted of assault`
        if allow_client and role in (None, "attorney"):
            first = next(iter(self._occurrences(name)), (0, 0))[0]
            client = self._client_role(list(own) + titles + others, first, name)
            if client is not None or role == "attorney":
                role = "defense_attorney" if client in self.g.defended_roles else "attorney"
        if role is None and self._acted_upon(name):
            role = "suspect"
        return role

    def _acted_upon(self, name: str) -> bool:
        last = name.split()[-1]
        for w in self.p.words:
            if w.text == last and w.deprel in ("obj", "obl", "nsubj:pass") and w.head >= 0:
                if self.p.words[w.head].lemma.lower() in self.g.suspect_verbs:
                    return True
        return False

    def affiliation(self, name: str, strings: list[str]) -> str | None:
        for s in strings:
            m = AFFILIATION.search(s)
            if m and m.group(1).strip() not in name:
                return m.group(1).strip()
        return None

    # -- the public step
    def role(self, sp: Speaker) -> tuple[str | None, str | None]:
        """(role, affiliation) for a resolved speaker."""
        if not sp.name:
            return None, None
        key = (sp.kind, sp.name)
        if key in self._cache:
            return self._cache[key]
        own = [x for x in (sp.text, sp.name) if x]
        if sp.kind == "person":
            titles, others = self.contexts(sp.name)
            ctx = own + others
            role = self._person_role(sp.name, own)
        else:
            ctx = own
            role = self._match(own)
            if role is None:
                role = {"document": "court_document", "anonymous": "anonymous_source"}.get(sp.kind, "other")
        result = (role, self.affiliation(sp.name, ctx))
        self._cache[key] = result
        return result
