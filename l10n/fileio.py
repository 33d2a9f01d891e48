"""Atomic file replacement and inter-process locks.

Every file l10n writes goes through :func:`atomic_write`: the data lands in a temporary
file beside the target, is flushed to disk, then renamed over the target. A reader (or a
crash) sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from l10n.errors import L10nError
from l10n.faults import checkpoint


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old file's permissions."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise L10nError(f"cannot write here: {exc.strerror or exc}", path.parent) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            half = len(data) // 2
            handle.write(data[:half])
            checkpoint("write-half-done")
            handle.write(data[half:])
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()  # what open() would give a new file (mkstemp gives 0600)
        os.chmod(tmp, mode)
        checkpoint("before-rename")
        os.replace(tmp, path)
        checkpoint("after-rename")
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise L10nError(f"cannot write: {exc.strerror or exc}", path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_dir(folder: Path) -> None:
    # The rename itself must reach the disk for the new file to survive a power cut.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def file_lock(lock_path: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive inter-process lock on ``lock_path`` (created if needed). A path
    that cannot be a lock (a directory, under a file, unwritable) is one clear error at
    once, not a traceback or a wait that ends in "still locked"."""
    from filelock import FileLock, Timeout

    lock_path = Path(lock_path)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise L10nError(f"cannot create the lock folder: {exc.strerror or exc}", lock_path.parent) from None
    if lock_path.is_dir():
        raise L10nError("the lock path is a directory; remove it", lock_path)
    try:  # filelock retries some errors until its timeout: find out first whether it can work
        os.close(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644))
    except OSError as exc:
        raise L10nError(f"cannot create the lock file: {exc.strerror or exc}", lock_path) from None
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise L10nError(f"still locked by another l10n process after {timeout:.0f} s", lock_path) from None
    except OSError as exc:
        raise L10nError(f"cannot lock: {exc.strerror or exc}", lock_path) from None
    try:
        yield
    finally:
        lock.release()
