"""The README as a new user follows it: its library snippet and every command of its usage block run as
written, from a checkout with ../shared beside it (the models found through QUOTES_MODELS)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
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


def tour(opening: str) -> list[str]:
    """The tour's fenced blocks that open with `opening`, in order."""
    start, end = README.index("## A five-minute tour"), README.index("## Use")
    out, at = [], README.index(opening, start) if opening in README[start:end] else end
    while at < end:
        body = at + len(opening)
        out.append(README[body:README.index("```", body)])
        at = README.find(opening, README.index("```", body) + 3)
        at = end if at < 0 else at
    return out


def test_the_tour_runs_and_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    """Each command of the tour runs as written, and what the tour shows of its output is what it prints."""
    repo = checkout(tmp_path)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(ROOT))
    shown = [[line for line in block.splitlines() if line.strip() and line.strip() != "…"]
             for block in tour("```text\n")]
    printed = []
    for command in [line.split("  #")[0].strip() for b in tour("```sh\n") for line in b.splitlines() if line.strip()]:
        res = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=repo, env=env, capture_output=True,
                             text=True, timeout=600)
        assert res.returncode == 0, f"{command}\n{res.stderr[-2000:]}"
        printed.append(res)
    extract, table, by_claim, _, stance = printed  # (the fourth writes the pair)
    assert shown[0] == extract.stderr.splitlines()
    assert shown[1] == [line for line in table.stdout.splitlines() if line.strip()]
    assert all(line in by_claim.stdout.splitlines() for line in shown[2])
    assert stance.stdout.strip() == '{"label":"oppose","score":0.78,"evidence":["not prove"]}'
    first = orjson.loads((repo / "ridgeway.jsonl").read_bytes())["quotes"][0]
    assert first == {**orjson.loads("".join(tour("```json\n"))), "stance": first["stance"], "claim": None}
    command, *lines = shown[3]
    res = subprocess.run(["bash", "-c", command.removeprefix("$ ")], cwd=repo, env=env, capture_output=True,
                         text=True, timeout=600)
    assert all(line in res.stdout.splitlines() for line in lines)
    monkeypatch.chdir(repo)
    exec(compile(tour("```python\n")[0], "README.md", "exec"), {})
    assert "Karen Whitfield prosecutor" in capsys.readouterr().out
