"""Saving off the UI thread: the TUI hands each transcript snapshot to one writer thread.

Only the newest snapshot of each transcript is written (older pending ones are skipped), writes
are atomic (store.save), and ``flush`` waits until everything handed over is on disk. A failed
write is reported through ``on_error`` and retried with the next snapshot; nothing is dropped
silently.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from coffeechat.core.transcript import Transcript
from coffeechat.errors import CoffeechatError
from coffeechat.store.transcripts import TranscriptStore


class BackgroundSaver:
    def __init__(self, store: TranscriptStore, on_error: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.on_error = on_error
        self._pending: dict[str, Transcript] = {}
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self.last_error: str | None = None
        self._thread = threading.Thread(target=self._run, name="coffeechat-saver", daemon=True)
        self._thread.start()

    def __call__(self, transcript: Transcript) -> None:
        """Queue a snapshot. Turns are never changed once said, so a shallow copy of the lists is a
        faithful snapshot and costs almost nothing on the UI thread, however long the conversation."""
        snapshot = transcript.model_copy(update={"turns": list(transcript.turns), "reflection": dict(transcript.reflection)})
        with self._cond:
            self._pending[snapshot.id] = snapshot
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending and self._closed:
                    return
                transcript_id, snapshot = next(iter(self._pending.items()))
                del self._pending[transcript_id]
                self._busy = True
            try:
                self.store.save(snapshot)
                self.last_error = None
            except CoffeechatError as exc:
                self.last_error = str(exc)
                if self.on_error is not None:
                    self.on_error(str(exc))
            except Exception as exc:  # pragma: no cover - never let the writer die silently
                self.last_error = f"could not save {snapshot.id}: {exc}"
                if self.on_error is not None:
                    self.on_error(self.last_error)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued snapshot is written (or failed). True if it finished in time."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout=timeout)

    def close(self, timeout: float = 10.0) -> None:
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
