"""The file a command writes (`-o`, `--save`): written beside it and renamed over it when the run completes.

A run writes `FILE.part` in the same folder and renames it to `FILE` only once everything is in it, so an
existing `FILE` is replaced by a whole output or not at all: a run that fails, is interrupted or killed leaves
it as it was. The part file is locked (`flock`) while a run holds it: a second run onto the same `FILE` is
refused instead of interleaving its lines with the first's. An interrupted `quotes extract` leaves its part
file, from which `--resume` goes on; the part is started (cut, or begun from the kept prefix of `FILE`) only
when the first document is written, after every check has passed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the rename still protects FILE
    fcntl = None  # type: ignore[assignment]


class Busy(Exception):
    """Another run holds the part file."""


class Target:
    """`Target(path).lock()` takes the part file, and leaving a `with` block lets it go; `write(data)` starts
    the part at the first write; `commit()` renames it over `path`. Leaving the block without commit keeps
    the part file when it holds work (`kept` says so) and removes it otherwise."""

    def __init__(self, path: Path, keep: int = 0, source: Path | None = None):
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.keep, self.source = keep, source  # the first `keep` bytes of `source` start the part
        self.file: BinaryIO | None = None
        self.fd: int | None = None
        self.created = False
        self.kept = False

    def __enter__(self) -> Target:
        return self

    def lock(self) -> Target:
        """Take the part file (made empty where there is none); Busy while another run holds it."""
        self.created = not self.part.exists()
        fd = os.open(self.part, os.O_RDWR | os.O_CREAT, 0o666)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise Busy(f"another run is writing {self.path} (it holds {self.part}); wait for it to end or "
                           "stop it") from None
        self.fd = fd
        return self

    def write(self, data: bytes) -> None:
        if self.file is None:
            self._start()
        assert self.file is not None
        self.file.write(data)
        self.file.flush()

    def _start(self) -> None:
        assert self.fd is not None
        self.file = os.fdopen(self.fd, "r+b")
        self.fd = None
        if self.source is not None and self.source != self.part:
            with open(self.source, "rb") as src:  # the output being resumed; cut to its kept prefix below
                self.file.truncate(0)
                shutil.copyfileobj(src, self.file)
        self.file.truncate(self.keep)
        self.file.seek(self.keep)

    def commit(self) -> None:
        """The part, complete, becomes the file."""
        if self.file is None:
            self._start()
        assert self.file is not None
        self.file.flush()
        os.fsync(self.file.fileno())
        os.replace(self.part, self.path)
        self.file.close()
        self.file = None

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:  # begun, not committed: keep the work done for --resume
            self.file.close()
            self.kept = self.part.stat().st_size > 0
            if not self.kept:
                self.part.unlink(missing_ok=True)
        elif self.fd is not None:  # never begun: a part file this run made is removed, an earlier one kept
            os.close(self.fd)
            self.kept = not self.created
            if self.created:
                self.part.unlink(missing_ok=True)
        self.fd = None

