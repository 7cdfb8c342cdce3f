"""Progress of a `quotes extract` run on stderr: a live bar on a terminal, plain lines in a log.

On a terminal (rich): what is happening (loading the models until the first document is done, then
extracting), documents done of the total where it is known, failures, documents a second and the time left,
both reckoned from the first document done (not the model load) and the time left by characters where the
input's size is known.
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
                 every: float = PLAIN_EVERY, size: int | None = None):
        self.total, self.every = total, every
        self.size = size  # characters (bytes) of the input, where known: the time left is reckoned from them
        self.chars = 0
        self.first: tuple[float, int, int] | None = None  # (when, documents, characters) at the first document
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
        )

        console = Console(file=self.stream, force_terminal=True, highlight=False)
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[failed]} failed · {task.fields[rate]} docs/s · left "
                                       "{task.fields[left]}"), console=console, transient=False)
        self.task = self.bar.add_task("loading the models", total=self.total, failed=0, rate="–", left="–")
        self.bar.start()

    def tick(self, done: int, failed: int, chars: int = 0) -> None:
        """After each document: the documents done and failed so far, and the characters of this one."""
        now = time.monotonic()
        self.chars += chars
        if self.first is None:  # the models are loaded now: rates are reckoned from here, not from the start
            self.first = (now, done, self.chars)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, description="extracting", failed=failed,
                            rate=self._rate(now, done), left=self._left(now, done))
        elif now - self.last >= self.every:
            self.last = now
            self._line(self._figures(now, done, failed))

    def _rate(self, now: float, done: int) -> str:
        assert self.first is not None
        t0, d0, _ = self.first
        return f"{(done - d0) / (now - t0):.1f}" if done > d0 and now > t0 else "–"

    def _left(self, now: float, done: int) -> str:
        """The time left at the pace of the documents done since the first: by their characters where the
        input's size is known (a long document is not a short one), else by their number."""
        assert self.first is not None
        t0, d0, c0 = self.first
        if now <= t0:
            return "–"
        if self.size and self.chars > c0:
            return _clock(max(0, self.size - self.chars) * (now - t0) / (self.chars - c0))
        if self.total is not None and done > d0:
            return _clock((self.total - done) * (now - t0) / (done - d0))
        return "–"

    def _figures(self, now: float, done: int, failed: int) -> str:
        rate = self._rate(now, done)
        if self.total is None:
            return f"{done:,} documents, {failed:,} failed, {rate} docs/s"
        share = done / self.total if self.total else 1.0
        return (f"{done:,}/{self.total:,} documents ({share:.0%}), {failed:,} failed, {rate} docs/s, "
                f"{self._left(now, done)} left")

    def _line(self, text: str) -> None:
        self.stream.write(f"quotes: {text}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
