"""One writer per transcript: an OS lock (``flock``) on a small file beside the transcripts.

A session holds the lock on its transcript for as long as it may write it; the operating system
releases it when the process exits or crashes, so a lock never outlives its holder. New ids are
claimed by creating their lock file exclusively (``O_EXCL``): two rehearsals started in the same
second can never get the same id. Lock files are kept (they are empty and tiny): deleting one
while another process waits on it would let two writers in.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from coffeechat.errors import CoffeechatError

FILE_MODE = 0o600


class TranscriptBusy(CoffeechatError):
    """Another coffeechat (or another screen of this one) is writing this transcript."""

    def __init__(self, transcript_id: str, holder: str) -> None:
        self.transcript_id = transcript_id
        self.holder = holder
        super().__init__(f"transcript {transcript_id} is open in {holder}; close it there first, then try again"
                         " (nothing was changed)")


class TranscriptLock:
    """A held lock. ``release`` (or the end of the process) lets the next writer in."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)  # closing the descriptor drops the flock


def _take(path: Path, fd: int) -> TranscriptLock | None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except OSError:
        os.close(fd)
        raise
    with contextlib.suppress(OSError):  # who holds it, for the message another writer sees
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return TranscriptLock(path, fd)


def _holder(path: Path) -> str:
    try:
        pid = int(path.read_text(encoding="ascii", errors="replace").strip() or 0)
    except (OSError, ValueError):
        pid = 0
    if pid == os.getpid():
        return "another screen of this coffeechat"
    return f"another coffeechat (process {pid})" if pid else "another coffeechat"


def lock(path: Path, transcript_id: str) -> TranscriptLock:
    """Take the lock at ``path`` now, or raise TranscriptBusy saying who holds it."""
    fd = _open(path, os.O_RDWR | os.O_CREAT)
    taken = _take(path, fd)
    if taken is None:
        raise TranscriptBusy(transcript_id, _holder(path))
    return taken


def claim(path: Path) -> TranscriptLock | None:
    """Create the lock file exclusively and take it; None if it already exists (the id is taken)."""
    try:
        fd = _open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        return None
    return _take(path, fd)


def _open(path: Path, flags: int) -> int:
    from coffeechat.store.atomic import ensure_private_dir

    ensure_private_dir(path.parent)
    try:
        # never through a link: a lock file replaced by a symlink must not truncate what it points at
        return os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except FileExistsError:
        raise
    except OSError as exc:
        raise CoffeechatError(f"cannot save the transcript (its lock {path}): {exc.strerror or exc}; free some"
                              " space or fix the folder's permissions (nothing already saved was changed)") from None
