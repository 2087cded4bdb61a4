"""A summary of every saved transcript, kept in SQLite so that a long history lists at once.

The JSON files stay the source of truth. Each summary is keyed by its file's name, size and
modification time: a file that changed (or is new) is read again, a file that is gone is dropped,
and an index that is missing, damaged, locked or cannot be written is rebuilt or simply passed
over: listing never fails because of it. The index lives in the cache folder and may be deleted
at any time.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.core.transcript import Transcript
    from coffeechat.store.transcripts import TranscriptProblem, TranscriptStore

SCHEMA = 1  # bumped when a summary gains a field: an older index is rebuilt
_TABLE = "summaries (name TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, summary TEXT, problem TEXT)"


@dataclass(frozen=True)
class Summary:
    """What a listing shows of one transcript."""

    id: str
    persona_name: str
    created_at: datetime
    questions: int
    elapsed_minutes: float
    agreed_minutes: float
    status: str
    overall: int | None
    criteria: dict[str, float | None] = field(default_factory=dict)  # assessed scores; None: not scored

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def score_of(self, key: str) -> float | None:
        """``overall`` or one criterion's score; None when not scored (or the session has no score)."""
        if self.overall is None:
            return None
        return float(self.overall) if key == "overall" else self.criteria.get(key)

    def to_json(self) -> str:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        """A summary as stored; anything not as it was written (a hand-edited index) is a ValueError,
        and the transcript's own file is read instead."""
        from coffeechat.core.safe_text import clean

        data = json.loads(text)
        created = datetime.fromisoformat(data["created_at"])
        if created.tzinfo is None:
            raise ValueError("a time without its zone")
        numbers = [data["questions"], data["elapsed_minutes"], data["agreed_minutes"]]
        if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers):
            raise ValueError("a number that is not one")
        if data["overall"] is not None and not isinstance(data["overall"], int):
            raise ValueError("a score that is not one")
        criteria = data.get("criteria") or {}
        if not isinstance(criteria, dict) or not all(v is None or isinstance(v, (int, float)) for v in criteria.values()):
            raise ValueError("criteria that are not scores")
        return cls(id=" ".join(clean(str(data["id"])).split()), persona_name=" ".join(clean(str(data["persona_name"])).split()),
                   created_at=created, questions=int(data["questions"]), elapsed_minutes=float(data["elapsed_minutes"]),
                   agreed_minutes=float(data["agreed_minutes"]), status=str(data["status"]), overall=data["overall"],
                   criteria={str(k): v for k, v in criteria.items()})


def summarize(t: Transcript) -> Summary:
    from coffeechat.core.rubric.score import question_count

    criteria: dict[str, float | None] = {}
    if t.score is not None:
        criteria = {c.key: (float(c.score) if c.assessed else None) for c in t.score.criteria}
    return Summary(
        id=t.id,
        persona_name=t.persona.name,
        created_at=t.created_at,
        questions=question_count(t),
        elapsed_minutes=t.clock_state().elapsed_minutes,
        agreed_minutes=t.settings.agreed_minutes,
        status=t.status,
        overall=t.score.overall if t.score else None,
        criteria=criteria,
    )


class TranscriptIndex:
    """Summaries of the transcripts in ``store``'s folder, kept in ``path`` (SQLite)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _own_file(self) -> bool:
        """Make sure the index is a regular file of ours, created owner-only: a link in its place is
        removed (never followed), so nothing is written through it to another file."""
        from coffeechat.store.atomic import ensure_private_dir

        ensure_private_dir(self.path.parent)
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            os.close(fd)
            return True
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                return False  # a folder in its place: go without an index rather than delete a folder
            self.path.unlink()
            return self._own_file()
        return True

    def _connect(self) -> sqlite3.Connection | None:
        try:
            if not self._own_file():
                return None
            db = sqlite3.connect(self.path, timeout=2.0)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA:
                db.execute("DROP TABLE IF EXISTS summaries")
                db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE}")
            return db
        except sqlite3.OperationalError:  # locked by another listing, or read-only: go without it
            return None
        except Exception:  # damaged, not a database: rebuild it once, else go without
            with contextlib.suppress(Exception):
                db.close()  # type: ignore[possibly-undefined]
            return self._rebuilt()

    def _rebuilt(self) -> sqlite3.Connection | None:
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
            if not self._own_file():
                return None
            db = sqlite3.connect(self.path, timeout=2.0)
            db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute(f"CREATE TABLE {_TABLE}")
            return db
        except Exception:
            return None

    def summaries(self, store: TranscriptStore) -> tuple[list[Summary], list[TranscriptProblem]]:
        """Every transcript's summary (newest first) and every file that does not load."""
        from coffeechat.store.transcripts import TranscriptProblem

        files = store.files()  # a folder that cannot be read is the caller's error, as before
        db = self._connect()
        known: dict[str, tuple[int, int, str | None, str | None]] = {}
        if db is not None:
            try:
                known = {name: (size, mtime, summary, problem)
                         for name, size, mtime, summary, problem in db.execute("SELECT * FROM summaries")}
            except sqlite3.Error:
                db = self._rebuilt()
        good: list[Summary] = []
        bad: list[TranscriptProblem] = []
        fresh: list[tuple[str, int, int, str | None, str | None]] = []
        for path in files:
            try:
                st = path.stat()
            except OSError:
                continue  # gone between the listing and now
            row = known.get(path.name)
            if row is not None and row[0] == st.st_size and row[1] == st.st_mtime_ns:
                try:
                    if row[2] is not None:
                        good.append(Summary.from_json(row[2]))
                        continue
                    if row[3] is not None:
                        bad.append(TranscriptProblem(path, row[3]))
                        continue
                except (ValueError, TypeError, KeyError):
                    pass  # a summary that does not read is made again
            try:
                summary = summarize(store.load_file(path))
                good.append(summary)
                fresh.append((path.name, st.st_size, st.st_mtime_ns, summary.to_json(), None))
            except TranscriptProblem as problem:
                bad.append(problem)
                fresh.append((path.name, st.st_size, st.st_mtime_ns, None, problem.problem))
        if db is not None:
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?, ?)", fresh)
                    names = {p.name for p in files}
                    gone = [(name,) for name in known if name not in names]
                    db.executemany("DELETE FROM summaries WHERE name = ?", gone)
            except sqlite3.Error:
                pass  # read-only or locked: the listing is right, the next one reads the files again
            finally:
                db.close()
        good.sort(key=lambda s: s.created_at, reverse=True)
        return good, bad
