"""model.py: the data model on its own — frozen, its JSON, no imports of the surfaces."""

import subprocess
import sys

import attrs
import pytest

from quotes.model import Cue, Document, Quote, Speaker, Stance, flat


def test_importing_the_model_imports_nothing_else_of_the_package():
    code = "import sys, quotes.model; print(sorted(m for m in sys.modules if m.startswith('quotes')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['quotes', 'quotes.model']"


def test_objects_are_frozen_and_offsets_index_the_text():
    q = Quote("q1", "We will appeal.", 1, 16, "direct", Cue("said", 18, 22, "say", "assert"),
              Speaker("he", 23, 25, name="Dunn", kind="person"), 0, 0)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        q.text = "x"  # type: ignore[misc]
    d = Document("d", "0" * 64, quotes=(q,)).to_dict()
    assert d["quotes"][0]["cue"]["class"] == "assert" and d["quotes"][0]["stance"] == Stance().to_dict()
    assert flat(d)[0]["speaker"] == "Dunn" and flat(d)[0]["cue_class"] == "assert"
