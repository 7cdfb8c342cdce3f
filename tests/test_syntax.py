"""syntax.py: subjects, mentions and cue verbs, on parses built by hand (no model)."""

from parses import build, grammar

from quotes.syntax import full_mention, is_cue_verb, is_negated, mention, nearby_subject, subject, trim

SAID = build("The finance director said the video showed nothing .", "3 3 4 0 6 7 4 7 4",
             "det compound nsubj root det nsubj ccomp obj punct", "DET NOUN NOUN VERB DET NOUN VERB PRON PUNCT",
             "the finance director say the video show nothing .", feats={4: "VerbForm=Fin|Tense=Past"})


def test_subject_and_its_mention():
    s = subject(SAID, 3, grammar())
    assert SAID.words[s].text == "director"
    assert SAID.text[slice(*mention(SAID, s, grammar()))] == "The finance director"


def test_cue_verbs_are_active_and_not_negated():
    g = grammar()
    assert is_cue_verb(SAID, 3, g) and not is_cue_verb(SAID, 6, g)  # `showed` needs an evidence subject
    passive = build("It was said .", "3 3 0 3", "nsubj:pass aux:pass root punct", "PRON AUX VERB PUNCT",
                    "it be say .", feats={3: "Voice=Pass"})
    assert not is_cue_verb(passive, 2, g)
    never = build("Lang never said it .", "3 3 0 3 3", "nsubj advmod root obj punct", "PROPN ADV VERB PRON PUNCT",
                  "Lang never say it .")
    assert is_negated(never, 2, g) and not is_cue_verb(never, 2, g)


def test_evidence_verb_with_an_evidence_subject():
    p = build("The autopsy shows that he ran .", "2 3 0 6 6 3 3", "det nsubj root mark nsubj ccomp punct",
              "DET NOUN VERB SCONJ PRON VERB PUNCT", "the autopsy show that he run .")
    assert is_cue_verb(p, 2, grammar())
    video = build("The video shows that he ran .", "2 3 0 6 6 3 3", "det nsubj root mark nsubj ccomp punct",
                  "DET NOUN VERB SCONJ PRON VERB PUNCT", "the video show that he run .")
    assert not is_cue_verb(video, 2, grammar())  # what footage shows is the writer's description


def test_nearby_subject_passes_function_words_not_relative_pronouns():
    g = grammar()
    p = build("Lester responded by saying no .", "2 0 4 2 4 2", "nsubj root mark advcl obj punct",
              "PROPN VERB SCONJ VERB INTJ PUNCT", "Lester respond by say no .")
    assert p.words[nearby_subject(p, 3, g)].text == "Lester"
    rel = build("the man who said", "2 0 4 2", "det root nsubj acl:relcl", "DET NOUN PRON VERB",
                "the man who say")
    assert nearby_subject(rel, 3, g) is None  # `who` is not the speaker; its noun is (resolve reads that)


def test_full_mention_stops_short_of_the_quote():
    p = build("Jeffrey Trimble , a senior official , said", "8 1 6 6 6 1 1 0",
              "nsubj flat punct det amod appos punct root", "PROPN PROPN PUNCT DET ADJ NOUN PUNCT VERB")
    assert p.text[slice(*full_mention(p, 0, (40, 50)))] == "Jeffrey Trimble , a senior official"
    assert full_mention(p, 0, (0, 5)) is None


def test_trim_drops_complementizer_and_punctuation():
    p = build("that the raid was legal .", "5 3 5 5 0 5", "mark det nsubj cop root punct",
              "SCONJ DET NOUN AUX ADJ PUNCT")
    assert trim(p, list(range(6)), grammar()) == [1, 2, 3, 4]


def test_a_framed_cue_reports_only_in_its_frame():
    """`read` reports with a document for subject, also as the tagger's noun after it (`the letter reads`);
    `put` with `as` and `it` (`as one senator put it`); elsewhere they are plain verbs."""
    reads = build("the letter reads", "2 3 0", "det nsubj root", "DET NOUN VERB", "the letter read")
    assert is_cue_verb(reads, 2, grammar())
    noun = build("the letter reads", "3 3 0", "det compound root", "DET NOUN NOUN", "the letter read")
    assert is_cue_verb(noun, 2, grammar())
    person = build("she read the report", "2 0 4 2", "nsubj root det obj", "PRON VERB DET NOUN", "she read the report")
    assert not is_cue_verb(person, 1, grammar())
    put = build("As one senator put it", "4 3 4 0 4", "mark nummod nsubj root obj", "SCONJ NUM NOUN VERB PRON",
                "as one senator put it")
    assert is_cue_verb(put, 3, grammar())
    table = build("He put it on the table", "2 0 2 6 6 2", "nsubj root obj case det obl",
                  "PRON VERB PRON ADP DET NOUN", "he put it on the table")
    assert not is_cue_verb(table, 1, grammar())


def test_a_negation_set_off_by_punctuation_belongs_to_the_quote_not_the_cue():
    """`“Probably not,” Ames said` parsed (as the models do) with the quote's `not` on `said`."""
    p = build("Probably not , \" Ames said .", "2 6 2 2 6 0 6", "advmod advmod punct punct nsubj root punct",
              "ADV PART PUNCT PUNCT PROPN VERB PUNCT", "probably not , \" Ames say .", feats={6: "VerbForm=Fin"})
    assert not is_negated(p, 5, grammar()) and is_cue_verb(p, 5, grammar())
    said = build("Ames did not say it .", "4 4 4 0 4 4", "nsubj aux advmod root obj punct",
                 "PROPN AUX PART VERB PRON PUNCT", "Ames do not say it .")
    assert is_negated(said, 3, grammar())
