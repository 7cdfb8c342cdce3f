"""Extraction in worker processes: hard time bounds and `--workers N`, output in input order.

Each worker process holds its own Extractor (its own parser). The parent hands out batches of documents,
always cut the same way (quotes.limits.batches), so the output does not depend on the number of workers. A
batch that overruns its time (`doc_timeout` per document) gets its worker killed and restarted; its documents are then
run one at a time, and a document that overruns alone becomes a `Timeout` error record. A worker that dies
(out of memory, a crash in native code) is handled the same way.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from .emit import failed
from .limits import batches, budget
from .model import Document, Error

STARTUP = 300.0  # seconds a worker may take to load its models
WORKER_MEMORY = 1.5e9  # bytes a worker may need with the models loaded (peak RSS measured: 1.0-1.3 GB)


def auto_workers(total: int | None, batch_size: int) -> int:
    """`--workers auto`: a worker a core (measured on 2 cores: 2 workers of 1 thread each beat 1 of 2
    threads), no more than the free memory holds, and no more than there are batches to give them."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    batches = cpus if total is None else -(-total // max(1, batch_size))
    return max(1, min(cpus, int(_available() // WORKER_MEMORY), batches))


def _available() -> float:
    """Memory free for new processes (MemAvailable), or as if there were enough where it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    return float("inf")
log = logging.getLogger("quotes")


def _serve(conn: Connection, options: dict[str, Any], threads: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent ends the run
    import torch

    from .extractor import Extractor

    torch.set_num_threads(threads)
    try:
        ex = Extractor(**options)
        ex.parser.parse_many(["“Ready,” the worker said."])  # load and warm up the models; raises if they are bad
    except Exception as e:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", None))
    while True:
        job = conn.recv()
        if job is None:  # the run is over: leave without tearing down the models, which takes a second
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        number, items = job
        conn.send(("done", (number, ex.batch([(*item, None)[:3] for item in items]))))


class WorkerError(RuntimeError):
    """The workers could not start (no model, a bad grammar): the run cannot go on."""


class _Worker:
    def __init__(self, ctx: Any, options: dict[str, Any], threads: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, options, threads), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.job: tuple[int, list[tuple[int, tuple[Any, ...]]], float] | None = None  # number, items, deadline
        self.started = time.monotonic()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def _size(item: tuple[Any, ...], options: dict[str, Any]) -> int:
    """The characters a document's time bound is measured by (none for one refused for its size)."""
    text = item[1]
    limit = options.get("max_doc_chars")
    return len(text) if isinstance(text, str) and not (limit and len(text) > limit) else 0


Queue = deque[tuple[int, list[tuple[int, tuple[Any, ...]]]]]  # batches waiting: number, (index, item) pairs


def _fill(source: Iterator[list[tuple[Any, ...]]], queue: Queue, room: int, taken: int) -> tuple[int, bool]:
    """Queue up to `room` more batches from `source`; returns the items taken so far and whether it ran out."""
    for _ in range(room):
        batch = next(source, None)
        if batch is None:
            return taken, True
        queue.append((taken, list(enumerate(batch, taken))))  # numbered by its first document
        taken += len(batch)
    return taken, False


def _dispatch(pool: list[_Worker], queue: Queue, options: dict[str, Any], doc_timeout: float | None) -> None:
    """Hand each idle worker the next batch, with its time bound."""
    for w in pool:
        if w.ready and w.job is None and queue:
            number, batch = queue.popleft()
            total = sum(budget(doc_timeout, _size(item, options)) or 0 for _, item in batch)
            w.job = (number, batch, time.monotonic() + total if doc_timeout else float("inf"))
            w.conn.send((number, [item for _, item in batch]))


def _collect(ctx: Any, pool: list[_Worker], options: dict[str, Any], threads: int, queue: Queue,
             results: dict[int, Document], doc_timeout: float | None) -> None:
    """Take what the workers finished; restart one that died or overran."""
    ready = wait([w.conn for w in pool], timeout=0.2)
    for k, w in enumerate(pool):
        if w.conn in ready:
            try:
                kind, payload = w.conn.recv()
            except (EOFError, OSError):  # the worker died
                pool[k] = _restart(ctx, w, options, threads, queue, results, doc_timeout, died=True)
                continue
            if kind == "failed":
                raise WorkerError(payload)
            if kind == "ready":
                w.ready = True
            elif kind == "done" and w.job is not None:
                for (index, _), doc in zip(w.job[1], payload[1], strict=True):
                    results[index] = doc
                w.job = None
        elif w.job is not None and time.monotonic() > w.job[2]:
            pool[k] = _restart(ctx, w, options, threads, queue, results, doc_timeout, died=False)
        elif not w.ready and time.monotonic() - w.started > STARTUP:
            raise WorkerError(f"a worker took more than {STARTUP:g} s to load the models")


def run(items: Iterable[tuple[Any, ...]], options: dict[str, Any], workers: int = 1, batch_size: int = 16,
        doc_timeout: float | None = 120.0) -> Iterator[Document]:
    """Documents for (doc_id, text[, claims]) items, in input order, extracted by `workers` processes."""
    ctx = mp.get_context("spawn")
    threads = max(1, (os.cpu_count() or 1) // workers)
    options = dict(options, batch_size=batch_size, doc_timeout=doc_timeout)
    pool = [_Worker(ctx, options, threads) for _ in range(max(1, workers))]
    queue: Queue = deque()
    results: dict[int, Document] = {}
    source = batches((tuple(item) for item in items), batch_size)
    taken = emitted = 0
    exhausted = False
    try:
        while True:
            if not exhausted:
                room = 2 * len(pool) - len(queue) - sum(w.job is not None for w in pool)
                taken, exhausted = _fill(source, queue, room, taken)
            _dispatch(pool, queue, options, doc_timeout)
            while emitted in results:
                yield results.pop(emitted)
                emitted += 1
            if exhausted and emitted == taken:
                return
            _collect(ctx, pool, options, threads, queue, results, doc_timeout)
    finally:
        for w in pool:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.proc.join(timeout=2)
            if w.proc.is_alive():
                w.proc.kill()


def _restart(ctx: Any, w: _Worker, options: dict[str, Any], threads: int,
             queue: Queue, results: dict[int, Document],
             doc_timeout: float | None, died: bool) -> _Worker:
    """Replace a worker that overran or died; split its batch, or give up on its single document."""
    job = w.job
    code = w.proc.exitcode
    w.kill()
    size = len(job[1]) if job else 0
    log.warning("a worker %s (%d document%s in hand); restarting it", f"stopped (exit code {code})" if died
                else "overran its time bound", size, "" if size == 1 else "s")
    if job is not None:
        number, batch, _ = job
        if len(batch) == 1:
            index, item = batch[0]
            limit = budget(doc_timeout, _size(item, options)) or 0
            results[index] = failed(item[0], item[1], Error("WorkerCrash", f"the process extracting this document "
                                                                    f"stopped (exit code {code})") if died
                                          else Error("Timeout", f"the document took longer than {limit:g} s "
                                                                "(--doc-timeout)"))
        else:
            for index, item in reversed(batch):
                queue.appendleft((number, [(index, item)]))
    return _Worker(ctx, options, threads)
