"""Transcripts on disk: one JSON file each, saved atomically after every turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.store.index import Summary

import json
import os
import threading
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from coffeechat.core.transcript import ID_RULE, SCHEMA_VERSION, Transcript, is_valid_id
from coffeechat.errors import CoffeechatError
from coffeechat.store import locks
from coffeechat.store.atomic import write_atomic
from coffeechat.store.reading import Unreadable, read_regular_file
from coffeechat.store.tomlfile import describe_error

MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024
MAX_SAME_SECOND = 1000
LOCKS_FOLDER = ".locks"
UNTOUCHED = "the file was left untouched"


class TranscriptProblem(CoffeechatError):
    """A transcript file that cannot be read; the message says why, and the file is never changed."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}; {UNTOUCHED}")


class TranscriptStore:
    """The transcripts folder. A transcript's id is its file name; it is written only under its lock."""

    def __init__(self, folder: Path, index: Path | None = None) -> None:
        self.folder = Path(folder)
        self.index = index  # where summaries are kept (store.index); None reads every file each time
        self._held: dict[str, locks.TranscriptLock] = {}
        self._guard = threading.Lock()

    def path_for(self, transcript_id: str) -> Path:
        if not is_valid_id(transcript_id):
            raise CoffeechatError(f"'{transcript_id}' is not a transcript id ({ID_RULE})")
        return self.folder / f"{transcript_id}.json"

    def _lock_path(self, transcript_id: str) -> Path:
        return self.folder / LOCKS_FOLDER / f"{transcript_id}.lock"

    # -- one writer per transcript --------------------------------------------------------------

    def claim_new_id(self, persona_id: str, when: datetime) -> str:
        """A fresh id for a new rehearsal, claimed atomically and locked for this process."""
        base = f"{when:%Y%m%d-%H%M%S}-{persona_id}"
        for n in range(1, MAX_SAME_SECOND + 1):
            candidate = base if n == 1 else f"{base}-{n}"
            path = self.path_for(candidate)
            taken = locks.claim(self._lock_path(candidate))
            if taken is None:
                continue
            if path.exists():  # written before lock files existed
                taken.release()
                continue
            with self._guard:
                self._held[candidate] = taken
            return candidate
        raise CoffeechatError(f"more than {MAX_SAME_SECOND} rehearsals with {persona_id} started in one second;"
                              " wait a moment and start again")

    def hold(self, transcript_id: str) -> None:
        """Lock a transcript for writing by this process until ``release``; TranscriptBusy if it is
        already held (by another coffeechat or by another screen of this one)."""
        with self._guard:
            if transcript_id in self._held:
                raise locks.TranscriptBusy(transcript_id, "another screen of this coffeechat")
            self.path_for(transcript_id)  # a valid id, or a clear error
            self._held[transcript_id] = locks.lock(self._lock_path(transcript_id), transcript_id)

    def release(self, transcript_id: str) -> None:
        with self._guard:
            held = self._held.pop(transcript_id, None)
        if held is not None:
            held.release()

    def release_all(self) -> None:
        for transcript_id in list(self._held):
            self.release(transcript_id)

    def open_for_writing(self, ref: str) -> Transcript:
        """Lock a transcript in this folder, then read it (under the lock, so it is the latest)."""
        path = self.resolve(ref)
        if path.parent.resolve() != self.folder.resolve():
            raise CoffeechatError(f"{path} is not in your transcripts folder ({self.folder}); copy it there to"
                                  " continue it")
        transcript_id = path.stem
        self.hold(transcript_id)
        try:
            return self.load_file(path)
        except BaseException:
            self.release(transcript_id)
            raise

    def save(self, transcript: Transcript) -> Path:
        """Write atomically, under the transcript's lock: the one this process holds, or one taken
        for this write alone (TranscriptBusy if another writer has it)."""
        path = self.path_for(transcript.id)
        data = transcript.model_dump_json(indent=1).encode("utf-8")
        if transcript.id in self._held:
            write_atomic(path, data, what="transcript")
            return path
        taken = locks.lock(self._lock_path(transcript.id), transcript.id)
        try:
            write_atomic(path, data, what="transcript")
        finally:
            taken.release()
        return path

    # -- reading --------------------------------------------------------------------------------

    def files(self) -> list[Path]:
        """The transcript files in the folder (none while it does not exist); a folder that cannot be
        read is a CoffeechatError, never an empty list."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            in_the_way = next((p for p in (self.folder, *self.folder.parents) if p.exists()), self.folder)
            where = "there" if in_the_way == self.folder else f"in {self.folder}"
            raise CoffeechatError(
                f"{in_the_way} is a file, not a folder, and coffeechat keeps your transcripts {where}; move or"
                " rename that file, then try again (it was left untouched)"
            ) from None
        except OSError as exc:
            raise CoffeechatError(f"cannot read your transcripts folder {self.folder}: {exc.strerror or exc};"
                                  " fix its permissions, then try again") from None
        return sorted(self.folder / name for name in names if name.endswith(".json") and not name.startswith("."))

    def resolve(self, ref: str) -> Path:
        """A transcript by id, unique id prefix, or path to a JSON file."""
        as_path = Path(ref).expanduser()
        if ref.endswith(".json") and as_path.exists():
            return as_path
        if is_valid_id(ref):
            exact = self.path_for(ref)
            if exact.exists():
                return exact
        matches = [p for p in self.files() if p.stem.startswith(ref)] if ref else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = ", ".join(p.stem for p in matches[:4])
            raise CoffeechatError(f"'{ref}' matches {len(matches)} transcripts ({shown}); give more of the id")
        raise CoffeechatError(f"no transcript '{ref}' in {self.folder}; see them with: coffeechat transcripts list")

    def load(self, ref: str) -> Transcript:
        return self.load_file(self.resolve(ref))

    def load_file(self, path: Path) -> Transcript:
        """Read a transcript; one in this folder takes its file name as its id (a copy made with ``cp``
        is a transcript of its own, never a second file behind one id)."""
        transcript = load_transcript_file(path)
        if path.parent.resolve() == self.folder.resolve() and transcript.id != path.stem:
            if not is_valid_id(path.stem):
                raise TranscriptProblem(path, f"its file name is not a transcript id ({ID_RULE}); rename the file")
            transcript.id = path.stem
        return transcript

    def latest_name(self) -> str | None:
        """The visitor's name as given for one of the latest sessions (so it is asked once)."""
        try:
            files = self.files()
        except CoffeechatError:
            return None
        for path in sorted(files, key=lambda p: p.name, reverse=True)[:5]:
            try:
                name = self.load_file(path).settings.your_name.strip()
            except (TranscriptProblem, CoffeechatError):
                continue
            if name:
                return name
        return None

    def summaries(self) -> tuple[list[Summary], list[TranscriptProblem]]:
        """What a listing shows of every transcript (newest first), from the index where it is
        current, and every file that does not load."""
        from coffeechat.store.index import TranscriptIndex, summarize

        if self.index is not None:
            return TranscriptIndex(self.index).summaries(self)
        transcripts, problems = self.load_all()
        return [summarize(t) for t in transcripts], problems

    def load_all(self) -> tuple[list[Transcript], list[TranscriptProblem]]:
        """Every transcript that loads (newest first) and every file that does not."""
        good: list[Transcript] = []
        bad: list[TranscriptProblem] = []
        for path in self.files():
            try:
                good.append(self.load_file(path))
            except TranscriptProblem as problem:
                bad.append(problem)
        good.sort(key=lambda t: t.created_at, reverse=True)
        return good, bad


class _NonFinite(ValueError):
    pass


def _no_constants(name: str) -> float:
    raise _NonFinite(name)


def load_transcript_file(path: Path) -> Transcript:
    """Read and validate a transcript; any problem is a TranscriptProblem and the file is not changed."""
    try:
        raw = read_regular_file(path, MAX_TRANSCRIPT_BYTES, "transcript")
    except Unreadable as exc:
        raise TranscriptProblem(path, str(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except UnicodeDecodeError:
        raise TranscriptProblem(path, "is not UTF-8 text, so not a coffeechat transcript") from None
    except json.JSONDecodeError as exc:
        raise TranscriptProblem(path, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except _NonFinite as exc:
        raise TranscriptProblem(path, f"is damaged: holds {exc}, which is not a number a transcript can have") from None
    except RecursionError:
        raise TranscriptProblem(path, "nests lists or objects thousands deep, so it is not a coffeechat transcript") from None
    except ValueError as exc:  # e.g. an integer thousands of digits long
        raise TranscriptProblem(path, f"is not a coffeechat transcript ({exc})") from None
    if not isinstance(data, dict) or "schema_version" not in data or "turns" not in data:
        raise TranscriptProblem(path, "is JSON but not a coffeechat transcript (no schema_version or turns)")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TranscriptProblem(path, f"has a schema_version of {version!r}, which is not a version number")
    if version > SCHEMA_VERSION:
        raise TranscriptProblem(
            path, f"was written by a newer coffeechat (schema {version}; this one reads {SCHEMA_VERSION}); upgrade coffeechat"
        )
    try:
        return Transcript.model_validate(data)
    except RecursionError:
        raise TranscriptProblem(path, "nests lists or objects hundreds deep, so it is not a coffeechat transcript") from None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = describe_error(Transcript, errors[0])
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise TranscriptProblem(path, f"is damaged: {first}{more}") from None
