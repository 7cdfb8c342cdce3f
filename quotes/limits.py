"""Per-document limits: a size bound and a time bound that turn a runaway document into an error record.

`time_limit` is the one time bound every way of running passes through (the Extractor's normalize and rule
stages, `Extractor.stances`), in any thread: in the main thread the POSIX interval timer raises `DocTimeout`
inside plain Python code (a caller's own timer is kept and re-armed after), in any other thread (a Dask
worker, a caller's thread) a watchdog raises it there asynchronously. The grammar's patterns, which run in C,
are searched with the time left there (`Bounded`), so a runaway pattern of a user's grammar stops in any
thread.
The parser is never interrupted here (torch does not recover from it); a large document's parse checks the
bound between its pieces, and `quotes extract` bounds the parse as well by running extraction in worker
processes that it restarts when one overruns (quotes.pool).
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import regex

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


_bound = threading.local()  # .watched: when the time bound of a thread other than the main one runs out


@contextmanager
def time_limit(seconds: float | None) -> Iterator[Deadline]:
    """Raise DocTimeout in the block after `seconds` (None or 0: no limit), in whatever thread it runs."""
    deadline = Deadline(seconds)
    if not seconds or deadline.at is None:
        yield deadline
        return
    message = f"took longer than {seconds:g} s (--doc-timeout)"
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    outer = getattr(_bound, "watched", None)
    if not alarm:
        _bound.watched = deadline.at if outer is None else min(outer, deadline.at)
    try:
        with (_alarm if alarm else _watchdog)(seconds, message):
            yield deadline
    finally:
        _bound.watched = outer


@contextmanager
def _alarm(seconds: float, message: str) -> Iterator[None]:
    """The interval timer, the caller's own (a pending `alarm` or `setitimer`) kept: it goes off as it would
    have, and what is left of it is armed again after the block."""
    previous = signal.getsignal(signal.SIGALRM)
    theirs, interval = signal.getitimer(signal.ITIMER_REAL)
    mine = not theirs or seconds < theirs
    fired = False
    started = time.monotonic()

    def ring(signum: int, frame: object) -> None:
        nonlocal fired
        if mine:
            raise DocTimeout(message)
        fired = True  # the caller's timer, inside the block: its own disposition handles it
        signal.signal(signal.SIGALRM, previous)
        signal.raise_signal(signal.SIGALRM)

    signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds if mine else theirs)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if theirs:
            rest = theirs - (time.monotonic() - started)
            if fired or rest <= 0:
                rest = interval if fired else 1e-6
            if rest > 0:
                signal.setitimer(signal.ITIMER_REAL, rest, interval)


@contextmanager
def _watchdog(seconds: float, message: str) -> Iterator[None]:
    """A timer thread that raises DocTimeout in this thread (at its next Python instruction) once `seconds` have
    passed; one set but not yet raised when the block ends is withdrawn."""
    tid = ctypes.c_ulong(threading.get_ident())
    timeout = type("DocTimeout", (DocTimeout,), {"__init__": lambda self: DocTimeout.__init__(self, message)})
    lock = threading.Lock()
    on = True

    def ring() -> None:
        with lock:
            if on:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(tid, ctypes.py_object(timeout))

    watch = threading.Timer(seconds, ring)
    watch.daemon = True
    watch.start()
    try:
        yield
    finally:
        with lock:
            on = False
            watch.cancel()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(tid, None)


def _searching(name: str) -> Callable[..., Any]:
    """The compiled pattern's method `name`, given the time left where this thread is watched."""
    def call(self: Bounded, *args: Any, **kw: Any) -> Any:
        method = getattr(self.compiled, name)
        at = getattr(_bound, "watched", None)
        return method(*args, **kw) if at is None else _bounded(method, at, args, kw)
    call.__name__ = name
    return call


class Bounded:
    """A compiled pattern of a grammar whose searches stop when this thread's time bound runs out: a runaway
    pattern of a user's grammar runs in C, where the watchdog of a thread other than the main one does not
    reach (the regex module's `timeout`). In the main thread the interval timer reaches it (the regex module
    checks for signals) and the pattern runs as compiled."""

    __slots__ = ("compiled",)

    def __init__(self, compiled: regex.Pattern[str]):
        self.compiled = compiled

    @property
    def pattern(self) -> str:
        return str(self.compiled.pattern)

    search = _searching("search")
    match = _searching("match")
    fullmatch = _searching("fullmatch")
    findall = _searching("findall")
    sub = _searching("sub")

    def finditer(self, *args: Any, **kw: Any) -> Iterator[Any]:
        at = getattr(_bound, "watched", None)
        if at is None:
            return self.compiled.finditer(*args, **kw)  # type: ignore[no-any-return]
        return iter(_bounded(lambda *a, **k: list(self.compiled.finditer(*a, **k)), at, args, kw))


def _bounded(call: Callable[..., Any], at: float, args: tuple[Any, ...], kw: dict[str, Any]) -> Any:
    try:
        return call(*args, **kw, timeout=max(0.001, at - time.monotonic()))
    except TimeoutError as e:
        raise DocTimeout("took longer than the time bound (--doc-timeout) in a grammar pattern") from e
