"""The recorded parses (tests/fixtures/record.py) are current: made from today's corpus with today's models."""

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
import record  # noqa: E402

STALE = "the recorded parses are stale: run `python tests/fixtures/record.py` and commit what it writes"


def test_recorded_from_the_corpus_as_it_is():
    meta = json.loads(record.META.read_text("utf-8"))
    assert meta["sources"] == record.sources(), STALE


@pytest.mark.models
def test_the_models_parse_as_recorded(recorded):
    from quotes.parse import StanzaParser, to_json
    meta = json.loads(record.META.read_text("utf-8"))
    manifest = Path(os.environ["QUOTES_MODELS"]) / "manifest.json"
    if manifest.is_file():
        import hashlib
        assert meta["models"] == hashlib.sha256(manifest.read_bytes()).hexdigest(), STALE
    fresh = record.record(StanzaParser())
    assert set(fresh) == set(recorded.parses), STALE
    assert all(to_json(fresh[t]) == to_json(recorded.parses[t]) for t in fresh), STALE
