import pytest

from quotes.grammar import GrammarError, default_dir, load


def test_shipped_grammar_loads():
    g = load()
    assert g.cue_class["say"] == "assert" and g.cue_class["deny"] == "deny"
    assert "according to" in g.phrases["according_to"]
    assert "“" in g.marks["open_double"] and "officer" in g.titles


def test_user_folder_extends_lists(tmp_path):
    (tmp_path / "cues.toml").write_text('[classes.assert]\nverbs = ["opine"]\n', encoding="utf-8")
    g = load(tmp_path)
    assert g.cue_class["opine"] == "assert" and g.cue_class["say"] == "assert"


def test_malformed_toml_names_file_and_line(tmp_path):
    (tmp_path / "attribution.toml").write_text('titles = ["judge"\n\n[pronouns\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"attribution\.toml:\d+: invalid TOML"):
        load(tmp_path)


def test_wrong_type_names_file_and_line(tmp_path):
    (tmp_path / "cues.toml").write_text('# comment\n[classes.deny]\nverbs = "deny"\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"cues\.toml:3: verbs: must be a list"):
        load(tmp_path)


def test_verb_in_two_classes_is_an_error(tmp_path):
    (tmp_path / "cues.toml").write_text('[classes.deny]\nverbs = ["say"]\n', encoding="utf-8")
    with pytest.raises(GrammarError, match="two classes"):
        load(tmp_path)


def test_a_predicative_verb_takes_one_marker_word(tmp_path):
    (tmp_path / "cues.toml").write_text('[predicative]\ndenounce = "as"\n', encoding="utf-8")
    g = load(tmp_path)
    assert g.predicative["denounce"] == "as" and g.predicative["accuse"] == "of" and g.predicative["label"] == ""
    (tmp_path / "cues.toml").write_text('[predicative]\n\nbrand = "in the name of"\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"cues\.toml:\d+: \"brand\": needs a verb"):
        load(tmp_path)


def test_missing_folder(tmp_path):
    with pytest.raises(GrammarError, match="not found"):
        load(tmp_path / "nope")
    assert (default_dir() / "cues.toml").is_file()


def test_malformed_roles_file_names_file_and_line(tmp_path):
    (tmp_path / "roles.toml").write_text('order = ["prosecutor", "sheriff"]\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"roles\.toml:1: \"sheriff\": unknown role"):
        load(tmp_path)
    (tmp_path / "roles.toml").write_text('[roles.judge]\npatterns = ["judge(("]\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"roles\.toml:2: .*bad pattern"):
        load(tmp_path)
    (tmp_path / "roles.toml").write_text('[roles.judge\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"roles\.toml:1: invalid TOML"):
        load(tmp_path)


def test_one_pronoun_table_gives_every_pronoun_set():
    g = load()
    assert {"i", "we", "me", "us", "my", "our"} <= g.first_person and "he" not in g.first_person
    assert g.self_words == {"he", "him", "his", "she", "her", "i", "me", "my"}
    assert g.client_possessives == {"his", "her", "their"}
    assert "that" in g.relative and "that" not in g.wh_relative


def test_role_precedence_and_defaults_are_checked(tmp_path):
    (tmp_path / "roles.toml").write_text('[[precedence]]\ntitle = "sheriff"\ndescribed = ["judge"]\n',
                                         encoding="utf-8")
    with pytest.raises(GrammarError, match="roles.toml:1: \\[\\[precedence\\]\\]"):
        load(tmp_path)
    (tmp_path / "roles.toml").write_text('[defaults]\ndocument = "paperwork"\n', encoding="utf-8")
    with pytest.raises(GrammarError, match="document =: unknown role"):
        load(tmp_path)


def test_a_pronoun_needs_its_features(tmp_path):
    (tmp_path / "attribution.toml").write_text('[pronouns]\nyou = { person = 4 }\n', encoding="utf-8")
    with pytest.raises(GrammarError, match="you =: a pronoun needs"):
        load(tmp_path)


def test_a_number_that_is_a_boolean_is_refused(tmp_path):
    (tmp_path / "attribution.toml").write_text("[statement]\nmax_paragraphs = true\n", encoding="utf-8")
    with pytest.raises(GrammarError, match="attribution.toml:2: max_paragraphs: must be a positive whole number"):
        load(tmp_path)


@pytest.mark.parametrize("name, content, message", [
    ("stance.toml", '[negaton]\nwords = ["nah"]\n', r"stance\.toml:1: negaton: no such table or key"),
    ("cues.toml", '[classes.deny]\nverb = ["rebut"]\n', r"cues\.toml:2: verb: no such table or key"),
    ("stance.toml", '[cue]\noppose = ["denial"]\n', r'stance\.toml:2: "denial": no cue class of this name'),
    ("cues.toml", '[prepositional]\n"push for" = "asert"\n', r'cues\.toml:2: "asert": no cue class'),
    ("cues.toml", '[nominal]\nclaims = ["rumour"]\n', r'cues\.toml:\d+: "claims": no cue class'),
    ("marks.toml", '[[pair]]\nopen = ["‹‹"]\nclose = []\nlevel = "double"\n', r"marks\.toml:3: close: .*at least one"),
    ("cue.toml", '[classes.assert]\nverbs = ["opine"]\n', r"cue\.toml: not a grammar file"),
])
def test_an_extension_that_would_do_nothing_is_refused(tmp_path, name, content, message):
    """A misspelt table or key, a cue class that does not exist, a mark pair that closes with nothing and a
    file of another name would load and silently change nothing."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(GrammarError, match=message):
        load(tmp_path)


def test_every_key_of_the_shipped_grammar_is_read():
    """load() refuses a key nothing reads, so the shipped files loading proves none of theirs is dead (a key
    written under the last [[pair]] table once belonged to that table and was never read)."""
    g = load()
    assert "n" in g.apostrophe_words and "90s" not in g.apostrophe_words


def test_stance_weights_name_the_features_the_code_reads(tmp_path):
    """[weights] in a user's stance.toml replace the shipped ones; a feature the code does not compute is an
    error naming the file, not a weight silently ignored."""
    (tmp_path / "stance.toml").write_text('[weights.support]\nbias = 1.0\nloudness = 2.0\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"stance\.toml"):
        load(tmp_path)
    assert set(load().stance.weights) == {"support", "oppose", "neutral"}  # the shipped weighting


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_stance_weight_that_is_no_finite_number_is_refused(tmp_path, value):
    (tmp_path / "stance.toml").write_text(f"[weights.support]\nbias = {value}\n", encoding="utf-8")
    with pytest.raises(GrammarError, match=r"stance\.toml:\d+: support: weights are finite numbers"):
        load(tmp_path)


@pytest.mark.parametrize(("body", "error"), [('recite = "poem"', r"cues\.toml:\d+: \"recite\": needs a frame"),
                                           ('say = "document"', r"\"say\": is a cue of its own")])
def test_a_framed_verb_needs_a_known_frame_and_no_class_of_its_own(tmp_path, body, error):
    g = load()
    assert g.framed["read"] == "document" and g.cue_class["read"] == "assert"
    (tmp_path / "cues.toml").write_text(f"[framed]\n{body}\n", encoding="utf-8")
    with pytest.raises(GrammarError, match=error):
        load(tmp_path)


def test_an_object_verb_must_be_a_cue(tmp_path):
    """`cite` sat in [object] with no class, so nothing it said was ever read: the loader now says so."""
    (tmp_path / "cues.toml").write_text('[object]\nverbs = ["reference"]\n', encoding="utf-8")
    with pytest.raises(GrammarError, match=r"\"reference\": is in \[object\] but in no cue class"):
        load(tmp_path)
