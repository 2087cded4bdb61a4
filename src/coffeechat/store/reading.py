"""Reading a file coffeechat did not write: only a regular file, only up to a size bound.

A FIFO named ``x.json`` would block a reader forever and a link to ``/dev/zero`` would fill memory,
so the file is opened without blocking, checked with ``fstat`` on the open descriptor (no race with
a rename), and read no further than its bound, however large it claims to be or grows.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Unreadable(Exception):
    """Why a file cannot be read, as a phrase that follows its path ("is a folder, not a file")."""


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_regular_file(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of ``path`` if it is a regular file (or a link to one) of at most ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except IsADirectoryError:
        raise Unreadable(f"is a folder, not a {what}") from None
    except PermissionError:
        raise Unreadable("permission denied; check the file's permissions") from None
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable(f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"is not a regular file (a pipe, device or socket), so not a {what}; remove it or"
                             " move it out of this folder")
        if info.st_size > limit:
            raise Unreadable(f"is {_size(info.st_size)}, too large to be a {what} (at most {_size(limit)}):"
                             " is it the right file?")
        parts: list[bytes] = []
        got = 0
        while got <= limit:
            block = os.read(fd, min(1 << 20, limit + 1 - got))
            if not block:
                break
            parts.append(block)
            got += len(block)
        if got > limit:
            raise Unreadable(f"grew past {_size(limit)} while being read, too large to be a {what}")
        return b"".join(parts)
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_named_text(source: str, limit: int, kind: str, what: str, hint: str) -> str:
    """The UTF-8 text of a file the user named on the command line, or of standard input for ``-``.
    A pipe is fine here (``--script <(…)``): the user named it; the size bound still holds. Any
    problem is one CoffeechatError: where, what is wrong ("no such script file": ``kind``), and
    ``hint`` (what the file should be); ``what`` is what it holds, said when it is far too large."""
    import sys

    from coffeechat.errors import CoffeechatError

    where = "standard input" if source == "-" else source
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", None)
            raw = stream.read(limit + 1) if stream is not None else \
                sys.stdin.read(limit + 1).encode("utf-8", "surrogateescape")
        else:
            with open(source, "rb") as handle:
                raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise CoffeechatError(f"{where}: no such {kind} file; {hint}") from None
    except IsADirectoryError:
        raise CoffeechatError(f"{where}: is a folder; {hint}") from None
    except OSError as exc:
        raise CoffeechatError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise CoffeechatError(f"{where}: is over {_size(limit)}; {what} is far shorter: is it the right file?")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CoffeechatError(f"{where}: is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8") from None
