"""The quote-mark pairing machine, on the corpus articles written to exercise it."""

from conftest import CORPUS

from quotes.find.direct import pair_marks
from quotes.grammar import load
from quotes.normalize import layout

G = load()


def spans(name: str, level: str | None = None) -> list[str]:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return [text[m.start:m.end] for m in pair_marks(layout(text), G) if level in (None, m.level)]


def test_guillemets_and_low_nine_marks_pair():
    got = spans("marchetti-appeal-wire")
    assert "The court ignored the testimony of three officers" in got
    assert "Justice was done today" in got


def test_apostrophes_are_not_quote_marks():
    got = spans("marchetti-appeal-wire")
    assert not any("n'" in s or "90s" in s for s in got), got
    assert not any("didn" in s for s in got)


def test_quote_within_a_quote():
    got = spans("okafor-trial-day-three", "single")
    assert got == ["He's got something,"]


def test_multi_paragraph_quote_is_one_piece_per_paragraph():
    text = (CORPUS / "okafor-trial-day-three.txt").read_text(encoding="utf-8")
    marks = [m for m in pair_marks(layout(text), G) if m.level == "double"]
    first = next(m for m in marks if text[m.start:m.end].startswith("Samuel Okafor was a student"))
    second = marks[marks.index(first) + 1]
    assert first.continues and first.close_at is None
    assert second.continued and text[second.start:second.end].startswith("The evidence will show")


def test_unbalanced_marks_stay_inside_their_paragraph():
    text = (CORPUS / "delmont-unbalanced-marks.txt").read_text(encoding="utf-8")
    lay = layout(text)
    for m in pair_marks(lay, G):
        lo, hi = lay.paragraphs[m.paragraph]
        assert lo <= m.open_at and m.end <= hi
    got = [text[m.start:m.end] for m in pair_marks(lay, G)]
    assert "We need more time to get this right," in got
    assert not any("critics" in s for s in got)


def test_a_paragraph_opened_in_straight_marks_holds_a_quote_in_curly_ones():
    """A transcript in straight marks quoting `“cover-up,”` in curly ones: the curly pair is a quote inside the
    paragraph's quotation, not a fresh start that leaves the paragraph's opening mark stray."""
    got = spans("dunmore-chief-interview")
    okoye = next(s for s in got if "cover-up" in s)
    assert okoye.startswith("OKOYE: Because the state investigators") and okoye.endswith("ahead of the review.")
    assert "cover-up," not in got
    assert "a stall tactic" in got  # a straight pair mid-paragraph pairs as before


def test_archive_texts_doubled_straight_single_marks_are_one_double_mark():
    """`''Like this,'' he said`, as newspaper archives print double quotes: one double pair, its inner single
    quote a quote within it, and an apostrophe still an apostrophe."""
    text = "''We didn't know, 'not a word,' about it,'' the mayor said. Then ''nothing.''"
    marks = pair_marks(layout(text), G)
    assert [(text[m.start:m.end], m.level) for m in marks] == [
        ("We didn't know, 'not a word,' about it,", "double"), ("not a word,", "single"), ("nothing.", "double")]
    first = marks[0]
    assert (first.open_at, text[first.outer_end:first.outer_end + 4]) == (0, " the")
