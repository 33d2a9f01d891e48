"""Atomic file replacement and inter-process locks.

Every file l10n writes goes through :func:`atomic_write`: the data lands in a temporary
file beside the target, is flushed to disk, then renamed over the target. A reader (or a
crash) sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from l10n.errors import L10nError


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old file's permissions."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    tmp = _temporary_copy(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise L10nError(f"cannot write: {exc.strerror or exc}", path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def signature(path: str | Path) -> str | None:
    """What identifies one version of a file: inode, size and modification time."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def replace_if_unchanged(path: Path, data: bytes | str, expected: str | None) -> bool:
    """Put ``data`` at ``path`` only if the file there is still the version ``expected``
    (its :func:`signature` when it was read; None: it did not exist). Returns False, with
    the other writer's file in place, when someone saved it meanwhile.

    A PO editor does not take l10n's lock, so checking and then renaming would leave a
    moment in which a save is silently replaced. Instead the new file is *exchanged* with
    the old one in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``), and what was
    swapped out is examined: if it is not the version that was read, it is swapped back.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    tmp = _temporary_copy(path, data)
    try:
        return _swap_in(tmp, path, expected)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _fsync_dir(path.parent)


ANY = "*any*"  # an ``expected`` version that any file (or none) matches: a plain replace


def _swap_in(tmp: str, path: Path, expected: str | None) -> bool:
    """Move the written temporary file ``tmp`` to ``path`` if ``path`` is still the version
    ``expected`` (see :func:`replace_if_unchanged`); ``tmp`` is left for the caller to
    remove when it is still there."""
    try:
        if expected == ANY:
            os.replace(tmp, path)
            return True
        if expected is None:
            try:
                os.link(tmp, path)  # fails if someone created the file meanwhile
            except FileExistsError:
                return False
            return True
        ours = signature(tmp)
        if not _exchange(tmp, path):
            if signature(path) != expected:  # no exchange on this file system: check, then rename
                return False
            os.replace(tmp, path)
            return True
        if signature(tmp) == expected:
            return True
        _exchange(tmp, path)  # theirs goes back
        if signature(tmp) != ours and _mtime(tmp) > _mtime(path):
            _exchange(tmp, path)  # they saved once more in between: the newest stays
        return False
    except OSError as exc:
        raise L10nError(f"cannot write: {exc.strerror or exc}", path) from None


class WriteGroup:
    """Many atomic replacements made durable together, for a command that writes
    thousands of files (``extract``): fsyncing each temporary file and each folder after
    each rename cost about 8,000 journal commits for 1,000 articles × 3 languages.

    :meth:`add` writes a temporary file beside its target without syncing it;
    :meth:`commit` makes every temporary file (and the files named in :meth:`keep`, such
    as history appended for these changes) durable in one pass, then renames each over
    its target (:func:`replace_if_unchanged`'s rules), then syncs each folder once. Each
    target is still its old version or its new one whatever the moment of a crash: a
    rename only ever moves a file whose data is already on disk.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, str, str | None]] = []  # target, temporary, expected
        self._kept: list[Path] = []

    def add(self, path: Path, data: bytes | str, expected: str | None = ANY) -> None:
        """Stage ``data`` for ``path`` (``expected`` as in :func:`replace_if_unchanged`;
        the default replaces whatever is there)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        path = Path(path)
        self._pending.append((path, _temporary_copy(path, data, durable=False), expected))

    def keep(self, path: Path) -> None:
        """Make ``path`` durable too before any rename (it was written for these changes)."""
        self._kept.append(Path(path))

    def commit(self) -> list[bool]:
        """Sync, rename, sync the folders; for each staged file in order, whether it was put
        in place (False: someone saved that target meanwhile and their file stays)."""
        folders = dict.fromkeys(path.parent for path, _, _ in self._pending)
        try:
            try:
                self._sync([Path(tmp) for _, tmp, _ in self._pending] + self._kept)
            except OSError as exc:
                raise L10nError(f"cannot write: {exc.strerror or exc}", exc.filename) from None
            placed = [_swap_in(tmp, path, expected) for path, tmp, expected in self._pending]
        finally:
            self.discard()
        for folder in folders:
            _fsync_dir(folder)
        return placed

    def discard(self) -> None:
        """Remove the temporary files not (or no longer) needed."""
        for _, tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._pending = []

    @staticmethod
    def _sync(paths: list[Path]) -> None:
        if len(paths) <= 2:  # a file or two: cheaper than syncing the file system
            for path in paths:
                _fsync_path(path)
            return
        done: set[int] = set()
        for path in paths:
            with contextlib.suppress(OSError):
                device = os.stat(path).st_dev
                if device not in done:
                    _syncfs(path)
                    done.add(device)


def _fsync_path(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(path: Path) -> None:
    """Flush the whole file system ``path`` is on (Linux ``syncfs``), else everything."""
    libc = _libc()
    if libc is None or not hasattr(libc, "syncfs"):
        os.sync()
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.syncfs(fd) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(path))
    finally:
        os.close(fd)


def _mtime(path: str | Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0


def _temporary_copy(path: Path, data: bytes, durable: bool = True) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise L10nError(f"cannot write here: {exc.strerror or exc}", path.parent) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:  # else a WriteGroup syncs it with the others before any rename
                os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()  # what open() would give a new file (mkstemp gives 0600)
        os.chmod(tmp, mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise L10nError(f"cannot write: {exc.strerror or exc}", path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: str | Path, second: str | Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    libc = _libc()
    if libc is None or not hasattr(libc, "renameat2"):
        return False
    result = libc.renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True) if name else None
    except OSError:
        return None


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
