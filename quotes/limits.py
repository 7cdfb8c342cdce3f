"""Per-document limits: a size bound and a time bound that turn a runaway document into an error record.

In this process the bound covers the rule stages, through the POSIX interval timer where it can (the main
thread): it raises `DocTimeout` inside plain Python code. The parser is never interrupted here (torch does not
recover from it); a large document's parse checks the bound between its pieces, and `quotes extract` bounds
the parse as well by running extraction in worker processes that it restarts when one overruns (quotes.pool).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

PER = 100_000  # the time bound is given per this many characters
BATCH_CHARS = 50_000  # a batch of documents closes once its texts hold this many characters (measured)

T = TypeVar("T")


def budget(seconds: float | None, chars: int) -> float | None:
    """The time bound of a document: `seconds`, and as much again for each further 100,000 characters."""
    return seconds * max(1.0, chars / PER) if seconds else None


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` (texts, or tuples with the text second) in lists of at most `size`, a list closed early once its
    texts reach BATCH_CHARS characters: a batch is a few seconds of parsing whatever the documents' length, so
    the last batches of a run, when the other workers have nothing left, are short. Every way of running cuts
    the documents this way, which keeps the output the same whatever runs it."""
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += _chars(item)
        if len(batch) >= size or held >= BATCH_CHARS:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _chars(item: Any) -> int:
    text = item if isinstance(item, str) else item[1] if isinstance(item, tuple | list) and len(item) > 1 else None
    return len(text) if isinstance(text, str) else 0


class DocTimeout(Exception):
    """A document took longer than the time bound."""


class Deadline:
    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.at = time.monotonic() + seconds if seconds else None

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise DocTimeout(f"took longer than {self.seconds:g} s (--doc-timeout)")


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[Deadline]:
    """Raise DocTimeout in the block after `seconds` (None or 0: no limit)."""
    deadline = Deadline(seconds)
    if not seconds or not _can_alarm():
        yield deadline
        return

    def ring(signum: int, frame: object) -> None:
        raise DocTimeout(f"took longer than {seconds:g} s (--doc-timeout)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
