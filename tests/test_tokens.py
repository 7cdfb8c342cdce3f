"""The rule tokenizer (quotes.tokens): tokens and sentences in the treebanks' conventions, by character spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes import tokens
from quotes.grammar import GrammarError, load
from quotes.normalize import uncased

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def cut(text: str) -> list[list[str]]:
    """Each sentence's tokens, a multi-word token marked with *."""
    return [[text[s:e] + ("*" if mw else "") for s, e, mw in sent] for sent in tokens.sentences(text)]


def test_titles_and_initials_keep_their_period_and_the_sentence():
    text = "Sgt. Alan Fisk and Dr. J. Ruiz spoke. Ald. Nora Vey did not."
    assert cut(text) == [["Sgt.", "Alan", "Fisk", "and", "Dr.", "J.", "Ruiz", "spoke", "."],
                         ["Ald.", "Nora", "Vey", "did", "not", "."]]


def test_a_short_capitalised_word_without_vowels_is_a_title_and_marks_run_together():
    text = "RCMP Cst. Jane Roy spoke in Washington, D.C. The crowd cheered!!! Why?? Nobody knew."
    assert cut(text) == [["RCMP", "Cst.", "Jane", "Roy", "spoke", "in", "Washington", ",", "D.C."],
                         ["The", "crowd", "cheered", "!!!"], ["Why", "??"], ["Nobody", "knew", "."]]


def test_a_short_word_with_a_vowel_is_no_title_and_its_period_ends_the_sentence():
    text = "“Oh. Okay,” she said of the Sea Org. Members of A. Ruiz’s staff agreed."
    assert cut(text) == [["“", "Oh", "."], ["Okay", ",", "”", "she", "said", "of", "the", "Sea", "Org", "."],
                         ["Members", "of", "A.", "Ruiz’s*", "staff", "agreed", "."]]


def test_an_abbreviation_ends_a_sentence_only_before_an_opener():
    text = "She moved to the U.S. The move was hard. The U.S. Attorney declined at 9 p.m. Friday."
    assert [s[-2:] for s in cut(text)] == [["the", "U.S."], ["hard", "."], ["Friday", "."]]


def test_a_vowelless_abbreviation_is_no_title():
    text = "The plant near Baltimore, Md. The owner, Acme Ltd. Police came. Nor would I. It rained."
    assert [s[-1] for s in cut(text)] == ["Md.", "Ltd.", ".", "I.", "."]


def test_numbering_keeps_its_period_only_before_a_number():
    assert cut("It was No. 5 on the list, no. Then it fell.") == [
        ["It", "was", "No.", "5", "on", "the", "list", ",", "no", "."], ["Then", "it", "fell", "."]]


def test_a_question_inside_a_quotation_does_not_end_the_sentence_before_its_cue():
    text = "“Why now?” she asked. “Because.” Then he left."
    assert cut(text) == [["“", "Why", "now", "?", "”", "she", "asked", "."], ["“", "Because", ".", "”"],
                         ["Then", "he", "left", "."]]


def test_clitics_are_marked_for_the_parsers_multiword_model():
    assert cut("Officers don’t know Brown Jr.'s lawyer's name, and we cannot say.") == [
        ["Officers", "don’t*", "know", "Brown", "Jr.", "'s", "lawyer's*", "name", ",", "and", "we", "cannot*",
         "say", "."]]


def test_hyphens_split_except_after_a_prefix_and_numbers_hold_together():
    assert cut("A 26-year-old co-founder paid $1,500.50 at 12:45 on 3/4 -- twice.") == [
        ["A", "26", "-", "year", "-", "old", "co-founder", "paid", "$", "1,500.50", "at", "12:45", "on", "3/4", "--",
         "twice", "."]]


def test_addresses_stay_whole():
    text = "Write to tips@example.org or see https://example.org/a?b=1. Follow @cityhall #vote."
    assert cut(text)[0][2:6] == ["tips@example.org", "or", "see", "https://example.org/a?b=1"]
    assert cut(text)[1] == ["Follow", "@cityhall", "#vote", "."]


def test_every_paragraph_starts_a_sentence():
    text = "Police Release Video\nThe chief spoke Tuesday\n\nShe said more"
    assert [s[0] for s in cut(text)] == ["Police", "The", "She"]


def test_tokens_are_the_texts_characters_on_a_corpus_article():
    text = (CORPUS / "chokehold-experts.txt").read_text("utf-8")
    spans = [(s, e) for sent in tokens.sentences(text) for s, e, _ in sent]
    assert all(text[s:e].strip() == text[s:e] != "" for s, e in spans)
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert "".join(text[s:e] for s, e in spans) == "".join(text.split())  # every character, none twice


def test_text_without_capitals_is_left_to_the_neural_tokenizer():
    assert not uncased((CORPUS / "chokehold-experts.txt").read_text("utf-8"))
    assert uncased((CORPUS / "degraded-lakeside-copy.txt").read_text("utf-8"))
    assert not uncased("ok")  # too short to tell


def test_the_grammar_loader_leaves_the_tokenizer_file_to_the_tokenizer(tmp_path):
    load()  # the shipped folder holds tokens.toml beside the grammar files
    (tmp_path / "tokens.toml").write_text("", encoding="utf-8")  # a user's would change nothing: refused
    with pytest.raises(GrammarError, match="reads only the shipped tokens.toml"):
        load(tmp_path)
