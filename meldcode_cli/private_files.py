"""Files only the user can read, written atomically: folders 0700, files 0600, temp + fsync + rename."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Create the folder and any missing parents, each 0700; folders that already exist are left
    as their owner set them."""
    missing = []
    for folder in [path, *path.parents]:
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    return path


def write_private(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves either the old file or the new
    one, never half of either; the file is readable by the user alone."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    temp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away; never added any
        view = memoryview(raw)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        temp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    # The rename itself lives in the folder: sync it so the new name survives a power cut.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def erase(path: Path) -> None:
    """Overwrite a file's bytes, then remove it. (On SSDs and copy-on-write file systems the old
    blocks may survive; encryption at rest is the real protection, see --encrypt.)"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b", buffering=0) as handle:
        handle.write(b"\0" * size)
        os.fsync(handle.fileno())
    path.unlink()
    _sync_folder(path.parent)
