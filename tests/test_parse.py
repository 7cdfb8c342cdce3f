
import os
import subprocess
import sys

import orjson
import pytest
from conftest import ROOT, SHARED

from quotes.parse import ModelError, _no_optimizers, pipeline_options, resolve_models

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


def test_both_tokenizers_give_the_texts_words_and_copy_without_capitals_goes_to_stanzas(extractor):
    from quotes import tokens
    from quotes.parse import StanzaParser

    text = (ROOT / "corpus" / "chokehold-experts.txt").read_text("utf-8")
    lower = (ROOT / "corpus" / "degraded-lakeside-copy.txt").read_text("utf-8")
    neural = StanzaParser(tokenizer="stanza")
    ruled, flat = extractor.parser.parse_many([text, lower])
    assert [(s.start, s.end) for s in ruled.sentences] == [(t[0][0], t[-1][1]) for t in tokens.sentences(text)]
    assert "".join(w.text for w in ruled.words) == "".join(w.text for w in neural.parse_many([text])[0].words)
    assert flat == neural.parse_many([lower])[0]


def test_a_parse_survives_its_json(recorded):
    from quotes.parse import from_json, to_json
    p = next(iter(recorded.parses.values()))
    assert from_json(orjson.loads(orjson.dumps(to_json(p)))) == p


def test_recorded_parser_names_what_it_lacks(recorded):
    with pytest.raises(KeyError, match="not recorded"):
        recorded.parse_many(["a text nobody recorded"])


def test_stitch_offsets_the_pieces():
    from parses import build

    from quotes.parse import stitch
    a = build("He said so .", "2 0 2 2", "nsubj root advmod punct", "PRON VERB ADV PUNCT")
    b = build("She agreed .", "2 0 2", "nsubj root punct", "PRON VERB PUNCT")
    text = "He said so .\n\nShe agreed ."
    p = stitch(text, [(0, a), (14, b)])
    assert [text[w.start:w.end] for w in p.words] == ["He", "said", "so", ".", "She", "agreed", "."]
    assert [w.head for w in p.words] == [1, -1, 1, 1, 5, -1, 5] and [s.first for s in p.sentences] == [0, 4]
    assert p.sentence_at(15) == 1 and list(p.words_in(14, 24)) == [4, 5]


@pytest.mark.models
def test_loading_the_models_builds_no_training_machinery():
    """stanza's trainers make optimizers even to parse, which imports torch._dynamo (half the load time);
    the parser is built without them, and parses as before."""
    code = ("import sys; from quotes.parse import StanzaParser; p = StanzaParser(); "
            "w = p.parse_many(['The chief said the officer was cleared.'])[0].words; "
            "print('torch._dynamo' in sys.modules, [x.deprel for x in w])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout.split(None, 1)
    assert out[0] == "False"
    assert "'nsubj'" in out[1] and "'ccomp'" in out[1]


def test_the_optimizers_are_put_back_even_when_the_build_fails():
    from stanza.models.common import utils

    made = utils.get_optimizer, utils.get_split_optimizer
    with pytest.raises(ValueError), _no_optimizers():
        assert utils.get_optimizer("adam", None, 0.1) is None and utils.get_split_optimizer("adam", None, 0.1) == {}
        raise ValueError("a corrupt checkpoint")
    assert (utils.get_optimizer, utils.get_split_optimizer) == made


def test_empty_texts_and_a_token_longer_than_the_taggers_read(extractor):
    blob = "x" * 3000
    empty, blank, long = extractor.parser.parse_many(["", "  \n\n ", f"He said {blob} was there."])
    assert empty.words == blank.words == ()
    assert [(w.text, w.start, w.end) for w in long.words][2] == ("<UNK>", 8, 3008)  # offsets still the text's
