"""Language lives in grammars/: no English word list in the engine's code.

Every collection literal of two or more lower-case words in quotes/ (a tuple, set, list, `"… …".split()`,
or a regex alternation such as `(?:said|says)`) must consist of structural tokens: dependency labels, the
output contract's labels, the grammar files' own keys, HTML tag names. A word list found anywhere else is
language that `--grammar` cannot correct: move it to grammars/ (and this test says where it stands).
Surfaces that only name the output's fields and options (cli, tables, evaluate, emit) are not read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import regex

from quotes import grammar, model, parse

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"
SURFACES = {"cli.py", "tables.py", "evaluate.py", "emit.py"}
WORD = regex.compile(r"^['’]?[a-z][a-z'’.]*$")
ALTERNATION = regex.compile(r"\((?:\?:)?((?:[a-z]+\|)+[a-z]+)\)")
DEPRELS = set("""nsubj obj iobj csubj ccomp xcomp obl vocative expl dislocated advcl advmod discourse aux cop mark
nmod appos nummod acl amod det clf case conj cc fixed flat compound list parataxis orphan goeswith reparandum
punct root dep neg""".split())  # neg: an older UD label some parsers give
CONTRACT = set(model.ROLES) | set(model.KINDS) | set(model.RESOLUTIONS) | set(model.QUOTE_TYPES) | set(
    model.STANCE_LABELS) | set(model.PARTIES) | set(model.SIDES)
GRAMMAR_KEYS = set("""open close double single pairs groups verbs nouns words phrases patterns classes kinds
marks reported colon dash statement female male""".split())  # female, male: [genders], [honorifics]
HTML_TAGS = set("""p div br li ul ol article section header footer table tr td th blockquote figure figcaption
main nav aside title pre hr script style noscript template""".split())
FIELDS = set("id text aliases keywords claims docs".split())  # the fields of a claims file
PROCESSORS = set("tokenize mwt pos lemma depparse ner".split())  # stanza's
SUFFIXES = set("s es ed ies ied ss us is".split())  # what `grammar.stem` strips or keeps: morphology, not words
FEATURES = set(grammar.FEATURES)  # the keys of stance.toml's [weights]: the evidence the code computes
TOKENIZERS = set(parse.TOKENIZERS)  # the values of --tokenizer
STRUCTURAL = DEPRELS | CONTRACT | GRAMMAR_KEYS | HTML_TAGS | FIELDS | PROCESSORS | SUFFIXES | FEATURES | TOKENIZERS


def _strings(node: ast.AST) -> list[str] | None:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
        return node.func.value.value.split()
    return None


def word_lists(path: Path) -> list[tuple[int, list[str]]]:
    """(line, words) for each list of lower-case words in a module that are not structural tokens."""
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        items = _strings(node)
        if items is not None and len(items) >= 2 and all(WORD.match(s) for s in items):
            words = [s for s in items if s not in STRUCTURAL and not s.endswith(".toml")]
            if words:
                out.append((node.lineno, words))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for m in ALTERNATION.finditer(node.value):
                words = [w for w in m.group(1).split("|") if w not in STRUCTURAL]
                if words:
                    out.append((node.lineno, words))
    return out


COMPARED = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)
REGEX_WORD = regex.compile(r"(?:\\b|\\s\+|\(\?:)([a-z]{2,})(?=\\s|\\b)")  # `\bof\s+`, `(?:the\s+)?`


def compared_words(path: Path) -> list[tuple[int, list[str]]]:
    """(line, words) for each comparison with a lower-case word (`lemma == "that"`, `x in ("of",)`) and each
    word spelt into a regular expression (`\\bof\\s+`) that is not a structural token: the forms a word list
    takes when it has one word."""
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Compare) and any(isinstance(op, COMPARED) for op in node.ops) and _reads_text(node):
            for side in (node.left, *node.comparators):
                items = _strings(side) or ([side.value] if isinstance(side, ast.Constant)
                                           and isinstance(side.value, str) else [])
                words = [w for w in items if WORD.match(w) and len(w) > 1 and w not in STRUCTURAL]
                if words and all(WORD.match(w) for w in items):
                    out.append((node.lineno, words))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\\" in node.value:
            words = [w for w in REGEX_WORD.findall(node.value) if w not in STRUCTURAL and w not in REGEX_CLASSES]
            if words:
                out.append((node.lineno, words))
    return out


def _reads_text(node: ast.AST) -> bool:
    """The comparison reads a word of the text: a `.lemma`, a `.text` or something lower-cased."""
    return any(isinstance(n, ast.Attribute) and n.attr in ("lemma", "text", "lower") for n in ast.walk(node))


REGEX_CLASSES = {"p", "s", "w", "d", "b", "lu", "ll", "zs", "l", "n"}  # \p{Lu}, \s, \w …: not words


def test_no_english_word_compared_in_the_engine():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {words}" for path in sorted(PACKAGE.rglob("*.py"))
             if path.name not in SURFACES for line, words in compared_words(path)]
    assert not found, "English words compared or spelt into patterns in code (move them to grammars/):\n" + \
        "\n".join(found)


def test_the_check_sees_a_compared_word(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('A = w.lemma == "that"\nB = w.deprel == "nsubj"\nC = regex.compile(r"\\bof\\s+(?:the\\s+)?")\n')
    assert compared_words(planted) == [(1, ["that"]), (3, ["of", "the"])]


def test_no_english_word_list_in_the_engine():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {words}" for path in sorted(PACKAGE.rglob("*.py"))
             if path.name not in SURFACES for line, words in word_lists(path)]
    assert not found, "English word lists in code (move them to grammars/):\n" + "\n".join(found)


def test_the_check_sees_a_word_list(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('STOP = ("though", "although")\nCUE = r"\\b(?:said|says)\\b"\nDEPS = ("nsubj", "obj")\n')
    assert word_lists(planted) == [(1, ["though", "although"]), (2, ["said", "says"])]
