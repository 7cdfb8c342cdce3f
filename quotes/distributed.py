"""Extraction on a Dask cluster: `quotes extract --scheduler ADDRESS` and `quotes.distributed.extract`.

Dask's distributed scheduler rather than Ray: it is pure Python from the package registries (no native
runtime or object store to install), a cluster is `dask scheduler` and `dask worker ADDRESS` on each machine or
a `LocalCluster` on one, and futures over batches are all that extraction needs.

The client cuts the documents into batches exactly as `quotes extract` does (quotes.limits.batches), so the
output is the same whatever runs it; it keeps two batches a worker in flight (the input streams, memory stays
bounded) and yields one Document per input, in input order. Each worker process builds one Extractor per set of
options, on the first batch it gets, and keeps it: the models load once a worker. A batch that fails (a worker lost, an
exception) is done again one document at a time; a document that fails alone becomes an error record; a worker
that cannot load the models stops the run (WorkerError), as in quotes.pool. Paths in
the options (models, grammar) must exist where the workers run. A worker runs batches in a thread, where the
parse of a runaway document cannot be interrupted: `--doc-timeout` bounds the rules there, not the parse.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from .emit import failed
from .limits import batches
from .model import Document, Error
from .pool import WorkerError

_extractors: dict[str, Any] = {}  # on a worker: one Extractor per set of options
_lock = threading.Lock()


def _key(options: dict[str, Any]) -> str:
    return hashlib.sha256(repr(sorted((k, repr(v)) for k, v in options.items())).encode()).hexdigest()


def _extract(items: list[tuple[Any, ...]], key: str, options: dict[str, Any]) -> list[Document]:
    """Runs on a worker: one batch through the worker's Extractor for these options."""
    from .extractor import Extractor

    with _lock:
        ex = _extractors.get(key)
        if ex is None:
            try:
                ex = Extractor(**options)
                ex.parser.parse_many(["“Ready,” the worker said."])  # load the models; raises if they are bad
            except Exception as e:  # noqa: BLE001 - no document can be done here: the run stops
                raise WorkerError(f"{type(e).__name__}: {e}") from None
            _extractors[key] = ex
    return ex.batch([(*item, None)[:3] for item in items])


def run(items: Iterable[tuple[Any, ...]], options: dict[str, Any], client: Any, batch_size: int = 16
        ) -> Iterator[Document]:
    """Documents for (doc_id, text[, claims]) items, in input order, extracted on the cluster of `client`."""
    from distributed import as_completed

    options = dict(options, batch_size=batch_size)
    key = _key(options)
    room = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    source = batches((tuple(item) for item in items), batch_size)
    pending = as_completed()
    jobs: dict[Any, list[tuple[int, tuple[Any, ...]]]] = {}
    results: dict[int, Document] = {}
    taken = emitted = 0

    def submit(batch: list[tuple[int, tuple[Any, ...]]]) -> None:
        future = client.submit(_extract, [item for _, item in batch], key, options, pure=False)
        jobs[future] = batch
        pending.add(future)

    while True:
        while len(jobs) < room and (cut := next(source, None)):
            batch = list(enumerate(cut, taken))
            taken += len(batch)
            submit(batch)
        if not jobs:
            return
        future = next(pending)
        batch = jobs.pop(future)
        try:
            docs = future.result()
        except WorkerError:
            raise
        except Exception as e:  # noqa: BLE001 - a worker lost or a failure: each document again, alone
            if len(batch) > 1:
                for one in batch:
                    submit([one])
                continue
            index, item = batch[0]
            docs = [failed(item[0], item[1], Error("WorkerError", f"{type(e).__name__}: {e}"))]
        for (index, _), doc in zip(batch, docs, strict=True):
            results[index] = doc
        while emitted in results:
            yield results.pop(emitted)
            emitted += 1


def extract(items: Iterable[Any], client: Any = None, address: str | None = None, batch_size: int = 16,
            **options: Any) -> Iterator[Document]:
    """The library entry point: texts, (doc_id, text) or (doc_id, text, claims) items extracted on a Dask
    cluster, given as a `distributed.Client` or the scheduler's address; `options` are the Extractor's
    (models, grammar, claims, doc_timeout, max_doc_chars, timing, tokenizer). A dask.bag is read partition by
    partition."""
    from distributed import Client

    own = client is None
    if own:
        client = Client(address)
    try:
        yield from run(((None, x) if isinstance(x, str) else x for x in _items(items)), options, client, batch_size)
    finally:
        if own:
            client.close()


def _items(items: Iterable[Any]) -> Iterator[Any]:
    if hasattr(items, "to_delayed"):  # a dask.bag: its partitions, computed one at a time, in order
        for part in items.to_delayed():
            yield from part.compute()
    else:
        yield from items
