"""Roles and affiliations of speakers, from what the article says of them (grammars/roles.toml).

For a person the evidence is read around every place the article names them: the title chain before the
name (`Former St. Louis police officer Jason Stockley`), the phrase set off by a comma before it
(`Keller’s attorney, Michael Dunn`), the apposition or relative clause after it (`Jeff Roorda, who is with
the St. Louis Police Officers’ Association`) and a copula (`the officer who fired his weapon was Marcos
Alonso`). A last name alone counts only when no two people in the article share it. Then:
* the first role of the grammar's order with a matching pattern wins; the grammar's `[[precedence]]` says
  when what is said of a person overrides their title;
* `X’s attorney`, `his lawyer`: a defence attorney when the client is an officer or a suspect, else an attorney;
* a person with no other role who is the object of a use-of-force verb (`confront Lester`) is a suspect;
* organisations, groups, documents and anonymous sources are judged by their own mention; one with no
  matching pattern takes the grammar's default role for its kind.
All of it is read through the document's `Names`, so a name's evidence is gathered once.
"""

from __future__ import annotations

import regex

from ..model import Speaker
from . import case
from .names import Names

BOUNDARY = regex.compile(r"[;:!?\n“”\"()\[\]]")  # sentence starts come from the parse (`Lt.` is no end)
CLIENT = regex.compile(r"(?:(\p{Lu}[\p{L}'’-]+)['’]s?|\b(\p{L}+))\s+(\w+)\s*$", regex.IGNORECASE)
CAPITALISED_BEFORE = regex.compile(r"(\p{Lu}[\p{L}'’-]+)\s+$")
NOT_PERSONS = ("court_document",)


def _norm(s: str) -> str:
    return s.replace("’", "'")


def _role_word(n: Names, word: str) -> bool:
    """A word that by itself matches a role pattern (`auditor`, `witness`)."""
    w = _norm(word.strip(",.")).lower()
    return bool(w) and n.memo("role word", w, lambda: any(p.fullmatch(w) for _, pats in n.g.roles for p in pats))


def chain(n: Names, before: str) -> str:
    """The title chain right before a name: capitalised words and title words (`Former St. Louis police
    officer`, `Los Angeles County Finance Director`, `union president`), nothing before a verb or comma."""
    words = regex.findall(r"[^\s]+", before)
    # the rest of the name first (`Deputies Kyle` before `Ferris`): words that are neither titles nor roles
    skipped = 0
    while words and skipped < 2 and not words[-1].endswith(",") and not n.is_title(words[-1].strip(",")) \
            and not _role_word(n, words[-1]) and words[-1][:1].isalpha():
        if not (words[-1][:1].isupper() or words[-1].islower() and n.view.islower()):
            break
        words.pop()
        skipped += 1
    keep: list[str] = []
    joiners = n.g.chain_joiners
    for w in reversed(words):
        bare = w.strip(",")
        if w.endswith(",") or not bare:
            break
        if bare[:1].isupper() or n.is_title(bare) or _role_word(n, bare) or bare.lower() in joiners:
            keep.append(bare)
        else:
            break
    while keep and keep[-1].lower() in joiners:
        keep.pop()
    return " ".join(reversed(keep))


def contexts(n: Names, name: str) -> tuple[list[str], list[str]]:
    """(title evidence, other evidence) around every place the article names the person."""
    return n.memo("contexts", name, lambda: _read_contexts(n, name))


def _after(n: Names, after: str, at: int) -> str:
    """What an apposition or relative clause after a name says (`Curtis Lang, 52, who was charged …`); an
    apposition ends before a finite verb (`Mike Piccarreta, listen as Judge Foster gives …`: the sentence's
    own predicate, which the parser may have read as a noun)."""
    stop = regex.search(r"[.;\n]|,\s*(?:" + "|".join(n.g.context_report_verbs) + r")\b", after[1:])
    seg = after[1:1 + stop.start()] if stop else after[1:]
    parts = seg.split(",")
    while len(parts) > 1 and not regex.search(r"\p{L}", parts[0]):
        parts = parts[1:]  # the age first
    seg = ",".join(parts)
    if seg.lstrip().startswith(tuple(n.g.wh_relative)):
        return seg
    first = parts[0]
    start = at + 1 + after[1:].find(first)
    words = [n.p.words[i] for i in n.p.words_in(start, start + len(first))]
    finite = [k for k, w in enumerate(words) if w.upos in ("VERB", "AUX") and "VerbForm=Fin" in w.feats]
    if not finite:
        return first
    rel = [j for j, w in enumerate(words[:finite[0]]) if w.lemma.lower() in n.g.relative]
    if rel:  # `a police academy instructor who now consults for …`: the noun phrase and its relative clause
        return first
    return ""  # no closing comma before a finite verb: the sentence's own predicate, not an apposition


def _predicate(n: Names, at: int) -> bool:
    """The first word from `at` is a finite verb: what follows a comma is the sentence's predicate, not an
    apposition (`Piccarreta, listen as …` against `Piccarreta, his lawyer,` or `Lang, charged with …`)."""
    words = n.p.words_in(at, at + 40)
    if not words:
        return False
    w = n.p.words[words[0]]
    return w.upos in ("VERB", "AUX") and not any(f in w.feats for f in ("VerbForm=Part", "VerbForm=Ger"))


def _sentence_start(n: Names, at: int) -> int:
    """Where the sentence holding `at` starts, read past a split after a title (`Ald. Nick Sposato`)."""
    p = n.p
    if not p.sentences:
        return 0
    k = p.sentence_at(at)
    while k > 0:
        before = n.view[max(0, p.sentences[k].start - 15):p.sentences[k].start].split()
        if not before or not before[-1].endswith(".") or not n.is_title(before[-1]):
            break
        k -= 1
    return p.sentences[k].start


def _read_contexts(n: Names, name: str) -> tuple[list[str], list[str]]:
    text = n.view
    copula = regex.compile(r"([^.;:\n,]{0,80})\s(?:" + "|".join(n.g.context_copulas) + r")\s+$")
    reports = regex.compile(r"\b(?:" + "|".join(n.g.context_report_words) + r")\b")
    titles: list[str] = []
    others: list[str] = []
    for s, e in n.occurrences(name):
        while True:  # `Jake Rollins` when looking up `Rollins`
            m = CAPITALISED_BEFORE.search(text[max(0, s - 30):s])
            if not m or n.is_title(m.group(1)) or _role_word(n, m.group(1)):
                break
            s -= len(m.group(0))
        lo = max(0, s - 100, _sentence_start(n, s))
        before = text[lo:s]
        cut = max([m.end() for m in BOUNDARY.finditer(before)] + [0])
        before = before[cut:]
        titles.append(chain(n, before))
        head, sep, tail = before.rstrip().rpartition(",")
        if sep and not tail.strip():
            others.append(head.rsplit(",", 1)[-1])  # `Keller’s attorney, Michael Dunn`
        after = text[e:e + 140]
        if after.startswith(",") and not _predicate(n, e + 1):  # not `X and his attorney, Y, listen as …`
            others.append(_after(n, after, e))
        m = copula.search(before)
        if m:  # `(police said) the officer who fired his weapon was Marcos Alonso`
            others.append(reports.split(m.group(1))[-1])
    return [t for t in titles if t], [o.strip() for o in others if o.strip()]


def gender(n: Names, name: str) -> str | None:
    """`female` or `male` when what the article says right before the person's name or in an apposition ends
    in a word of one gender (`Mr Tomlinson’s widow Julia`, `Ms Jerram`) and nothing says the other."""
    def compute() -> str | None:
        titles, others = contexts(n, name)
        found = {g for t in titles if (g := n.g.role_words.gender(t))}
        found |= {g for o in others if (g := n.g.role_words.gender(n.g.role_words.phrase(o)))}
        return found.pop() if len(found) == 1 else None
    return n.memo("gender", name, compute)


def match(n: Names, strings: list[str], at_end: bool = False, exclude: tuple[str, ...] = ()) -> str | None:
    """The first role of the grammar's order with a pattern in one of the strings; with at_end, the
    pattern must end the string (the head of a title chain decides: `Police Department officer`)."""
    found = set().union(*(_roles_in(n, s, at_end) for s in strings))
    return next((role for role, _ in n.g.roles if role in found and role not in exclude), None)


def _roles_in(n: Names, text: str, at_end: bool) -> frozenset[str]:
    """Every role with a pattern in the text (ending it, with at_end), read once per document and text."""
    def compute() -> frozenset[str]:
        s = _norm(text).rstrip(" ,")
        return frozenset(role for role, patterns in n.g.roles
                         if any(not at_end or m.end() == len(s) for pat in patterns for m in pat.finditer(s)))
    return n.memo("roles in" if not at_end else "roles ending", text, compute)


def _client(n: Names, s: str, at: int, name: str) -> str | None:
    """The client a lawyer's description names: `Keller’s attorney`, `an attorney for Travis McMichael`, or
    `his lawyer` (the nearest proper noun before the mention that is not the lawyer)."""
    m = CLIENT.search(_norm(s))
    if m and m.group(3).lower() in n.g.client_heads and (m.group(2) is None
                                                         or m.group(2).lower() in n.g.client_possessives):
        client = m.group(1)
        if client is not None:
            return None if name.split() and client == name.split()[-1] else client  # `Keller’s …` of Keller
        words = [w for w in n.p.words if w.end <= at and w.upos == "PROPN" and w.text not in name
                 and not n.is_title(w.text)]
        return words[-1].text if words and words[-1].text not in name else None
    f = n.g.client_for.search(s)
    if f and not any(w in name.split() for w in f.group(1).split()):
        return f.group(1) + (f" {f.group(2)}" if f.group(2) else "")  # `an attorney for the Bell family`
    return None


def _client_side(n: Names, strings: list[str], at: int, name: str) -> str | None:
    """The side of a lawyer's client, when a description names one: by the client's party in the case, else
    by the client's role — a defended role, the victim's side (a family), or, for a person of no role the
    article states, the defence (the victim's side is the one the case model reads)."""
    for s in strings:
        client = _client(n, s, at, name)
        if not client:
            continue
        if match(n, [client]) in n.g.accusing_roles:  # `the Bell family`
            return "accusing"
        pt = case.party_of(n, n.fullest(client))
        if pt is not None:
            return "defending" if pt.party == case.ACCUSED else "accusing"
        role = person_role(n, client, allow_client=False)
        if role in n.g.defended_roles or role is None and client in n.p.text and _person(n, client):
            return "defending"
        return "accusing" if role in n.g.accusing_roles else None
    return None


def _unnamed_side(n: Names) -> str | None:
    """The side of a lawyer whose client the article does not name: the defence's in a case of an accused and
    no named victim (case.lone_side), else the one side whose lawyers the article speaks of."""
    return case.lone_side(n) or _article_side(n)


def _article_side(n: Names) -> str | None:
    """The one side whose lawyers the article speaks of, if only one: `defense attorneys` or a lawyer for the
    accused are the defence's, `the family's attorney` or one for the victim the victim side's. A lawyer of
    no named client in such an article is that side's (`the lawyers said` after `defense attorneys`)."""
    def compute() -> str | None:
        text = _norm(n.view)
        defence = dict(n.g.roles).get("defense_attorney", ())
        sides = {"defending"} if any(p.search(text) for p in defence) else set()
        owners = [m.group(1) + (f" {m.group(2)}" if m.group(2) else "") for m in n.g.client_for.finditer(n.view)]
        owners += [m.group(1) for m in n.memo("pattern", "owned lawyer", lambda: regex.compile(
            r"([\p{L}'’-]+)['’]s?\s+(?:" + "|".join(map(regex.escape, n.g.client_heads)) + r")\b")).finditer(n.view)]
        for owner in owners:
            first = regex.sub(r"['’]s?$", "", owner.split()[0])  # `Hayes’s family` → Hayes
            pt = case.party_of(n, n.fullest(first)) if owner[:1].isupper() else None
            if match(n, [owner]) in n.g.accusing_roles or pt is not None and pt.party != case.ACCUSED:
                sides.add("accusing")
            elif pt is not None:
                sides.add("defending")
        return sides.pop() if len(sides) == 1 else None
    return n.memo("case", "lawyers' side", compute)


def _person(n: Names, client: str) -> bool:
    """A client named as a person: one of the document's person names holds it."""
    return any(client.split()[-1] == full.split()[-1] for _, full in n.persons)


def _owner_role(n: Names, own: list[str]) -> str | None:
    """`Alm’s office`, `the mayor's spokesman`: a body that a person owns speaks in that person's role."""
    for s in own:
        m = n.g.owned.search(_norm(s))
        if m:
            owner = m.group(1)
            return (match(n, [owner], at_end=True) or by_head(n, [owner])
                    or (person_role(n, n.fullest(owner)) if owner[:1].isupper() else None))
    return None


def _lawyer(side: str | None) -> str:
    return "defense_attorney" if side == "defending" else "attorney"


def _preferred(n: Names, titled: str | None, described: str | None, said: list[str]) -> str | None:
    """The title's role, unless the grammar's precedence lets what is said of the person override it."""
    for title, over, condition in n.g.precedence:
        if titled == title and described in over and (condition is None or any(condition.search(o) for o in said)):
            return described
    return titled or described


def _led(n: Names, phrases: list[str]) -> list[str]:
    """What each phrase that ends in a leader's title names before it (`SHOPO President` → `SHOPO`)."""
    return [" ".join(w[:-1]) for p in phrases if len(w := p.split()) > 1 and w[-1].lower() in n.g.chain_leaders]


def by_head(n: Names, strings: list[str], exclude: tuple[str, ...] = ()) -> str | None:
    """The role of the first string whose head phrase ends in a role word of WordNet's."""
    return next((r for s in strings if (r := n.g.role_words.head(s)) is not None and r not in exclude), None)


def person_role(n: Names, name: str, own: list[str] | tuple[str, ...] = (), allow_client: bool = True) -> str | None:
    """A person's role: the title before their name decides (a legal system's short title such as `Det. Sgt.`
    or `PC` included), else what is said of them; the grammar's patterns first, then WordNet's role words at
    the head of each."""
    titles, others = contexts(n, name)
    plain = [chain(n, o) for o in own if "," not in o]  # `Attorney Al Watkins`, not one with an apposition
    chains = [n.expand(c) for c in titles + plain]
    titled = (match(n, chains, at_end=True, exclude=NOT_PERSONS)
              or next((r for c in chains if (r := n.g.role_words.before(c))), None)
              or next((r for c in chains if (r := n.g.role_words.ends(c)) and r not in NOT_PERSONS), None)
              or match(n, _led(n, chains), at_end=True, exclude=NOT_PERSONS))
    said = list(own) + others
    described = match(n, said, exclude=NOT_PERSONS) or by_head(n, said, NOT_PERSONS)
    role = _preferred(n, titled, described, list(own) + others)
    if allow_client and role in (None, "attorney"):
        first = next(iter(n.occurrences(name)), (0, 0))[0]
        client = _client_side(n, list(own) + titles + others, first, name) or (_unnamed_side(n) if role else None)
        if client is not None or role == "attorney":
            role = _lawyer(client)
    office = any(n.g.sometimes_prosecuting.search(s) for s in chains + said)
    if role == "prosecutor" and office and not case.criminal(n):
        role = n.g.not_prosecuting  # `Attorney General Ann Vole` announcing a review of a department
    pt = case.party_of(n, name)
    if pt is not None and pt.party == case.ACCUSED and role not in n.g.case["accused_keeps"]:
        return n.g.case["accused_role"]  # `Sen. Robert Ortt … pleaded not guilty`: a defendant
    if role is None and pt is None and _kin(n, name):
        role = "family"  # `what Zofia Cisowski already believed: the officers who confronted her son …`
    if role is None and _acted_upon(n, name):
        role = "suspect"
    return role


def _kin(n: Names, name: str) -> bool:
    """The person speaks of a relative of theirs in the sentence that names them: a possessive pronoun that
    agrees with them, then a family word (`Cisowski … her son`, `Mr King … his stepfather`)."""
    sex = gender(n, name)
    for s, e in n.occurrences(name):
        sent = n.p.sentences[n.p.sentence_at(s)]
        after = [n.p.words[i] for i in n.p.words_in(e, sent.end)]
        for w, nxt in zip(after, after[1:], strict=False):
            feats = n.g.pronouns.get(w.lemma.lower(), {}) if w.upos == "PRON" else {}
            if w.lemma.lower() not in n.g.client_possessives or feats.get("number") != "singular":
                continue
            if sex is not None and feats.get("gender") not in (None, sex):
                continue
            if match(n, [nxt.text], at_end=True) == "family" or n.g.role_words.head(nxt.text) == "family":
                return True
    return False


def _acted_upon(n: Names, name: str) -> bool:
    last = name.split()[-1]
    for w in n.p.words:
        if w.text == last and w.deprel in ("obj", "obl", "nsubj:pass") and w.head >= 0:
            if n.p.words[w.head].lemma.lower() in n.g.suspect_verbs:
                return True
    return False


def affiliation(n: Names, name: str, strings: list[str]) -> str | None:
    for s in strings:
        m = n.g.affiliation.search(s)
        if m and m.group(1).strip() not in name:
            return m.group(1).strip()
    return None


def _body_role(n: Names, sp: Speaker, own: list[str]) -> str | None:
    """A body, group, document or anonymous source: by its own mention; a body of lawyers takes its
    client's side; else the grammar's default for its kind."""
    # the head phrase first (`an autopsy | released by the Coroner's office`), but an anonymous source is one
    # by its whole mention (`officials who spoke on condition of anonymity`)
    heads = [h for o in own if (h := n.g.role_words.phrase(o))] if sp.kind != "anonymous" else []
    found = match(n, heads) or match(n, own) or by_head(n, own) or _owner_role(n, own)
    if found == "attorney":
        first = next(iter(n.occurrences(sp.name or "")), (sp.start or 0, 0))[0]
        return _lawyer(_client_side(n, own, first, "") or _unnamed_side(n))
    return found or n.g.default_roles.get(sp.kind, n.g.default_roles.get("other"))


def _place(n: Names, name: str) -> bool:
    """A place the article names (`Ferguson`), or a description of one's spokesperson (`A Ferguson spokesman`)."""
    words = name.split()
    if words and words[0].lower() in n.g.articles:
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in n.g.chain_leaders:
        words = words[:-1]
    return bool(words) and " ".join(words).lower() in n.places()


def _proper(name: str) -> bool:
    """A name, not a description: its words past the first are capitalised (`The Civilian Office …`, not
    `a defense expert`)."""
    words = [w for w in name.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words[1:] or words)


WINDOW = (100, 140)  # characters before and after a mention in which its role is read


def evidence(n: Names, role: str | None, spoken: list[tuple[int, int]], named: list[tuple[int, int]]
             ) -> tuple[tuple[tuple[int, int], ...], float]:
    """Where the article says what gives `role` — the words its patterns match at a mention the entity
    speaks under (`spoken`) or around any place it is named (`named`) — and a confidence: 0.9 when said where
    it speaks, 0.75 when said elsewhere in the article, 0.5 when only inferred (a default, use of force)."""
    if role is None:
        return (), 0.0
    pats = [p for r, ps in n.g.roles for p in ps if r == role or (role == "defense_attorney" and r == "attorney")]
    found: dict[tuple[int, int], bool] = {}
    for mentions, own in ((spoken, True), (named, False)):
        for s, e in mentions:
            lo = max(0, s - WINDOW[0]) if not own else s
            hi = min(len(n.view), e + WINDOW[1]) if not own else e
            window = _norm(n.view[lo:hi])
            for p in pats:
                for m in p.finditer(window):
                    found.setdefault((lo + m.start(), lo + m.end()), own)
    spans = tuple(sorted(found)[:8])
    if not spans:
        return (), 0.5
    return spans, 0.9 if any(found.values()) else 0.75


def role(n: Names, sp: Speaker) -> tuple[str | None, str | None]:
    """(role, affiliation) for a resolved speaker, from its own mention and what the article says of it."""
    if not sp.name:
        return None, None
    own = [x for x in (sp.text, sp.name) if x]
    if _place(n, sp.name):
        return n.g.place_role, None
    expanded = [x for o in own if (x := n.expand(o)) != o]  # `the COPA`: the Civilian Office of Police Accountability
    if expanded:
        return _body_role(n, sp, own + expanded), affiliation(n, sp.name, own + expanded)
    if sp.kind == "person" and not _proper(sp.name):  # a description (`a defense expert`): its own head decides
        heads = [h for o in own if (h := n.g.role_words.phrase(o))]
        found = (match(n, _led(n, heads), at_end=True, exclude=NOT_PERSONS)  # `a family representative`
                 or match(n, heads, at_end=True, exclude=NOT_PERSONS) or by_head(n, own, NOT_PERSONS))
        if found == "attorney":
            found = _lawyer(_client_side(n, own, sp.start or 0, sp.name) or _unnamed_side(n))
        if found is not None:
            return found, affiliation(n, sp.name, own)
    if sp.kind == "person":
        _, others = contexts(n, sp.name)
        ctx = own + others
        found = person_role(n, sp.name, own)
    else:
        ctx = own
        found = _body_role(n, sp, own)
    return found, affiliation(n, sp.name, ctx)
