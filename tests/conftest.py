"""Shared fixtures. Tests that load the stanza models carry the `models` marker (set here for every test that
asks for `extractor` or a fixture built on it); they run offline with the compact models (QUOTES_MODELS, else
../shared/models/stanza-en; `QUOTES_MODELS=` set empty means none). Every other test runs on recorded parses
of corpus/ (`recorded`, tests/fixtures/record.py) or on parses built by hand (`tests/parses.py`)."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"
SEEDS_GOLD = SHARED / "seeds" / "seeds.gold.jsonl"
POLNEAR_GOLD = SHARED / "data" / "polnear" / "dev.gold.jsonl"
SCHEMA = ROOT / "quotes" / "output.schema.json"  # shipped in the package; tests/test_install checks the spec's

FIXTURES = ROOT / "tests" / "fixtures"
MODEL_FIXTURES = {"extractor", "seeds_docs", "seeds_out", "browser_extractor"}

if "QUOTES_MODELS" not in os.environ and (SHARED / "models" / "stanza-en" / "manifest.json").is_file():
    os.environ["QUOTES_MODELS"] = str(SHARED / "models" / "stanza-en")


def load_jsonl(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def pytest_collection_modifyitems(items):
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.models)


@pytest.fixture(scope="session")
def recorded():
    """The corpus parsed as the models parsed it when tests/fixtures/record.py last ran: no model loaded."""
    from quotes.parse import RecordedParser
    return RecordedParser.load(FIXTURES / "corpus.parses.jsonl")


@pytest.fixture(scope="session")
def corpus_extractor(recorded):
    from quotes import Extractor
    return Extractor(parser=recorded)


@pytest.fixture(scope="session")
def extractor():
    from quotes import Extractor
    return Extractor()


@pytest.fixture(scope="session")
def corpus_gold() -> list[dict]:
    return load_jsonl(CORPUS / "gold.jsonl")


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    return load_jsonl(SEEDS_GOLD)


@pytest.fixture(scope="session")
def corpus_docs(corpus_extractor, corpus_gold) -> dict[str, dict]:
    """The corpus extracted once for the whole session with its gold claims (as `quotes eval` does)."""
    return {d.doc_id: d.to_dict() for d in corpus_extractor.extract_many((g["doc_id"], g["text"], g.get("claims")) for g in corpus_gold)}


@pytest.fixture(scope="session")
def seeds_docs(extractor, seeds_gold) -> dict[str, dict]:
    return {d.doc_id: d.to_dict() for d in extractor.extract_many((g["doc_id"], g["text"], g.get("claims")) for g in seeds_gold)}


@pytest.fixture(scope="session")
def schema() -> dict:
    return orjson.loads(SCHEMA.read_bytes())


def find_quote(doc: dict, needle: str) -> dict:
    hits = [q for q in doc["quotes"] if needle in q["text"]]
    assert hits, f"no quote containing {needle!r} in {doc['doc_id']}: {[q['text'] for q in doc['quotes']]}"
    return hits[0]
