"""The command line's last guard: everything written to standard output and standard error passes
``safe_text.clean``, so no escape sequence, control character or registered secret reaches the
terminal or a pipe, whatever a file, a server or a bug put into the text."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from coffeechat.core.safe_text import clean


class GuardedStream(io.TextIOBase):
    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(clean(text))
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    # the app's own sequences, never text from outside: back to the line's start and clear it
    CONTROLS = frozenset({"\r\x1b[K"})

    def write_control(self, sequence: str) -> None:
        if sequence not in self.CONTROLS:
            raise ValueError(f"not a sequence the command line writes: {sequence!r}")
        self._inner.write(sequence)

    def isatty(self) -> bool:
        return self._inner.isatty()

    def fileno(self) -> int:
        return self._inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._inner, "encoding", "utf-8")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = GuardedStream(out), GuardedStream(err)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        sys.stdout, sys.stderr = out, err
