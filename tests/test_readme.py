"""The README as a new user follows it: its library snippet and every command of its usage block run as
written, from a checkout with ../shared beside it (the models found through QUOTES_MODELS)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

pytestmark = pytest.mark.models
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(opening: str, after: str) -> str:
    """The fenced block of the README that opens with `opening` after the text `after`."""
    start = README.index(opening, README.index(after)) + len(opening)
    return README[start:README.index("```", start)]


def checkout(tmp_path: Path) -> Path:
    """A copy of what the README's commands read (corpus/), with ../shared beside it, as in a fresh clone."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "corpus", repo / "corpus")
    (tmp_path / "shared").symlink_to(SHARED)
    return repo


def test_the_library_snippet_runs_as_written(tmp_path, monkeypatch, capsys):
    code = block("```python\n", "## Use")
    monkeypatch.chdir(checkout(tmp_path))
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "label='oppose'" in out and "Whitfield" in out and "| speaker |" in out


def test_every_usage_command_runs_as_written(tmp_path):
    repo = checkout(tmp_path)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(ROOT))
    commands = [line.split("  #")[0].strip() for line in block("```sh\n", "## Use").splitlines() if line.strip()]
    assert len(commands) >= 10
    for command in commands:
        res = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=repo, env=env, capture_output=True,
                             text=True, timeout=600)
        assert res.returncode == 0, f"{command}\n{res.stderr[-2000:]}"
    assert (repo / "report.html").stat().st_size > 10_000 and (repo / "claimed.jsonl").is_file()
