"""One terminal per session on Linux, macOS and Windows: the system's file lock, or a marker file without one."""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from pathlib import Path

from meldcode_cli.base.private_files import FILE_MODE, NotRegular, open_regular

with warnings.catch_warnings():
    # Without fcntl (and off Windows) filelock warns once that only its marker lock is left: that is
    # the case this module handles, not news for the user.
    warnings.simplefilter("ignore")
    import filelock

# flock on Linux and macOS, LockFileEx on Windows (both through filelock); without either, filelock's
# marker lock: a file that exists while the session is open, taken over when its process is gone.
NATIVE = sys.platform == "win32" or filelock.has_fcntl


class Locked(Exception):
    """Another process holds the lock; `holder` is its process id as it wrote it, or '?'."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


class Held:
    """A lock this process holds until `release` (or until the process ends, also when killed)."""

    def __init__(self, path: Path, fd: int | None = None, marker: filelock.BaseFileLock | None = None) -> None:
        self.path = path
        self._fd = fd
        self._marker = marker

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file ends the system's lock
            self._fd = None
        if self._marker is not None:
            self._marker.release()  # removes the marker file
            self._marker = None

    def discard(self) -> None:
        """Release and remove the lock file: the session is gone."""
        if self._fd is not None:
            # Removed while still locked where the system allows it (a window waiting for this lock
            # then finds no session); Windows refuses to remove an open file, so it is tried again below.
            with contextlib.suppress(PermissionError):
                self.path.unlink(missing_ok=True)
        self.release()
        with contextlib.suppress(PermissionError):
            self.path.unlink(missing_ok=True)


def take(path: Path) -> Held:
    """Lock `path` without waiting. Raises Locked when another process holds it, NotRegular for a link
    or anything else that is not a regular file, OSError when the folder has no usable locks."""
    if not NATIVE:
        return _take_marker(path)
    fd = open_regular(path, os.O_RDWR | os.O_CREAT)
    try:
        got = filelock.lock_descriptor(fd, blocking=False)
    except OSError:  # a file system without locks (some network drives)
        os.close(fd)
        raise
    if not got:
        holder = _holder(fd)
        os.close(fd)
        raise Locked(holder)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
    except OSError:
        pass  # the pid is only shown to the other window; the lock itself holds
    return Held(path, fd=fd)


def _holder(fd: int) -> str:
    try:
        return os.read(fd, 32).decode("ascii", "replace").strip() or "?"
    except OSError:  # Windows keeps a locked byte from being read by others
        return "?"


def _take_marker(path: Path) -> Held:
    if os.path.lexists(path) and (os.path.islink(path) or not os.path.isfile(path)):
        raise NotRegular(path)
    # The marker holds the process id and host; a marker whose process is gone is taken over.
    marker = filelock.SoftFileLock(str(path), mode=FILE_MODE)
    holder = None
    for _ in range(2):
        try:
            marker.acquire(timeout=0)
        except filelock.Timeout:
            holder = marker.pid
            if holder is not None:
                break
            # Some filelock releases remove a dead process's marker and only then give up: once more.
            continue
        return Held(path, marker=marker)
    raise Locked(str(holder or "?"))
