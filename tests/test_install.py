"""The package as a user installs it: a wheel built from this checkout and used from another folder.

`pip install -e .` (the developer set-up) reads `grammars/` from the checkout; a wheel puts them at
`quotes/grammars/` in site-packages, a folder of data that `importlib.resources` gives only as a
MultiplexedPath. The wheel is built without dependencies and installed into a folder put first on the path,
so the interpreter's own stanza, torch and the rest serve it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    wheels, target = tmp_path_factory.mktemp("wheels"), tmp_path_factory.mktemp("site")
    for isolation in (["--no-build-isolation"], []):  # this interpreter's setuptools, else one from the index
        build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q",
                                "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
        if build.returncode == 0:
            break
    if build.returncode != 0:
        pytest.skip(f"no wheel could be built here: {build.stderr[-300:]}")
    [wheel] = wheels.glob("*.whl")
    assert wheel.name.startswith("quotes_attribution-")  # `quotes` on the package index is another project
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("quotes/output.schema.json", "quotes/grammars/roles.toml", "quotes/grammars/titles.toml", "quotes/grammars/wordnet.toml",
                    "quotes/grammars/tokens.toml", "quotes/grammars/WORDNET_LICENSE.md"):
        assert shipped in names
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return target


def run(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_the_installed_package_reads_its_grammars_from_another_folder(installed, tmp_path):
    done = run(installed, tmp_path, "-c", "import quotes, quotes.grammar as g; g.load(); "
               "print(quotes.__file__); print(g.default_dir())")
    assert done.returncode == 0, done.stderr
    where, grammars = done.stdout.split()
    assert where.startswith(str(installed)) and Path(grammars) == installed / "quotes" / "grammars"


def test_the_installed_command_runs_from_another_folder(installed, tmp_path):
    done = run(installed, tmp_path, "-m", "quotes.cli", "models", "--help")
    assert done.returncode == 0, done.stderr


@pytest.mark.models
def test_the_installed_models_command_checks_the_models_from_another_folder(installed, tmp_path):
    done = run(installed, tmp_path, "-m", "quotes.cli", "models")
    assert done.returncode == 0, done.stderr
    assert "check: parsed" in done.stdout


@pytest.mark.models
def test_the_installed_library_extracts_from_another_folder(installed, tmp_path):
    text = (ROOT / "corpus" / "ridgeway-officer-charged.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    done = run(installed, tmp_path, "-c", "import quotes, json; d = quotes.extract(open('a.txt').read(), doc_id='a'); "
               "print(json.dumps([q.speaker.name for q in d.quotes]))")
    assert done.returncode == 0, done.stderr
    assert "Karen Whitfield" in done.stdout


@pytest.mark.skipif(not (ROOT.parent / "shared" / "spec" / "output.schema.json").is_file(), reason="no shared spec")
def test_the_shipped_schema_is_the_contracts():
    shipped = (ROOT / "quotes" / "output.schema.json").read_bytes()
    assert shipped == (ROOT.parent / "shared" / "spec" / "output.schema.json").read_bytes()


def test_the_installed_package_gives_its_schema(installed, tmp_path):
    done = run(installed, tmp_path, "-c", "import json; from importlib import resources; "
               "print(json.loads((resources.files('quotes') / 'output.schema.json').read_text())['title'])")
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
