"""emit.py: records, lines and error documents (from the recorded corpus, no model)."""

import orjson

from quotes.emit import as_dict, dumps, failed, lines, records, sha256
from quotes.model import Document, Error


def test_failed_documents_keep_their_id_or_take_the_digest():
    e = Error("DecodeError", "bad byte")
    assert failed("a", "text", e).to_dict()["error"] == {"type": "DecodeError", "message": "bad byte"}
    assert failed(None, "text", e).doc_id == sha256("text")[:16]
    unreadable = failed(None, None, e)
    assert unreadable.doc_id == "unknown" and unreadable.text_sha256 == sha256("") and unreadable.quotes == ()


def test_one_line_per_document_or_per_quote(corpus_extractor, corpus_gold):
    g = corpus_gold[0]
    doc = corpus_extractor.extract(g["text"], doc_id=g["doc_id"])
    [whole] = lines(doc)
    per = lines(doc, per_quote=True)
    assert whole == doc.to_dict() and len(per) == len(doc.quotes)
    assert [r["quote"]["id"] for r in per] == [q.id for q in doc.quotes]
    empty = lines(Document(doc_id="x", text_sha256=sha256("")), per_quote=True)
    assert empty == [{"doc_id": "x", "text_sha256": sha256(""), "quote_index": 0, "quote_count": 0, "quote": None,
                      "error": None}]
    assert [(r["quote_index"], r["quote_count"]) for r in per] == [(i, len(per)) for i in range(len(per))]
    assert [orjson.loads(x) for x in dumps(per).splitlines()] == per


def test_records_from_a_document_and_from_its_json_agree(corpus_extractor, corpus_gold):
    g = corpus_gold[0]
    doc = corpus_extractor.extract(g["text"], doc_id=g["doc_id"])
    assert records(doc) == records(orjson.loads(orjson.dumps(doc.to_dict()))) == doc.to_records()
    assert as_dict(doc)["text"] == g["text"]
    rec = records(doc)[0]
    assert rec["quote"] == doc.quotes[0].text and rec["speaker"] == doc.quotes[0].speaker.name
