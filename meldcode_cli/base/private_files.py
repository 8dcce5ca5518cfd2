"""Files only the user can read, written atomically: folders 0700, files 0600, temp + fsync + rename;
opened without following links, and read only when they are regular files of a bounded size."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# O_NOFOLLOW refuses a link in the last part of a path; O_NONBLOCK keeps the open of a FIFO from
# waiting for a writer (a regular file ignores it). Both exist on every POSIX system.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# Windows opens files in text mode unless told: it would turn every "\n" into "\r\n" and back.
_BINARY = getattr(os, "O_BINARY", 0)
# Windows has no owner ids and no mode bits beyond read-only: a folder's privacy there comes from the
# user profile's access lists (the data folder lies under the user's own AppData).
_POSIX = os.name == "posix"


class NotRegular(OSError):
    """The path is a link, a device, a FIFO or a folder where a regular file was expected."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class TooLarge(OSError):
    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit} bytes", str(path))
        self.limit = limit


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


def own_private_folder(path: Path, *, may_be_link: bool, loose: int = 0o077) -> bool:
    """Make a folder of ours private again (0700) when its mode has any of the `loose` bits. False when
    it is not ours to use: a link (unless `may_be_link`), not a folder, or owned by someone else. A
    shared folder with the sticky bit (such as /tmp) is never changed."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        if not may_be_link:
            return False
        info = os.stat(path)
    if not stat.S_ISDIR(info.st_mode) or (_POSIX and info.st_uid != os.geteuid()):
        return False
    if _POSIX and stat.S_IMODE(info.st_mode) & loose and not info.st_mode & stat.S_ISVTX:
        os.chmod(path, FOLDER_MODE)
    return True


def open_regular(path: Path, flags: int, *, follow: bool = False, mode: int = FILE_MODE) -> int:
    """A file descriptor for a regular file; a link is never followed unless `follow` (then its
    target must be regular too). Raises NotRegular for anything else, before reading a byte."""
    try:
        fd = os.open(path, flags | _NONBLOCK | _CLOEXEC | _BINARY | (0 if follow else _NOFOLLOW), mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):  # a link, a socket, a folder
            raise NotRegular(path) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(path)
        if _NONBLOCK:  # ordinary blocking reads and writes from here on
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int, *, follow: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. /dev/zero, a FIFO or a link (unless
    `follow`) raise NotRegular at once; a larger file raises TooLarge without being read."""
    fd = open_regular(path, os.O_RDONLY, follow=follow)
    try:
        if os.fstat(fd).st_size > limit:
            raise TooLarge(path, limit)
        chunks, total = [], 0
        while True:  # a file that grows while we read is cut off at the limit, not followed
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_private(path: Path, data: bytes | str, *, exclusive: bool = False) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves either the old file or the new
    one, never half of either; the file is readable by the user alone. With `exclusive`, an existing
    file is never replaced (FileExistsError)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    temp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, FILE_MODE)
    try:
        if _POSIX:
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
        if exclusive:
            _place_new(temp, path)
        else:
            # rename() replaces a planted link itself, never the file it points to.
            os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _place_new(temp: Path, path: Path) -> None:
    """Give the written temp file its name only if that name is free (FileExistsError otherwise)."""
    try:
        # link() fails when the name exists: the new file appears whole, and never over another.
        # (temp is a file we just made, never a link; Windows takes no follow_symlinks argument.)
        if os.link in os.supports_follow_symlinks:
            os.link(temp, path, follow_symlinks=False)
        else:
            os.link(temp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links (FAT on a USB stick): check, then rename. The window
        # between the two is tiny, and the session ids are random.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(temp, path)
        return
    temp.unlink()


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
    """Overwrite a regular file's bytes, then remove it; a link (or anything else that is not a
    regular file) is removed without touching what it points to. Only the current copy is
    overwritten: every save wrote a new file, and the blocks of earlier copies were freed without
    being overwritten. (On SSDs and copy-on-write file systems even the current blocks may survive;
    encryption at rest is the real protection, see --encrypt.)"""
    try:
        fd = open_regular(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    except NotRegular:
        if os.path.isdir(path) and not os.path.islink(path):
            raise  # a folder with a session's name is not ours to remove
        path.unlink(missing_ok=True)
        _sync_folder(path.parent)
        return
    try:
        size = os.fstat(fd).st_size
        zeros = b"\0" * min(size, 1 << 20)
        left = size
        while left > 0:
            left -= os.write(fd, zeros[:left])
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()
    _sync_folder(path.parent)
