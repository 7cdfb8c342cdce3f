"""Quote tables and reports from extraction output: Markdown, CSV, HTML and the terminal.

Everything here reads the output contract (spec/output.md), so it works on `Document` objects and on the
dicts of a JSONL file that `quotes extract` wrote alike. Views:

- per article (the default): one table per document;
- `by="speaker"`: each speaker's quotes across documents;
- `by="claim"`: each claim with the speakers and quotes that support, oppose or stay neutral;
- `by="role"`: the quotes of each role (prosecutor, defence attorney, police union, …).

`markdown`, `csv` and `html` return strings; `records` gives one flat dict per quote for pandas.
"""

from __future__ import annotations

import csv as csv_mod
import html as html_mod
import io
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import regex

from .emit import as_dict as _as_dict
from .emit import records
from .model import Document

COLUMNS = ("#", "speaker", "role", "affiliation", "type", "quote", "cue", "stance", "claim", "paragraph")
VIEWS = ("article", "speaker", "claim", "role")
STANCE_ORDER = ("support", "oppose", "neutral")


class TableError(ValueError):
    """A request for a table that cannot be made (an unknown column or view)."""


@attrs.frozen
class Section:
    """One table: a heading, its column names and rows of cell strings; `doc` is set in the article view."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    doc: dict[str, Any] | None = None
    summary: tuple[str, ...] = ()


def shorten(text: str, limit: int | None) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis; never mid-word."""
    text = " ".join(text.split())
    if not limit or len(text) <= limit:
        return text
    cut = text[:max(1, limit - 1)]
    if " " in cut and not text[len(cut)].isspace():
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _cell(rec: dict[str, Any], col: str, max_chars: int | None) -> str:
    value = {
        "#": rec["quote_id"], "speaker": rec["speaker"], "role": rec["role"], "affiliation": rec["affiliation"],
        "type": rec["type"], "quote": shorten(rec["quote"], max_chars), "cue": rec["cue"],
        "stance": rec["stance"] if rec["claim_id"] else "", "paragraph": rec["paragraph"],
        "claim": f"{rec['claim_id']}: {rec['claim']}" if rec["claim_id"] else "",
        "article": rec["doc_id"],
    }[col]
    return "" if value is None else str(value)


def sections(docs: Iterable[Document | Mapping[str, Any]], columns: Sequence[str] | None = None,
             max_chars: int | None = None, by: str = "article") -> list[Section]:
    cols = tuple(columns or COLUMNS)
    bad = [c for c in cols if c not in COLUMNS]
    if bad:
        raise TableError(f"unknown column(s) {', '.join(bad)}; the columns are {', '.join(COLUMNS)}")
    if by not in VIEWS:
        raise TableError(f"unknown view {by!r}; the views are {', '.join(VIEWS)}")
    dicts = [_as_dict(d) for d in docs]
    if by == "article":
        out = []
        for d in dicts:
            rows = tuple(tuple(_cell(r, c, max_chars) for c in cols) for r in records(d))
            title = d.get("doc_id") or "document"
            if d.get("error"):
                title += f" (error: {d['error'].get('type')}: {d['error'].get('message')})"
            out.append(Section(title, cols, rows, doc=d))
        return out
    recs = [r for d in dicts for r in records(d)]
    grouped: dict[Any, list[dict[str, Any]]] = {}
    if by == "claim":
        linked = [r for r in recs if r["claim_id"]]
        for r in sorted(linked, key=lambda r: STANCE_ORDER.index(r["stance"] or "neutral")):
            grouped.setdefault((r["claim_id"], r["claim"]), []).append(r)
        view_cols = ("stance", "speaker", "role", "quote", "article", "#")
        out = []
        for (cid, text), rs in grouped.items():
            summary = tuple(f"{label}: " + (", ".join(dict.fromkeys(_who(r) for r in rs if r["stance"] == label))
                                            or "none") for label in STANCE_ORDER)
            articles = list(dict.fromkeys(r["doc_id"] for r in rs))  # ids like C1 repeat from article to article
            where = articles[0] if len(articles) == 1 else f"{len(articles)} articles"
            out.append(Section(f"{cid}: {text} ({where})", view_cols,
                               tuple(tuple(_cell(r, c, max_chars) for c in view_cols) for r in rs), summary=summary))
        return out
    key = "speaker" if by == "speaker" else "role"
    for r in recs:
        grouped.setdefault(r[key] or "(unknown)", []).append(r)
    view_cols = ("article",) + tuple(c for c in cols if c != key)
    return [Section(str(name), view_cols, tuple(tuple(_cell(r, c, max_chars) for c in view_cols) for r in rs))
            for name, rs in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))]


def _who(r: dict[str, Any]) -> str:
    return f"{r['speaker']} ({r['role']})" if r["role"] else str(r["speaker"])


# ------------------------------------------------------------------------------------------- renderers


# ESC, NUL, C1 controls, and the bidirectional overrides and isolates (U+202A-E, U+2066-9, the marks U+200E-F,
# U+061C) that make a cell read otherwise than it is written: never passed on
CONTROL = regex.compile(r"[\p{Cc}--[\n\r\t]]|[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]", flags=regex.V1)
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a cell a spreadsheet would evaluate starts with one of these


def plain(text: str) -> str:
    """Text with its control characters left out (terminal escapes, OSC links, NUL, bidirectional overrides)."""
    return CONTROL.sub("", text)


def _md_escape(text: str) -> str:
    """A Markdown table cell: pipes, backslashes and brackets escaped (no live link or image: `[x](…)` and
    `![x](…)` show as written), `<` and `>` as entities (no live HTML), line breaks as <br>, control characters
    left out."""
    text = plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
            .replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>"))


def _csv_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP): one that starts with = + - @, a tab or a
    carriage return gets a leading apostrophe, which spreadsheets show as text."""
    return "'" + cell if cell.startswith(FORMULA) else cell


def markdown(docs: Iterable[Document | Mapping[str, Any]], columns: Sequence[str] | None = None,
             max_chars: int | None = None, by: str = "article") -> str:
    """GitHub-flavoured pipe tables, one section per article (or per speaker, claim, role)."""
    parts = []
    for s in sections(docs, columns, max_chars, by):
        parts.append(f"## {_md_escape(s.title)}\n")
        parts.extend(f"- {_md_escape(line)}" for line in s.summary)
        if s.summary:
            parts.append("")
        if not s.rows:
            parts.append("_no quotes_\n")
            continue
        parts.append("| " + " | ".join(_md_escape(c) for c in s.columns) + " |")
        parts.append("|" + "|".join("---" for _ in s.columns) + "|")
        parts.extend("| " + " | ".join(_md_escape(c) for c in row) + " |" for row in s.rows)
        parts.append("")
    return "\n".join(parts)


def csv(docs: Iterable[Document | Mapping[str, Any]], columns: Sequence[str] | None = None,
        max_chars: int | None = None, by: str = "article", excel: bool = False) -> str:
    """RFC 4180 CSV, one table: the section (article, speaker, claim or role) is the first column.
    `excel=True` starts with the byte-order mark Excel needs to read UTF-8."""
    buf = io.StringIO()
    w = csv_mod.writer(buf, lineterminator="\r\n")
    secs = sections(docs, columns, max_chars, by)
    first = {"article": "article", "speaker": "speaker", "claim": "claim", "role": "role"}[by]
    header = None
    for s in secs:
        if header is None:
            header = (first, *[c for c in s.columns if c != first])
            w.writerow(header)
        for row in s.rows:
            cells = dict(zip(s.columns, row, strict=True))
            cells[first] = s.title if by != "article" else (s.doc or {}).get("doc_id", s.title)
            w.writerow([_csv_safe(plain(cells.get(c, ""))) for c in header])
    if header is None:
        w.writerow((first, *[c for c in (columns or COLUMNS) if c != first]))
    return ("\ufeff" if excel else "") + buf.getvalue()


def term(docs: Iterable[Document | Mapping[str, Any]], columns: Sequence[str] | None = None,
         max_chars: int | None = None, by: str = "article", width: int | None = None) -> str:
    """Tables drawn for a terminal (rich), as text."""
    import shutil

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    width = width or max(100, shutil.get_terminal_size((160, 24)).columns)
    console = Console(width=width, record=True, file=io.StringIO(), highlight=False)
    for s in sections(docs, columns, max_chars, by):
        table = Table(title=Text(plain(s.title)), show_lines=False, title_justify="left", box=box.SIMPLE_HEAD,
                      pad_edge=False)
        keep = [i for i, c in enumerate(s.columns) if c in _TERM_WIDE or any(row[i] for row in s.rows)]
        for i, w in zip(keep, _term_widths([s.columns[i] for i in keep], [[r[i] for r in s.rows] for i in keep], width),
                        strict=True):
            table.add_column(_TERM_HEADS.get(s.columns[i], s.columns[i]), width=w, overflow="fold")
        for row in s.rows:  # as Text: an article's `[bold]` or escape sequence is shown, never obeyed
            table.add_row(*(Text(plain(row[i])) for i in keep),
                          style=_TERM_STANCE.get(row[s.columns.index("stance")], "") if "stance" in s.columns else "")
        console.print(table, markup=False)
        for line in s.summary:
            console.print(Text(plain(line)), markup=False)
    return console.export_text()


_TERM_STANCE = {"support": "green", "oppose": "red"}


def _term_widths(columns: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Column widths that fit `width`: a short column gets its longest cell (up to 20), or at the least its
    longest word, so that words stay whole; the columns of running text (quote, claim) share the rest."""
    heads = [len(_TERM_HEADS.get(c, c)) for c in columns]
    words = [max([h, *(len(w) for cell in col for w in cell.split())]) for h, col in zip(heads, cells, strict=True)]
    full = [max([h, *(len(cell) for cell in col)]) for h, col in zip(heads, cells, strict=True)]
    wide = [c in _TERM_WIDE for c in columns]
    out = [0 if w else min(max(f, 1), max(wd, 20)) for w, f, wd in zip(wide, full, words, strict=True)]
    room = width - 3 * len(columns) - 1 - sum(out)  # padding and the space between columns
    need = sum(14 for w in wide if w)
    for k in sorted(range(len(out)), key=lambda k: out[k] - words[k], reverse=True):  # give back wrap room
        if room >= need or wide[k]:
            break
        give = min(out[k] - min(words[k], 14), need - room)
        out[k] -= give
        room += give
    ratio = sum(_TERM_WIDE[c] for c, w in zip(columns, wide, strict=True) if w) or 1
    return [max(8, room * _TERM_WIDE[c] // ratio) if w else o for c, w, o in zip(columns, wide, out, strict=True)]
_TERM_WIDE = {"quote": 3, "claim": 1}  # columns of running text share what the others leave
_TERM_HEADS = {"paragraph": "¶"}  # a header no wider than its numbers


# ------------------------------------------------------------------------------------------------ HTML

PALETTE = ("#ffd54f", "#81d4fa", "#a5d6a7", "#f48fb1", "#ce93d8", "#ffab91", "#80cbc4", "#e6ee9c", "#b0bec5",
           "#bcaaa4")

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222}
header{padding:12px 20px;background:#263238;color:#fff}
section.doc{display:grid;grid-template-columns:minmax(0,3fr) minmax(220px,1fr);gap:16px;padding:16px 20px;
border-bottom:1px solid #ccc}
h2{grid-column:1/3;margin:0;font-size:18px}
table{border-collapse:collapse;width:100%;font-size:13px;grid-column:1/3}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eceff1;cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
.article{white-space:pre-wrap;border:1px solid #ddd;padding:12px;max-height:70vh;overflow:auto}
mark.q{border-radius:3px;padding:0 1px;cursor:pointer}
mark.q:hover,mark.q.active{outline:2px solid #263238}
aside{border:1px solid #ddd;padding:12px;position:sticky;top:8px;align-self:start;font-size:14px}
aside dt{font-weight:600}aside dd{margin:0 0 6px 0}
.support{color:#1b5e20}.oppose{color:#b71c1c}.neutral{color:#555}
header h1{margin:0 0 8px 0;font-size:22px}
.controls{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.controls input{flex:1;min-width:220px;padding:4px 8px;font:inherit}
.controls select{padding:4px;font:inherit}
nav.toc{padding:8px 20px;border-bottom:1px solid #ccc;columns:2 320px}
nav.toc h2{font-size:16px;margin:4px 0;column-span:all}
nav.toc ol{margin:0;padding-left:24px}
ul.legend{grid-column:1/3;list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
ul.legend li span{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.hidden{display:none}
mark.q.off{background:transparent!important;outline:none}
"""

_SCRIPT = """
(function(){
  function cellValue(row, i){var t=row.cells[i].textContent;var n=Number(t);return t!==''&&!isNaN(n)?n:t.toLowerCase();}
  document.querySelectorAll('table.quotes').forEach(function(table){
    table.querySelectorAll('th').forEach(function(th, i){
      th.addEventListener('click', function(){
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function(a, b){
          var x = cellValue(a, i), y = cellValue(b, i);
          if (x === y) return 0;
          return (x < y ? -1 : 1) * (asc ? 1 : -1);
        });
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  var fields = ['speaker','role','affiliation','type','stance','claim','cue','quote'];
  function show(panel, el){
    fields.forEach(function(f){
      var dd = panel.querySelector('[data-field="' + CSS.escape(f) + '"]');
      if (dd) { dd.textContent = el.dataset[f] || '\\u2014'; dd.className = f === 'stance' ? (el.dataset[f] || '') : ''; }
    });
    document.querySelectorAll('mark.q.active').forEach(function(m){m.classList.remove('active');});
    el.classList.add('active');
  }
  var box = document.getElementById('filter'), pick = document.getElementById('stance-filter');
  var shown = document.getElementById('shown');
  function filter(){
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean), stance = pick.value, n = 0, all = 0;
    document.querySelectorAll('section.doc').forEach(function(sec){
      var left = 0;
      sec.querySelectorAll('table.quotes tbody tr').forEach(function(tr){
        var text = tr.textContent.toLowerCase();
        var ok = words.every(function(w){return text.indexOf(w) >= 0;}) && (!stance || tr.dataset.stance === stance);
        tr.classList.toggle('hidden', !ok);
        var m = sec.querySelector('mark.q[data-id="' + CSS.escape(tr.dataset.id) + '"]');
        if (m) m.classList.toggle('off', !ok);
        left += ok; all += 1;
      });
      var hide = left === 0 && (words.length > 0 || stance !== '');
      sec.classList.toggle('hidden', hide);
      var entry = document.querySelector('nav.toc li[data-doc="' + CSS.escape(sec.dataset.doc) + '"]');
      if (entry) entry.classList.toggle('hidden', hide);
      n += left;
    });
    shown.textContent = n + ' of ' + all + ' quotes';
  }
  box.addEventListener('input', filter);
  pick.addEventListener('change', filter);
  filter();
  document.querySelectorAll('section.doc').forEach(function(sec){
    var panel = sec.querySelector('aside');
    sec.querySelectorAll('mark.q').forEach(function(m){
      m.addEventListener('mouseenter', function(){show(panel, m);});
      m.addEventListener('click', function(){show(panel, m);});
    });
    sec.querySelectorAll('table.quotes tbody tr').forEach(function(tr){
      tr.addEventListener('click', function(){
        var m = sec.querySelector('mark.q[data-id="' + CSS.escape(tr.dataset.id) + '"]');
        if (m) { show(panel, m); m.scrollIntoView({block: 'center'}); }
      });
    });
  });
})();
"""


def _esc(text: object) -> str:
    return html_mod.escape(plain("" if text is None else str(text)), quote=True)


def _highlight(text: str, recs: list[dict[str, Any]], colour: dict[str, str]) -> tuple[str, int]:
    """The article with each quote in a <mark>; nested quotes nest, a partial overlap is clipped."""
    events: list[tuple[int, int, int, dict[str, Any] | None]] = []  # (offset, order, -length, record)
    spans = []
    last_end_by_depth: list[int] = []
    for r in sorted(recs, key=lambda r: (r["start"], -r["end"])):
        start, end = r["start"], r["end"]
        while last_end_by_depth and last_end_by_depth[-1] <= start:
            last_end_by_depth.pop()
        if last_end_by_depth and end > last_end_by_depth[-1]:  # crosses the enclosing quote's end
            start = last_end_by_depth[-1]
            while last_end_by_depth and last_end_by_depth[-1] <= start:
                last_end_by_depth.pop()
        if not 0 <= start < end <= len(text):
            continue
        last_end_by_depth.append(end)
        spans.append((start, end, r))
    for start, end, r in spans:
        events.append((start, 1, -(end - start), r))
        events.append((end, 0, end - start, None))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out, pos = [], 0
    for offset, kind, _, r in events:
        out.append(_esc(text[pos:offset]))
        pos = offset
        if kind == 0:
            out.append("</mark>")
        else:
            assert r is not None
            tip = f"{r['speaker'] or 'unknown'} ({r['role'] or 'no role'}) · {r['type']}"
            if r["claim_id"]:
                tip += f" · {r['stance']} {r['claim_id']}: {r['claim']}"
            attrs_ = {"id": r["quote_id"], "speaker": r["speaker"], "role": r["role"], "type": r["type"],
                      "affiliation": r["affiliation"], "stance": r["stance"] if r["claim_id"] else "",
                      "claim": f"{r['claim_id']}: {r['claim']}" if r["claim_id"] else "", "cue": r["cue"],
                      "quote": shorten(r["quote"], 300)}
            data = " ".join(f'data-{k}="{_esc(v)}"' for k, v in attrs_.items())
            out.append(f'<mark class="q" style="background:{colour.get(r["speaker"] or "", PALETTE[-1])}" '
                       f'title="{_esc(tip)}" {data}>')
    out.append(_esc(text[pos:]))
    return "".join(out), len(spans)


def html(docs: Iterable[Document | Mapping[str, Any]], columns: Sequence[str] | None = None,
         max_chars: int | None = None, texts: Mapping[str, str] | None = None, title: str | None = None) -> str:
    """One self-contained page (no network fetches): a contents list of the articles, a filter over every
    quote (words and stance), and per article a speaker legend, a sortable table, and the article text with
    every quote highlighted in its speaker's colour; hover or click shows speaker, role, stance and claim in
    the side panel. All text is escaped. The text comes from `texts[doc_id]`, a Document's text or a
    record's `text` field (`quotes extract --with-text`). `title`: the page's (default: what it holds)."""
    secs = sections(docs, columns, max_chars, "article")
    n = sum(len(s.rows) for s in secs)
    title = title or (f"Quotes in {secs[0].title}" if len(secs) == 1 else f"Quotes in {len(secs)} articles")
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_esc(title)}</title>"
             f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             f"style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
             f"<style>{_STYLE}</style></head><body><header><h1>{_esc(title)}</h1><div class=\"controls\">"
             f'<input type="search" id="filter" placeholder="Filter quotes: words of the quote, speaker, role, cue, '
             f'claim" aria-label="Filter quotes"><select id="stance-filter" aria-label="Stance">'
             f'<option value="">every stance</option>'
             + "".join(f'<option value="{s}">{s}</option>' for s in STANCE_ORDER)
             + f'</select><span id="shown">{n} of {n} quotes</span></div></header>', _contents(secs)]
    parts.extend(_article(s, texts) for s in secs)
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "".join(parts)


def _contents(secs: list[Section]) -> str:
    items = "".join(
        f'<li data-doc="{_esc(s.title if s.doc is None else s.doc.get("doc_id"))}"><a href="#'
        f'{_esc(urllib.parse.quote(str((s.doc or {}).get("doc_id", ""))))}">{_esc(s.title)}</a>: {len(s.rows)} '
        f'quote{"" if len(s.rows) == 1 else "s"}, {len({r[0] for r in _speakers(s)})} speakers</li>' for s in secs)
    return f'<nav class="toc"><h2>Articles</h2><ol>{items}</ol></nav>'


def _speakers(s: Section) -> list[tuple[str, str, int]]:
    """(speaker, role, quotes) of an article, in the order they first speak."""
    recs = records(s.doc or {})
    first = list(dict.fromkeys(r["speaker"] or "" for r in recs))
    return [(name, next((r["role"] or "" for r in recs if (r["speaker"] or "") == name), ""),
             sum((r["speaker"] or "") == name for r in recs)) for name in first]


def _article(s: Section, texts: Mapping[str, str] | None) -> str:
    d = s.doc or {}
    recs = records(d)
    speakers = _speakers(s)
    colour = {name: PALETTE[k % len(PALETTE)] for k, (name, _, _) in enumerate(speakers)}
    text = (texts or {}).get(d.get("doc_id", "")) or d.get("text")
    parts = [f'<section class="doc" id="{_esc(d.get("doc_id"))}" data-doc="{_esc(d.get("doc_id"))}">'
             f'<h2>{_esc(s.title)}</h2><ul class="legend" aria-label="Speakers">'
             + "".join(f'<li><span style="background:{colour[name]}"></span>{_esc(name or "unknown speaker")}'
                       f'{f" ({_esc(role)})" if role else ""} · {count}</li>' for name, role, count in speakers)
             + "</ul>"]
    if text is not None:
        parts.append(f'<div class="article">{_highlight(text, recs, colour)[0]}</div>')
    else:
        parts.append('<div class="article"><em>Article text not available: give the articles, or run '
                     '<code>quotes extract --with-text</code>.</em></div>')
    parts.append('<aside><dl>' + "".join(f'<dt>{f}</dt><dd data-field="{f}">\u2014</dd>' for f in (
        "speaker", "role", "affiliation", "type", "stance", "claim", "cue", "quote")) + "</dl></aside>")
    parts.append('<table class="quotes"><thead><tr>' + "".join(f"<th>{_esc(c)}</th>" for c in s.columns)
                 + "</tr></thead><tbody>")
    for rec, row in zip(recs, s.rows, strict=True):
        swatch = colour.get(rec["speaker"] or "", PALETTE[-1])
        cells = "".join(f'<td style="background:{swatch}">{_esc(v)}</td>' if c == "speaker"
                        else f'<td class="{_esc(v) if c == "stance" else ""}">{_esc(v)}</td>'
                        for c, v in zip(s.columns, row, strict=True))
        stance = rec["stance"] if rec["claim_id"] else "neutral"
        parts.append(f'<tr data-id="{_esc(rec["quote_id"])}" data-stance="{_esc(stance)}">{cells}</tr>')
    parts.append("</tbody></table></section>")
    return "".join(parts)
