"""extractor.py: one record per input, whatever goes wrong, on the recorded parses (no model)."""

from conftest import CORPUS

from quotes import Extractor
from quotes.emit import sha256


def test_every_input_gives_one_document_in_order(recorded):
    ex = Extractor(parser=recorded, max_doc_chars=5000, timing=False)
    text = (CORPUS / "vance-bail-hearing.txt").read_text("utf-8")
    docs = list(ex.extract_many([("ok", text), ("big", "x" * 6000), ("odd", 42), ("unrecorded", "Nobody said so.")]))
    assert [d.doc_id for d in docs] == ["ok", "big", "odd", "unrecorded"]
    assert docs[0].error is None and docs[0].quotes and "elapsed_ms" not in docs[0].meta
    assert docs[1].error.type == "TooLarge" and "--max-doc-chars" in docs[1].error.message
    assert docs[2].error.type == "InputError" and docs[2].doc_id == "odd"
    assert docs[3].error.type == "KeyError"  # the parser's failure is that document's alone


def test_bad_claims_fail_their_document_only(recorded):
    ex = Extractor(parser=recorded)
    text = (CORPUS / "vance-bail-hearing.txt").read_text("utf-8")
    [doc] = ex.extract_many([("c", text, [{"id": "C1"}])])
    assert doc.error.type == "ClaimError" and doc.text_sha256 == sha256(text)


def test_the_id_defaults_to_the_digest(recorded):
    text = (CORPUS / "vance-bail-hearing.txt").read_text("utf-8")
    doc = Extractor(parser=recorded).extract(text)
    assert doc.doc_id == sha256(text)[:16] and doc.meta["parser"].startswith("recorded")


def test_elapsed_ms_is_each_documents_own_time(recorded):
    """A batch's parse is shared by the characters each document has, not averaged: a long article parsed
    beside a one-line statement took the longer time (both got the mean before)."""
    import time

    class Slow:  # the recorded parses, at a cost per character like a real parser's
        name = "slow"

        def parse_many(self, texts):
            time.sleep(sum(map(len, texts)) * 2e-3)
            return recorded.parse_many(texts)

    texts = [(f.stem, f.read_text("utf-8")) for f in sorted(CORPUS.glob("*.txt"))]
    long = max(texts, key=lambda t: len(t[1]))
    short = min(texts, key=lambda t: len(t[1]))
    docs = list(Extractor(parser=Slow()).extract_many([long, short]))
    ms = [d.meta["elapsed_ms"] for d in docs]
    parse = [len(t) * 2e-3 * 1000 for _, t in (long, short)]  # ms
    assert ms[0] >= parse[0] and parse[1] <= ms[1] < sum(parse) / 2


def test_no_model_raises_in_extract_as_in_stance():
    """With no model to be found, `quotes.extract` gave an error Document for each text (a run of a thousand
    texts failed a thousand times without a word) while `quotes.stance` raised: both raise ModelError now."""
    import pytest

    from quotes.parse import ModelError

    class Missing:
        name = "missing"

        def parse_many(self, texts):
            raise ModelError("no stanza model found")

    ex = Extractor(parser=Missing())
    with pytest.raises(ModelError):
        ex.extract("“We will appeal,” the lawyer said.")
    with pytest.raises(ModelError):
        list(ex.extract_many(["One.", ("b", "Two.")]))
    with pytest.raises(ModelError):
        ex.stance("It was not a hoax.", "It was a hoax")
