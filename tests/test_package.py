"""The package's shape: small functions and classes, stages documented where they live, no import cycles."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"
MODULES = sorted(PACKAGE.rglob("*.py"))


def sizes(path: Path) -> list[tuple[str, int, int]]:
    """(name, lines, limit) of each function (60 lines) and class (150 lines) of a module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            limit = 150 if isinstance(node, ast.ClassDef) else 60
            out.append((node.name, node.end_lineno - node.lineno + 1, limit))
    return out


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_functions_and_classes_stay_small(path):
    assert [(name, n) for name, n, limit in sizes(path) if n > limit] == []


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_every_module_says_what_it_is(path):
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
    assert doc and len(doc.split()) >= 5, f"{path.name} has no module docstring"


def imports(path: Path) -> set[str]:
    """The package modules a module imports at its top level (relative imports resolved)."""
    here = path.relative_to(PACKAGE.parent).with_suffix("").parts
    pkg = here[:-1] if path.name != "__init__.py" else here[:-1]
    out = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = pkg[:len(pkg) - node.level + 1]
            mod = ".".join(base + tuple((node.module or "").split(".") if node.module else ()))
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def test_no_import_cycles_at_module_level():
    graph = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): imports(p)
             for p in MODULES}
    graph = {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}
    done: set[str] = set()

    def visit(m: str, path: list[str]) -> None:
        assert m not in path, " → ".join([*path, m])
        if m in done:
            return
        for d in graph[m]:
            if not m.startswith(d + ".") and not d.startswith(m + "."):  # a package and its own modules
                visit(d, [*path, m])
        done.add(m)

    for m in graph:
        visit(m, [])
    assert "quotes.tables" not in graph["quotes.model"] and "quotes.cli" not in graph["quotes.model"]


def test_every_subpackage_is_installed():
    """`pip install .` (not -e) ships only the packages pyproject lists: a folder left out installs a package
    that fails on import, which the tests, run from the checkout, would never see."""
    import tomllib

    setup = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(setup["packages"])
    folders = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")}
    assert folders <= listed, sorted(folders - listed)
