"""What a finder gives: a candidate quotation, its cue and the head of its speaker mention, before resolution."""

from __future__ import annotations

import attrs

from ..model import Cue


@attrs.frozen(slots=True)
class Found:
    """A candidate quotation before speakers are resolved."""

    start: int
    end: int
    type: str  # direct | indirect | mixed
    how: str  # which finder or pattern found it: marks, reported, according_to, statement, colon, dash
    cue: Cue | None = None
    cue_word: int | None = None  # the cue's word index in the parse
    speaker_head: int | None = None  # word index of the speaker mention's head
    speaker_span: tuple[int, int] | None = None  # the mention's characters, where no head word is known
    resolution: str = "none"  # explicit | continuation | none, as far as finding goes
    nested_in: int | None = None  # index of the smallest longer candidate whose span holds this one
