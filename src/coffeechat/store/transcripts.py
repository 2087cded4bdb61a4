"""Transcripts on disk: one JSON file each, saved atomically after every turn."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from coffeechat.core.transcript import SCHEMA_VERSION, Transcript
from coffeechat.errors import CoffeechatError
from coffeechat.store.atomic import write_atomic
from coffeechat.store.tomlfile import describe_error

MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024
UNTOUCHED = "the file was left untouched"


class TranscriptProblem(CoffeechatError):
    """A transcript file that cannot be read; the message says why, and the file is never changed."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}; {UNTOUCHED}")


class TranscriptStore:
    """The transcripts folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path_for(self, transcript_id: str) -> Path:
        return self.folder / f"{transcript_id}.json"

    def new_id(self, persona_id: str, when: datetime) -> str:
        base = f"{when:%Y%m%d-%H%M%S}-{persona_id}"
        candidate, n = base, 2
        while self.path_for(candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def save(self, transcript: Transcript) -> Path:
        path = self.path_for(transcript.id)
        data = transcript.model_dump_json(indent=1).encode("utf-8")
        write_atomic(path, data, what="transcript")
        return path

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.json") if not p.name.startswith("."))

    def resolve(self, ref: str) -> Path:
        """A transcript by id, unique id prefix, or path to a JSON file."""
        as_path = Path(ref).expanduser()
        if ref.endswith(".json") and as_path.exists():
            return as_path
        exact = self.path_for(ref)
        if exact.exists():
            return exact
        matches = [p for p in self.files() if p.stem.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = ", ".join(p.stem for p in matches[:4])
            raise CoffeechatError(f"'{ref}' matches {len(matches)} transcripts ({shown}); give more of the id")
        raise CoffeechatError(f"no transcript '{ref}' in {self.folder}; see them with: coffeechat transcripts list")

    def load(self, ref: str) -> Transcript:
        return load_transcript_file(self.resolve(ref))

    def load_all(self) -> tuple[list[Transcript], list[TranscriptProblem]]:
        """Every transcript that loads (newest first) and every file that does not."""
        good: list[Transcript] = []
        bad: list[TranscriptProblem] = []
        for path in self.files():
            try:
                good.append(load_transcript_file(path))
            except TranscriptProblem as problem:
                bad.append(problem)
        good.sort(key=lambda t: t.created_at, reverse=True)
        return good, bad


def load_transcript_file(path: Path) -> Transcript:
    """Read and validate a transcript; any problem is a TranscriptProblem and the file is not changed."""
    try:
        size = path.stat().st_size
        if size > MAX_TRANSCRIPT_BYTES:
            raise TranscriptProblem(path, f"is {size // 1024 // 1024} MB, too large to be a transcript")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptProblem(path, "no such file") from None
    except IsADirectoryError:
        raise TranscriptProblem(path, "is a folder, not a transcript") from None
    except OSError as exc:
        raise TranscriptProblem(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TranscriptProblem(path, "is not UTF-8 text, so not a coffeechat transcript") from None
    except json.JSONDecodeError as exc:
        raise TranscriptProblem(path, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
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
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = describe_error(Transcript, errors[0])
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise TranscriptProblem(path, f"is damaged: {first}{more}") from None
