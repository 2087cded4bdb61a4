"""Atomic, owner-only file writes: a crash at any moment leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from coffeechat.errors import CoffeechatError

FILE_MODE = 0o600
DIR_MODE = 0o700
_HOME_HINT = "COFFEECHAT_HOME (or --home) to a folder you can write to"


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents readable by their owner only (0700).
    Folders that already exist keep their permissions: they may be the user's own."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if missing and current.exists() and not current.is_dir():
        raise CoffeechatError(
            f"{current} is a file, not a folder, so the folder {folder} cannot be made there; move or rename"
            f" that file, or set {_HOME_HINT} (nothing already saved was changed)"
        )
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise CoffeechatError(
                f"cannot create the folder {path}: {exc.strerror or exc}; make {path.parent} writable, or set"
                f" {_HOME_HINT} (nothing already saved was changed)"
            ) from None
        os.chmod(path, DIR_MODE)  # the umask may have narrowed nothing, but never widen


def write_atomic(path: Path, data: bytes, what: str = "file") -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync, rename, fsync the folder."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        ensure_private_dir(path.parent)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # a leftover (or a planted link) is replaced, never followed
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        reason = exc.strerror or str(exc)
        raise CoffeechatError(
            f"cannot save the {what} to {path}: {reason}; free some space or fix the folder's permissions"
            " (nothing already saved was changed)"
        ) from None


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
