"""The package as a user installs it: a wheel built from this checkout and used from another folder.

`pip install -e .` (the developer set-up) reads `grammars/` from the checkout; a wheel puts them at
`quotes/grammars/` in site-packages, a folder of data that `importlib.resources` gives only as a
MultiplexedPath. The wheel is built without dependencies and installed into a folder put first on the path,
so the interpreter's own stanza, torch and the rest serve it (seconds); with the models, it is also installed
into a fresh virtual environment with its dependencies, as a user installs it.
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
def wheel(tmp_path_factory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    for isolation in (["--no-build-isolation"], []):  # this interpreter's setuptools, else one from the index
        build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q",
                                "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
        if build.returncode == 0:
            break
    if build.returncode != 0:
        pytest.skip(f"no wheel could be built here: {build.stderr[-300:]}")
    [built] = wheels.glob("*.whl")
    assert built.name.startswith("quotes_attribution-")  # `quotes` on the package index is another project
    names = zipfile.ZipFile(built).namelist()
    for shipped in ("quotes/output.schema.json", "quotes/grammars/roles.toml", "quotes/grammars/titles.toml",
                    "quotes/grammars/wordnet.toml", "quotes/grammars/tokens.toml",
                    "quotes/grammars/WORDNET_LICENSE.md"):
        assert shipped in names
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
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


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed as a user installs it, its dependencies resolved by
    pip from the package index (this interpreter's torch version first, so a CPU build stays a CPU build)."""
    from importlib.metadata import version

    home = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, capture_output=True)
    pip = [str(home / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    for what in ([f"torch=={version('torch')}"], [str(wheel)]):
        done = subprocess.run(pip + what, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"pip could not install {what[0]} into a fresh environment here: {done.stderr[-300:]}")
    return home


@pytest.mark.models
def test_a_fresh_environment_runs_the_command_and_the_library_from_another_folder(venv, tmp_path):
    """`quotes models`, `quotes extract` and the library of a wheel installed into a new virtual environment
    (the checkout nowhere on the path), run from a folder of the user's."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    text = (ROOT / "corpus" / "ridgeway-officer-charged.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")

    def run_in(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)

    done = run_in(str(venv / "bin" / "quotes"), "models")
    assert done.returncode == 0 and "check: parsed" in done.stdout, done.stderr
    done = run_in(str(venv / "bin" / "quotes"), "extract", "a.txt", "-o", "a.jsonl")
    assert done.returncode == 0, done.stderr
    assert "Karen Whitfield" in (tmp_path / "a.jsonl").read_text(encoding="utf-8")
    done = run_in(str(venv / "bin" / "python"), "-c", "import quotes, json; d = quotes.extract(open('a.txt').read(), "
                  "doc_id='a'); print(quotes.__file__); print(json.dumps([q.speaker.name for q in d.quotes]))")
    assert done.returncode == 0, done.stderr
    where, names = done.stdout.splitlines()
    assert where.startswith(str(venv)) and "Karen Whitfield" in names


@pytest.mark.skipif(not (ROOT.parent / "shared" / "spec" / "output.schema.json").is_file(), reason="no shared spec")
def test_the_shipped_schema_is_the_contracts():
    shipped = (ROOT / "quotes" / "output.schema.json").read_bytes()
    assert shipped == (ROOT.parent / "shared" / "spec" / "output.schema.json").read_bytes()


def test_the_installed_package_gives_its_schema(installed, tmp_path):
    done = run(installed, tmp_path, "-c", "import json; from importlib import resources; "
               "print(json.loads((resources.files('quotes') / 'output.schema.json').read_text())['title'])")
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
