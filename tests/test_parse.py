
import pytest
from conftest import SHARED

from quotes.parse import ModelError, pipeline_options, resolve_models

COMPACT = SHARED / "models" / "stanza-en"


def test_explicit_folder_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTES_MODELS", str(tmp_path))
    assert resolve_models(COMPACT) == COMPACT


def test_environment_variable(monkeypatch):
    monkeypatch.setenv("QUOTES_MODELS", str(COMPACT))
    assert resolve_models() == COMPACT


def test_stanza_resource_directory(monkeypatch, tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "resources.json").write_text("{}")
    monkeypatch.delenv("QUOTES_MODELS", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert resolve_models() == tmp_path
    opts = pipeline_options(tmp_path)
    assert opts["dir"] == str(tmp_path) and opts["download_method"] is None


def test_no_model_names_the_three_ways(monkeypatch, tmp_path):
    monkeypatch.delenv("QUOTES_MODELS", raising=False)
    monkeypatch.delenv("QUOTES_ALLOW_DOWNLOAD", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    with pytest.raises(ModelError) as e:
        resolve_models()
    msg = str(e.value)
    assert "--models" in msg and "STANZA_RESOURCES_DIR" in msg and "--fetch" in msg


def test_download_only_when_allowed(monkeypatch, tmp_path):
    monkeypatch.delenv("QUOTES_MODELS", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    assert resolve_models(allow_download=True) is None


def test_compact_manifest_options():
    opts = pipeline_options(COMPACT)
    assert opts["tokenize_model_path"].endswith("en_combined_tokenizer.pt")
    assert opts["allow_unknown_language"] is True and opts["download_method"] is None


def test_broken_manifest(tmp_path):
    (tmp_path / "manifest.json").write_text('{"processors": {"tokenize": "missing.pt", "depparse": "x.pt"}}')
    with pytest.raises(ModelError, match="model file missing"):
        pipeline_options(tmp_path)


def test_words_carry_offsets_into_the_text(extractor):
    text = "The officer didn’t fire, the union’s lawyer said."
    p = extractor.parser.parse_many([text])[0]
    for w in p.words:
        assert 0 <= w.start <= w.end <= len(text)
    assert [text[w.start:w.end] for w in p.words][:4] == ["The", "officer", "did", "n’t"]
