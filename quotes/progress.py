"""Progress of a `quotes extract` run on stderr: a live bar on a terminal, plain lines in a log.

On a terminal (rich): what is happening (loading the models until the first document is done, then
extracting), documents done of the total where it is known, failures, documents a second and the time left.
Elsewhere (a log file, CI, a pipe): a line every `every` seconds with the same figures, so a long run written
to a log still says how far it is. The total is counted before the run where that is cheap (files, the lines of
a JSONL file); standard input has none.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import IO, Any

PLAIN_EVERY = 30.0  # seconds between plain progress lines
CHUNK = 1 << 20  # bytes read at a time when counting lines: a line of any length costs no more


def count(files: Iterable[str]) -> int | None:
    """Documents in the inputs as `quotes extract` reads them: a line of JSONL (blank lines aside) or a file;
    None where one of them is standard input."""
    total = 0
    for path in files:
        if path == "-":
            return None
        if not path.endswith(".jsonl"):
            total += 1
            continue
        total += _non_blank_lines(path)
    return total


def _non_blank_lines(path: str) -> int:
    """The lines of a file that hold anything but white space, read a chunk at a time (never a whole line)."""
    n, content = 0, False
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            *ended, rest = chunk.split(b"\n")
            for piece in ended:
                n += content or bool(piece.strip())
                content = False
            content = content or bool(rest.strip())
    return n + content


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class Progress:
    """`tick(done, failed)` after each document; `close()` at the end. `terminal`: draw a live bar (rich)."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, terminal: bool | None = None,
                 every: float = PLAIN_EVERY):
        self.total, self.every = total, every
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        if self.terminal:
            self._start_bar()
        else:
            what = "" if total is None else f" {total:,} document{'' if total == 1 else 's'}"
            self._line(f"extracting{what}; loading the models")

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self.stream, force_terminal=True, highlight=False)
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[failed]} failed · {task.fields[rate]} docs/s · left"),
                            TimeRemainingColumn(), console=console, transient=False)
        self.task = self.bar.add_task("loading the models", total=self.total, failed=0, rate="–")
        self.bar.start()

    def tick(self, done: int, failed: int) -> None:
        now = time.monotonic()
        rate = done / max(now - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, description="extracting", failed=failed, rate=f"{rate:.1f}")
        elif now - self.last >= self.every:
            self.last = now
            self._line(self._figures(done, failed, rate))

    def _figures(self, done: int, failed: int, rate: float) -> str:
        if self.total is None:
            return f"{done:,} documents, {failed:,} failed, {rate:.1f} docs/s"
        left = (self.total - done) / rate if rate > 0 else 0.0
        share = done / self.total if self.total else 1.0
        return (f"{done:,}/{self.total:,} documents ({share:.0%}), {failed:,} failed, {rate:.1f} docs/s, "
                f"{_clock(left)} left")

    def _line(self, text: str) -> None:
        self.stream.write(f"quotes: {text}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
