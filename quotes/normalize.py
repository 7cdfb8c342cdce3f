"""Normalize: look at the raw text without changing it.

Finds paragraphs, decides whether the text is degraded (lower-cased, punctuation stripped), and builds the
*parse view*: a copy of the text of exactly the same length that the parser reads. Odd spaces become plain
spaces, control characters become spaces, and in degraded text each run of two or more spaces (where
punctuation was stripped out) becomes a comma and spaces. Since the view has the same length, every offset
the parser reports is an offset into the original text.

HTML given as text (a page that starts like one, or is dense with block tags) is read through the standard
library's HTML parser: in its view, tags, comments, scripts and styles are blanked, block tags start a new
line and an entity becomes its character followed by spaces. Quote offsets and texts still index the page as
given (so a quote's `text` keeps any inline markup or entity it spans).
"""

from __future__ import annotations

import bisect
import unicodedata
from html import unescape
from html.parser import HTMLParser

import attrs
import regex

from .limits import Bounded

ODD_SPACE = regex.compile(r"[\p{Zs}\t\u200b-\u200d\u2060\ufeff]")
CONTROL = regex.compile(r"[\p{Cc}--[\n]]", flags=regex.V1)
GAP = regex.compile(r"(?<=\S) {2,}(?=\S)")
BLANK_LINE = regex.compile(r"(?:\r\n?|\n)[ \t\p{Zs}]*(?:\r\n?|\n)")
LINE = regex.compile(r"[^\n\r\u2028\u2029]+")
LETTER = regex.compile(r"\p{L}")
UPPER = regex.compile(r"\p{Lu}")
SENT_PUNCT = regex.compile(r"[.!?;:,\"“”]")
LONE_CR = regex.compile(r"\r(?!\n)")
SENTENCE_END = regex.compile(r"[.!?](?=\s)|\n")
JUNK = regex.compile(r"[^\w\s]{24,}")  # a run of punctuation: dividers, ASCII art, a scraper's debris
MAX_TOKENS = 120  # the parser's tree decoding grows faster than the square of a sentence's length
TOKEN = regex.compile(r"\w+|[^\w\s]")
TWO_NON_WORD = regex.compile(r"(?=[^\w\n]{2})")
WRAP = regex.compile(r"(?<![\n\r][ \t]*)\r?\n(?![ \t]*\r?\n)")  # a single line break
HTML_START = regex.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", regex.IGNORECASE)
HTML_BLOCK = regex.compile(r"</?(?:p|div|br|li|h[1-6]|article|section|table|tr|td|blockquote)\b[^>]*>",
                           regex.IGNORECASE)
BLOCK_TAGS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 article section header footer table tr td th "
                       "blockquote figure figcaption main nav aside title pre hr".split())
HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template"))


@attrs.frozen(slots=True)
class Layout:
    text: str
    view: str  # what the parser reads: same length as text
    plain: str  # what the rules read for marks and punctuation: the text, or an HTML page's visible text
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph's non-blank text
    degraded: bool

    starts: tuple[int, ...] = ()  # each paragraph's start, for bisect

    def paragraph_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def uncased(text: str) -> bool:
    """Text long enough to tell (80 letters) with (almost) no capitals: copy stripped of case."""
    letters = len(LETTER.findall(text))
    return letters >= 80 and len(UPPER.findall(text)) / letters < 0.005


def is_degraded(text: str) -> bool:
    """Text with (almost) no capitals and no punctuation: copy stripped of case and punctuation."""
    punct = len(SENT_PUNCT.findall(text))
    words = max(1, len(text.split()))
    return uncased(text) and punct / words < 0.01


def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraph spans. Blank lines separate paragraphs when lines are hard-wrapped; otherwise each line is one."""
    lines = [(m.start(), m.end()) for m in LINE.finditer(text) if text[m.start():m.end()].strip()]
    if not lines:
        return ((0, len(text)),) if text.strip() else ()
    blocks: list[list[tuple[int, int]]] = [[lines[0]]]
    for prev, cur in zip(lines, lines[1:], strict=False):
        if BLANK_LINE.search(text, prev[1], cur[0] + 1):
            blocks.append([cur])
        else:
            blocks[-1].append(cur)
    multi = [b for b in blocks if len(b) >= 3]
    wrapped = bool(multi) and sum(
        1 for b in multi for s, e in b[:-1] if 40 <= e - s <= 100) >= 0.8 * sum(len(b) - 1 for b in multi)
    spans = [(b[0][0], b[-1][1]) for b in blocks] if wrapped else lines
    return tuple(_trim(text, s, e) for s, e in spans)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def is_html(text: str) -> bool:
    head = text[:5000]
    return bool(HTML_START.match(head)) or len(HTML_BLOCK.findall(head)) >= 5


class _HtmlView(HTMLParser):
    """Fills a same-length view of an HTML page with its visible text (see the module docstring)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.view = [" "] * len(text)
        self.line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
        self.hidden = 0

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.view[self._at()] = "\n"

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in BLOCK_TAGS:
            self.view[self._at()] = "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.view[self._at()] = "\n"

    def handle_data(self, data: str) -> None:
        if not self.hidden:  # a line break in the page's source is a space, as a browser shows it; a blank line
            at = self._at()  # still parts paragraphs
            self.view[at:at + len(data)] = WRAP.sub(lambda m: " " * len(m.group()), data)

    def _entity(self, raw_name: str) -> None:
        at = self._at()
        end = at + len(raw_name) + 1
        if end < len(self.text) and self.text[end] == ";":
            end += 1
        char = unescape(self.text[at:end])
        if not self.hidden and len(char) == 1:  # next to the word it belongs to: “we … appeal,”; an opening
            # mark (Unicode's initial punctuation) always at its end, so what it opens starts after it: `&ldquo; We`
            follows = end < len(self.text) and not self.text[end].isspace() and self.text[end] != "<"
            self.view[end - 1 if follows or unicodedata.category(char) == "Pi" else at] = char

    def handle_entityref(self, name: str) -> None:
        self._entity(name)

    def handle_charref(self, name: str) -> None:
        self._entity("#" + name)


def html_view(text: str) -> str:
    parser = _HtmlView(text)
    parser.feed(text)
    parser.close()
    return "".join(parser.view)


def break_runs(view: str, limit: int = MAX_TOKENS) -> str:
    """Give the parser a paragraph break (two newlines) in every stretch of more than `limit` tokens with no
    sentence end: at two characters in a row that are not letters or digits if there are some among the
    last tokens before the limit, else at the space before the limit's token."""
    chars: list[str] | None = None
    last = 0
    for end in [m.end() for m in SENTENCE_END.finditer(view)] + [len(view)]:
        if end - last > limit:  # fewer characters than the limit cannot hold too many tokens
            starts = [m.start() for m in TOKEN.finditer(view, last, end)]
            for k in range(limit, len(starts), limit):
                lo, hi = starts[k - limit // 4], starts[k]
                spot = None
                for m in TWO_NON_WORD.finditer(view, lo, hi):
                    spot = m.start()
                if spot is None:
                    spot = hi - 1 if hi - 1 > lo else hi
                chars = chars if chars is not None else list(view)
                chars[spot:spot + 2] = "\n\n"
        last = end
    return "".join(chars) if chars is not None else view


def layout(text: str, dateline: Bounded | None = None) -> Layout:
    """The layout of a text; `dateline` (the grammar's) is blanked out of the parse view where it opens a paragraph."""
    html = is_html(text)
    plain = html_view(text) if html else text
    view = plain
    degraded = is_degraded(view)
    view = LONE_CR.sub("\n", view)  # old Mac line ends still end lines for the parser
    view = ODD_SPACE.sub(" ", view)
    view = CONTROL.sub(" ", view)
    if degraded:
        view = GAP.sub(lambda m: "," + " " * (len(m.group()) - 1), view)
    view = JUNK.sub(lambda m: " " * len(m.group()), view)  # the parser need not read it; the rules still do
    view = break_runs(view)
    paras = paragraphs(view if html else text)
    if dateline is not None:
        for lo, hi in paras:
            m = dateline.match(view, lo, hi)
            if m:
                view = view[:lo] + " " * (m.end() - lo) + view[m.end():]
    assert len(view) == len(text)
    return Layout(text=text, view=view, plain=plain, paragraphs=paras, degraded=degraded,
                  starts=tuple(lo for lo, _ in paras))
