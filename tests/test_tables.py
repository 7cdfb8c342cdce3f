"""Quote tables (#4): Markdown, CSV, HTML and terminal views of the output contract."""

import csv
import io
import shutil

import orjson
import pytest
from conftest import CORPUS, SEEDS_GOLD, load_jsonl
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from quotes import tables
from quotes.emit import records
from quotes.cli import app
from quotes.evaluate import norm_name

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory, seeds_docs, seeds_gold):
    """The seeds as `quotes extract --with-text` writes them (with their gold claims)."""
    docs = []
    for g in seeds_gold:
        d = dict(seeds_docs[g["doc_id"]])
        d["text"] = g["text"]
        docs.append(d)
    path = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    return path, docs


def md_tables(text: str) -> list[list[list[str]]]:
    """Every table of a Markdown text as rows of cell texts (header first), read by a Markdown parser."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out, table, row = [], None, None
    for t in tokens:
        if t.type == "table_open":
            table = []
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None and table is not None:
            row.append(t.content.replace("\\|", "|").replace("\\\\", "\\"))
        elif t.type == "tr_close":
            table.append(row)
            row = None
        elif t.type == "table_close":
            out.append(table)
            table = None
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def test_markdown_cells_match_the_jsonl(seeds_out):
    path, docs = seeds_out
    res = runner.invoke(app, ["table", str(path), "--format", "md"])
    assert res.exit_code == 0, res.output
    found = md_tables(res.stdout)
    with_quotes = [d for d in docs if d["quotes"]]
    assert len(found) == len(with_quotes) == 4
    for table, d in zip(found, with_quotes, strict=True):
        header, rows = table[0], table[1:]
        assert header == list(tables.COLUMNS)
        assert len(rows) == len(d["quotes"])
        for row, q in zip(rows, d["quotes"], strict=True):
            cell = dict(zip(header, row, strict=True))
            assert cell["#"] == q["id"]
            assert cell["quote"] == flat(q["text"])  # pipes and newlines survive the round trip
            assert cell["speaker"] == (q["speaker"]["name"] or q["speaker"]["text"] or "")
            assert cell["role"] == (q["speaker"]["role"] or "")
            assert cell["claim"] == (f"{q['claim']['id']}: {q['claim']['text']}" if q["claim"] else "")
            assert cell["paragraph"] == str(q["paragraph"])


def test_csv_cells_match_the_jsonl(seeds_out):
    path, docs = seeds_out
    res = runner.invoke(app, ["table", str(path), "--format", "csv", "--excel"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff"), newline="")))
    quotes = [(d["doc_id"], q) for d in docs for q in d["quotes"]]
    assert len(rows) == len(quotes)
    for row, (doc_id, q) in zip(rows, quotes, strict=True):
        assert (row["article"], row["#"], row["quote"]) == (doc_id, q["id"], flat(q["text"]))
        assert row["stance"] == (q["stance"]["label"] if q["claim"] else "")


def test_every_format_and_shortening(seeds_out):
    path, docs = seeds_out
    for fmt in ("md", "csv", "html", "term"):
        res = runner.invoke(app, ["table", str(path), "--format", fmt, "--max-chars", "40"])
        assert res.exit_code == 0, (fmt, res.output)
        assert "seed-003" in res.stdout
    for q in (q for d in docs for q in d["quotes"]):
        short = tables.shorten(q["text"], 40)
        assert len(short) <= 40
        if short != flat(q["text"]):  # cut at a word boundary, never inside a word
            assert short.endswith("…")
            kept = short[:-1].split()
            assert flat(q["text"]).split()[:len(kept)][:-1] == kept[:-1]
            assert kept[-1].rstrip(",;:") == flat(q["text"]).split()[len(kept) - 1].rstrip(",;:")
    res = runner.invoke(app, ["table", str(path), "--columns", "speaker,quote", "--format", "md"])
    assert md_tables(res.stdout)[0][0] == ["speaker", "quote"]
    res = runner.invoke(app, ["table", str(path), "--columns", "speaker,nope"])
    assert res.exit_code == 2 and "unknown column" in res.stderr


def test_by_claim_lists_supporting_and_opposing_speakers(seeds_out):
    path, docs = seeds_out
    views = tables.sections(docs, by="claim")
    by_doc = {d["doc_id"]: d for d in docs}
    right = total = 0
    for g in load_jsonl(SEEDS_GOLD):
        for claim in g.get("claims", []):
            sec = next((s for s in views if s.title.startswith(f"{claim['id']}: {claim['text']} (")
                        and any(r[s.columns.index("article")] == g["doc_id"] for r in s.rows)), None)
            if sec is None:  # no quote bears on it
                assert not any(q.get("claim") == claim["id"] for q in g["quotes"]), claim
                continue
            listed = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in sec.summary}
            rows = {(r[sec.columns.index("article")], r[sec.columns.index("#")]): r for r in sec.rows}
            for gq in (q for q in g["quotes"] if q.get("claim") == claim["id"]):
                total += 1
                pq = next(q for q in by_doc[g["doc_id"]]["quotes"] if gq["text"][:25] in q["text"])
                row = rows.get((g["doc_id"], pq["id"]))
                if row is None or row[sec.columns.index("stance")] != gq["stance"]:
                    continue
                assert pq["speaker"]["name"] in listed[gq["stance"]]
                assert norm_name(gq["speaker"]).split()[-1] in norm_name(pq["speaker"]["name"])
                right += 1
    assert total >= 12 and right / total >= 0.9, (right, total)
    res = runner.invoke(app, ["table", str(path), "--by", "claim", "--format", "md"])
    assert "## C2: Stockley planted the gun found in Smith's car (" in res.stdout
    assert "- oppose: the police union (police_union)" in res.stdout


def test_by_speaker_and_role_views(seeds_out):
    _, docs = seeds_out
    by_speaker = {s.title: s for s in tables.sections(docs, by="speaker")}
    assert len(by_speaker["The St. Louis Circuit Attorney’s Office"].rows) == 7
    by_role = {s.title: s for s in tables.sections(docs, by="role")}
    officers = [(d["doc_id"], q["id"]) for d in docs for q in d["quotes"] if q["speaker"]["role"] == "police_officer"]
    assert [(r[0], r[1]) for r in by_role["police_officer"].rows] == officers
    assert {doc for doc, _ in officers} >= {"seed-000", "seed-001", "seed-003"}


def test_records_for_pandas(corpus_extractor):
    text = (CORPUS / "vance-bail-hearing.txt").read_text(encoding="utf-8")
    doc = corpus_extractor.extract(text, doc_id="vance")
    recs = doc.to_records()
    assert len(recs) == len(doc.quotes) and recs[0]["doc_id"] == "vance"
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in recs)
    assert tables.markdown([doc]) == tables.markdown([doc.to_dict()])


def test_markdown_and_csv_of_the_corpus_hold_every_quote(corpus_docs):
    docs = list(corpus_docs.values())
    found = md_tables(tables.markdown(docs))
    assert sum(len(t) - 1 for t in found) == sum(len(d["quotes"]) for d in docs)
    rows = list(csv.DictReader(io.StringIO(tables.csv(docs), newline="")))
    assert [(r["article"], r["#"]) for r in rows] == [(d["doc_id"], q["id"]) for d in docs for q in d["quotes"]]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it with apt-get)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def open_report(browser, tmp_path, html: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    return page, errors


def test_html_report_in_chromium(browser, tmp_path, seeds_out):
    _, docs = seeds_out
    page, errors = open_report(browser, tmp_path, tables.html(docs))
    assert errors == []
    assert page.locator("mark.q").count() == sum(len(d["quotes"]) for d in docs)
    for d in docs:
        assert page.locator(f'section[id="{d["doc_id"]}"] mark.q').count() == len(d["quotes"])
    first = page.locator('section[id="seed-000"] mark.q').first
    first.click()
    assert page.locator('section[id="seed-000"] aside [data-field="speaker"]').text_content() == "Prosecutors"
    header = page.locator('section[id="seed-000"] th', has_text="speaker")
    header.click()
    names = page.locator('section[id="seed-000"] tbody tr td:nth-child(2)').all_text_contents()
    assert names == sorted(names, key=str.lower)


def test_html_report_of_many_articles_has_contents_legend_and_filter(browser, tmp_path, corpus_docs, corpus_gold):
    """A report of many articles had no contents, no speaker legend, no way to search, and the title "Quotes"."""
    docs = list(corpus_docs.values())
    texts = {g["doc_id"]: g["text"] for g in corpus_gold}
    page, errors = open_report(browser, tmp_path, tables.html(docs, texts=texts))
    assert errors == [] and page.title() == f"Quotes in {len(docs)} articles"
    total = sum(len(d["quotes"]) for d in docs)
    assert page.locator("#shown").text_content() == f"{total} of {total} quotes"
    links = page.locator("nav.toc a")
    assert links.count() == len(docs)
    links.nth(3).click()
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == docs[3]["doc_id"]
    for d in docs:  # one legend entry per speaker, with their count
        legend = page.locator(f'section[id="{d["doc_id"]}"] ul.legend li')
        names = {q["speaker"]["name"] or q["speaker"]["text"] for q in d["quotes"]}
        assert legend.count() == len(names)
    doc = max(docs, key=lambda d: len(d["quotes"]))
    name = doc["quotes"][0]["speaker"]["name"]
    page.fill("#filter", name)
    rows = page.locator("table.quotes tbody tr:not(.hidden)")
    assert 0 < rows.count() < total and all(name.lower() in t.lower() for t in rows.all_text_contents())
    assert page.locator("mark.q:not(.off)").count() == rows.count()
    page.fill("#filter", "")
    page.select_option("#stance-filter", "oppose")
    opposed = sum(1 for d in docs for q in d["quotes"] if q["claim"] and q["stance"]["label"] == "oppose")
    assert rows.count() == opposed > 0
    assert page.locator("nav.toc li:not(.hidden)").count() == len(
        [d for d in docs if any(q["claim"] and q["stance"]["label"] == "oppose" for q in d["quotes"])])


def test_html_report_keeps_a_script_as_text(browser, tmp_path, extractor):
    text = (CORPUS / "vance-bail-hearing.txt").read_text(encoding="utf-8")
    text += '\n\n"<script>window.__pwned = 1</script> is not code," the judge said. <img src=x onerror="window.__pwned=2">\n'
    doc = extractor.extract(text, doc_id="injected")
    page, errors = open_report(browser, tmp_path, tables.html([doc]))
    assert errors == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("mark.q").count() == len(doc.quotes)
    assert "<script>window.__pwned = 1</script>" in page.locator(".article").text_content()


def _hostile_doc() -> dict:
    text = "=HYPERLINK(\"http://x\") said \x1b]8;;http://evil\x07click\x1b]8;;\x07 <script>alert(1)</script> | end"
    q = {"id": "q1", "text": text, "start": 0, "end": len(text), "type": "direct", "cue": None, "nested_in": None,
         "speaker": {"text": "@admin", "name": "-2+3", "kind": "person", "role": None, "entity": None,
                     "resolution": "explicit", "confidence": 0.9, "start": None, "end": None},
         "stance": {"label": "neutral", "score": 0.0, "evidence": []}, "claim": None, "paragraph": 0, "sentence": 0}
    return {"doc_id": "+evil\x1b[2J", "text_sha256": "0" * 64, "quotes": [q], "entities": [], "claims": []}


def test_csv_cells_a_spreadsheet_would_run_are_neutralised():
    rows = list(csv.reader(io.StringIO(tables.csv([_hostile_doc()], excel=True).lstrip("\ufeff"), newline="")))
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), cells
    assert "'=HYPERLINK" in " ".join(cells) and "'-2+3" in cells and "'+evil" in cells[0]
    assert not any("\x1b" in c or "\x07" in c for c in cells)


def test_markdown_and_terminal_carry_no_live_html_or_control_characters():
    md = tables.markdown([_hostile_doc()])
    assert "<script>" not in md and "&lt;script&gt;" in md and "\x1b" not in md and "\x07" not in md
    out = tables.term([_hostile_doc()], width=200)
    assert "\x1b" not in out and "\x07" not in out and "<script>" in out  # shown as text in a terminal


@pytest.mark.parametrize("width", [100, 160])
def test_terminal_tables_fit_keep_words_whole_and_leave_out_empty_columns(corpus_docs, width):
    """Ten equal columns broke words (`prosecut|or`, `Whitfiel|d`) at 100 columns, and a column empty in every
    row (affiliation) took its tenth all the same."""
    docs = list(corpus_docs.values())
    out = tables.term(docs, width=width)
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    shown = set(out.split())
    recs = [r for d in docs for r in records(d)]
    for field in ("speaker", "role", "type", "cue"):  # the short columns: every word shown whole
        words = {w for r in recs for w in str(r[field] or "").split() if len(w) <= 14}
        assert words - shown == set(), field
    doc = next(d for d in docs if all(not r["affiliation"] for r in records(d)))
    header = next(line for line in tables.term([doc], width=width).splitlines() if " speaker " in line)
    assert "affiliation" not in header and "quote" in header


def test_by_claim_names_each_claims_article_and_says_when_nothing_is_linked(tmp_path, corpus_docs, corpus_extractor,
                                                                            corpus_gold):
    """Every article's first claim was headed `C1: …` with no article; without claims the view printed nothing
    and exited 0 without a word."""
    docs = list(corpus_docs.values())
    secs = tables.sections(docs, by="claim")
    assert len({s.title.split(":")[0] for s in secs}) < len(secs)  # the same ids in several articles
    for s in secs:
        [article] = {row[s.columns.index("article")] for row in s.rows}
        assert s.title.endswith(f" ({article})")
    bare = tmp_path / "bare.jsonl"
    bare.write_bytes(b"".join(orjson.dumps(d.to_dict()) + b"\n" for d in corpus_extractor.extract_many(
        (g["doc_id"], g["text"]) for g in corpus_gold[:3])))
    res = CliRunner().invoke(app, ["table", str(bare), "--by", "claim", "-f", "md"])
    assert res.exit_code == 0 and "no quote is linked to a claim" in res.stderr and "--claims" in res.stderr
    res = CliRunner().invoke(app, ["table", str(bare), "--by", "speaker", "-f", "md"])
    assert "no quote is linked" not in res.stderr


LINKS = "![x](http://evil.example/p.png) [y](javascript:alert(1)) \u202egnp.exe \u2066isolated\u2069"


def _linked_doc(doc_id: str = 'quoted "id"') -> dict:
    doc = _hostile_doc()
    quote = dict(doc["quotes"][0], text=LINKS, end=len(LINKS))
    return dict(doc, doc_id=doc_id, quotes=[quote])


def test_no_table_carries_a_live_link_or_a_bidirectional_override():
    md = tables.markdown([_linked_doc()])
    assert "](" not in md.replace("\\](", "") and "\\[x\\](http" in md and "\\[y\\](javascript" in md
    outs = (md, tables.csv([_linked_doc()]), tables.html([_linked_doc()]), tables.term([_linked_doc()], width=200))
    for out in outs:
        assert not any(ch in out for ch in "\u202e\u2066\u2069\x1b"), out[:200]
    assert "\x1b" not in tables.html([_hostile_doc()])


def test_a_quote_mark_in_a_document_id_leaves_the_reports_script_working(browser, tmp_path):
    doc = _linked_doc('an "odd" id')
    text = {doc["doc_id"]: LINKS}
    page, errors = open_report(browser, tmp_path, tables.html([doc, _linked_doc("plain")], texts=text))
    assert errors == []
    page.fill("#filter", "nothing matches this")
    assert page.locator("nav.toc li:not(.hidden)").count() == 0
    page.fill("#filter", "")
    page.locator("table.quotes tbody tr").first.click()
    assert page.locator("aside [data-field='speaker']").first.text_content() == "-2+3"
