import pytest
from conftest import CORPUS, SHARED

from quotes.normalize import is_degraded, layout, paragraphs


def test_parse_view_keeps_every_offset():
    for path in sorted((SHARED / "seeds").glob("*.txt")) + sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lay = layout(text)
        assert len(lay.view) == len(text)
        assert "\u00a0" not in lay.view


def test_degraded_copy_is_detected_and_gaps_become_commas():
    text = (CORPUS / "degraded-lakeside-copy.txt").read_text(encoding="utf-8")
    lay = layout(text)
    assert lay.degraded
    gap = text.index("  an unarmed man")
    assert lay.view[gap] == "," and text[gap] == " "


def test_news_text_is_not_degraded():
    for name in ("ridgeway-officer-charged", "westbrook-union-chief"):
        assert not is_degraded((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))


def test_paragraphs_by_blank_lines_and_by_lines():
    blank = (CORPUS / "ridgeway-officer-charged.txt").read_text(encoding="utf-8")
    spans = paragraphs(blank)
    assert blank[spans[0][0]:spans[0][1]] == "Ridgeway officer charged with manslaughter in January shooting"
    lines = (CORPUS / "maple-grove-bodycam.txt").read_text(encoding="utf-8")
    assert len(paragraphs(lines)) == len([ln for ln in lines.splitlines() if ln.strip()])


@pytest.mark.parametrize(("text", "blanked"), [
    ("GLENWOOD — The chief said so.", "GLENWOOD — "),
    ("LOS ANGELES (Reuters) – The chief said so.", "LOS ANGELES (Reuters) – "),
    ("Fairhaven – Two officers will not be charged.", "Fairhaven – "),
    ("Harlow, Ore. — The department released video.", "Harlow, Ore. — "),
    ("Smith – a former officer – said he was sorry.", ""),
    ("He said (PAUSE) — no more.", ""),
])
def test_a_dateline_is_blanked_out_of_the_parse_view_and_a_speaker_before_a_dash_is_not(text, blanked):
    from quotes.grammar import load

    lay = layout(text, load().dateline)
    assert lay.view[:len(blanked)] == " " * len(blanked)
    assert lay.view[len(blanked):] == text[len(blanked):]


@pytest.mark.parametrize("opening", ["&ldquo;", "&#8220;", "&#x201C;"])
@pytest.mark.parametrize("gap", ["", " ", "\n"])
def test_an_html_quotation_starts_after_its_opening_entity_whatever_follows_it(opening, gap):
    """A quotation opened by an entity (`&ldquo; We …` with a space or a line break after it, as page templates
    write it) starts after the whole entity, never inside it (`ldquo; We …`)."""
    from quotes.find.direct import pair_marks
    from quotes.grammar import load

    page = "<html><body>" + "<p>Filler.</p>" * 5 + (
        f"<p>The mayor spoke. {opening}{gap}We will appeal,&rdquo; she said.</p></body></html>")
    [m] = pair_marks(layout(page), load())
    assert page[m.start:m.end].strip() == "We will appeal,"
