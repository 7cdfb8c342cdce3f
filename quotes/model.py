"""The data model: frozen attrs classes whose offsets index the original text.

Every object that points into a document carries `start`/`end` as Python str offsets (code points) into the
exact text that was given to the extractor. `to_dict()` of each class is the one place that produces its JSON
(spec/output.md), and `flat` the one flat row per quote that tables and pandas read; `quotes.emit` writes
them out. This module imports nothing else of the package.
"""

from __future__ import annotations

from typing import Any

import attrs

ROLES = (
    "prosecutor", "defense_attorney", "attorney", "police_union", "police_officer", "police_department",
    "judge", "court_document", "official", "witness", "family", "suspect", "expert", "anonymous_source",
    "media", "other",
)
KINDS = ("person", "organization", "group", "document", "anonymous", "unknown")
RESOLUTIONS = ("explicit", "coreference", "apposition", "continuation", "none")
QUOTE_TYPES = ("direct", "indirect", "mixed")
STANCE_LABELS = ("support", "oppose", "neutral")
PARTIES = ("accused", "victim", "family")
SIDES = ("accusing", "defending")


@attrs.frozen(slots=True)
class Cue:
    """The reporting expression: `said`, `according to`, `released the following statement`."""

    text: str
    start: int
    end: int
    lemma: str
    cls: str  # the grammar class: assert, claim, deny, confirm, according_to, statement, ...

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "lemma": self.lemma, "class": self.cls}


@attrs.frozen(slots=True)
class Speaker:
    """Who said it: the mention at the attribution site and what it resolved to."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    entity: str | None = None
    name: str | None = None
    kind: str = "unknown"
    role: str | None = None
    resolution: str = "none"
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen(slots=True)
class Stance:
    label: str = "neutral"
    score: float = 0.0
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": self.score, "evidence": list(self.evidence)}


@attrs.frozen(slots=True)
class Claim:
    id: str
    text: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    type: str
    cue: Cue | None
    speaker: Speaker
    paragraph: int
    sentence: int
    stance: Stance = Stance()
    claim: Claim | None = None
    nested_in: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "stance": self.stance.to_dict(),
            "claim": {"id": self.claim.id, "text": self.claim.text} if self.claim else None,
            "nested_in": self.nested_in,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
        }


@attrs.frozen(slots=True)
class Entity:
    id: str
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    title: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()
    evidence: tuple[tuple[int, int], ...] = ()  # where the article says what gives the role
    confidence: float = 0.0  # of the role: said where it speaks, said elsewhere, or only inferred

    def to_dict(self) -> dict[str, Any]:
        d = attrs.asdict(self)
        d["mentions"] = [list(m) for m in self.mentions]
        d["evidence"] = [list(m) for m in self.evidence]
        return d


@attrs.frozen(slots=True)
class Case:
    """The parties of the case as the article states them, and the side each speaker speaks for."""

    parties: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...] = ()  # (entity id, party, evidence)
    sides: tuple[tuple[str, str], ...] = ()  # (speaker entity id, accusing | defending)

    def to_dict(self) -> dict[str, Any] | None:
        if not self.parties and not self.sides:
            return None
        return {"parties": [{"entity": e, "party": party, "evidence": [list(x) for x in ev]}
                            for e, party, ev in self.parties],
                "sides": dict(self.sides)}


@attrs.frozen(slots=True)
class Error:
    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "message": self.message}


@attrs.frozen(slots=True)
class Document:
    """One input document and everything found in it; an error record when it could not be processed."""

    doc_id: str
    text_sha256: str
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    case: Case = Case()
    meta: dict[str, Any] = attrs.field(factory=dict)
    error: Error | None = None
    text: str | None = attrs.field(default=None, repr=False)  # the input text; in the JSON only on request

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per quote, for `pandas.DataFrame(doc.to_records())`."""
        return flat(self.to_dict())

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        out = {
            "doc_id": self.doc_id,
            "text_sha256": self.text_sha256,
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "claims": [
                {
                    "id": c.id,
                    "text": c.text,
                    "support": [q.id for q in self.quotes if q.claim and q.claim.id == c.id and q.stance.label == "support"],
                    "oppose": [q.id for q in self.quotes if q.claim and q.claim.id == c.id and q.stance.label == "oppose"],
                }
                for c in self.claims
            ],
            "case": self.case.to_dict(),
            "meta": dict(self.meta),
            "error": self.error.to_dict() if self.error else None,
        }
        if with_text and self.text is not None:
            out["text"] = self.text
        return out


def flat(d: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat dict per quote of a document's JSON (`pandas.DataFrame(flat(doc.to_dict()))`)."""
    entities = {e["id"]: e for e in d.get("entities", [])}
    out = []
    for q in d.get("quotes", []):
        sp, cue, claim, st = q.get("speaker") or {}, q.get("cue") or {}, q.get("claim") or {}, q.get("stance") or {}
        ent = entities.get(sp.get("entity") or "", {})
        out.append({
            "doc_id": d.get("doc_id"), "quote_id": q["id"], "speaker": sp.get("name") or sp.get("text"),
            "speaker_text": sp.get("text"), "kind": sp.get("kind"), "role": sp.get("role"),
            "affiliation": ent.get("affiliation"), "resolution": sp.get("resolution"), "type": q["type"],
            "quote": q["text"], "start": q["start"], "end": q["end"], "cue": cue.get("text"),
            "cue_class": cue.get("class"), "stance": st.get("label"), "stance_score": st.get("score"),
            "claim_id": claim.get("id"), "claim": claim.get("text"), "paragraph": q.get("paragraph"),
            "sentence": q.get("sentence"), "nested_in": q.get("nested_in"),
        })
    return out
