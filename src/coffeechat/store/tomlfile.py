"""Read a TOML file into a pydantic model, turning every failure into one clear line."""

from __future__ import annotations

import difflib
import hashlib
import json
import tomllib
import typing
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from coffeechat.errors import CoffeechatError
from coffeechat.store.reading import Unreadable, read_regular_file

M = TypeVar("M", bound=BaseModel)

# fields whose value is never repeated in an error message: it may hold a key or credentials
SENSITIVE_FIELDS = frozenset({"api_key", "base_url"})

MAX_FILE_BYTES = 1024 * 1024  # a persona is about 15 KB; a config file far less


class FileProblem(CoffeechatError):
    """A file that cannot be used, with each problem found in it (field path and what is wrong)."""

    def __init__(self, path: Path, problems: list[str], hint: str = "") -> None:
        self.path = path
        self.problems = problems
        shown = "; ".join(problems[:3])
        if len(problems) > 3:
            shown += f"; and {len(problems) - 3} more"
        super().__init__(f"{path}: {shown}" + (f" ({hint})" if hint else ""))


def read_toml(path: Path, cache_dir: Path | None = None) -> dict[str, object]:
    """Parse a TOML file; unreadable files and syntax errors become a FileProblem.

    With ``cache_dir``, what a file parses to is kept there as JSON under a hash of its bytes, so
    an unchanged file is read back in a fraction of the time (Python's TOML parser takes about
    4 ms for a persona with its stories; Home reads every persona as it opens). An edited file has
    another hash, so the cache never serves stale content; a cache that cannot be read or written
    is passed over."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES, "TOML file (a persona or config file is a few KB)")
    except Unreadable as exc:
        raise FileProblem(path, [str(exc)]) from None
    key = hashlib.sha256(raw).hexdigest()[:40] if cache_dir is not None else ""
    if key and (cached := _from_cache(cache_dir, key)) is not None:
        return cached
    data = _parse(path, raw)
    if key:
        _to_cache(cache_dir, key, data)
    return data


_CACHE_KEEP = 200  # parsed files kept; the oldest go first


def _from_cache(folder: Path, key: str) -> dict[str, object] | None:
    try:
        data = json.loads((folder / f"{key}.json").read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _to_cache(folder: Path, key: str, data: dict[str, object]) -> None:
    from coffeechat.store.atomic import write_atomic

    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        if json.loads(text) != data:  # dates and times do not survive JSON: such a file is not cached
            return
        write_atomic(folder / f"{key}.json", text.encode("utf-8"), what="parsed-file cache")
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-_CACHE_KEEP]:
            old.unlink(missing_ok=True)
    except (CoffeechatError, OSError, TypeError, ValueError, RecursionError):
        return


def _parse(path: Path, raw: bytes) -> dict[str, object]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, [f"is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"]) from None
    try:
        return tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError, or an integer thousands of digits long
        if not isinstance(exc, tomllib.TOMLDecodeError):
            raise FileProblem(path, [f"holds a value that cannot be read ({exc})"]) from None
        raise FileProblem(path, [f"invalid TOML: {exc}"], hint="fix the syntax at that line") from None
    except RecursionError:
        raise FileProblem(path, ["nests arrays or tables hundreds deep, so it is not a persona or config file"]) from None


def validate(model: type[M], data: dict[str, object], path: Path, hint: str = "") -> M:
    """Validate parsed TOML against ``model``; every field error names its path and problem."""
    try:
        return model.model_validate(data)
    except RecursionError:
        raise FileProblem(path, ["nests arrays or tables hundreds deep, so it is not a persona or config file"]) from None
    except ValidationError as exc:
        problems = [describe_error(model, err) for err in exc.errors(include_url=False)]
        raise FileProblem(path, problems, hint=hint) from None


def load_model(model: type[M], path: Path, hint: str = "", cache_dir: Path | None = None) -> M:
    return validate(model, read_toml(path, cache_dir), path, hint=hint)


def field_path(loc: tuple[object, ...]) -> str:
    """``("topics", "typical_day", 1)`` -> ``topics.typical_day[1]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def describe_error(model: type[BaseModel], err: dict[str, typing.Any]) -> str:
    """One readable phrase for one pydantic error."""
    loc = tuple(err.get("loc", ()))
    where = field_path(loc)
    kind = err.get("type", "")
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        siblings = _fields_at(model, loc[:-1])
        name = str(loc[-1]) if loc else ""
        close = difflib.get_close_matches(name, siblings, n=1)
        if close:
            return f"{where}: unknown field (did you mean '{close[0]}'?)"
        allowed = ", ".join(siblings) if siblings else "none"
        return f"{where}: unknown field (allowed here: {allowed})"
    msg = str(err.get("msg", "invalid value"))
    msg = msg[0].lower() + msg[1:] if msg else msg
    if msg.startswith("value error, "):
        msg = msg[len("value error, ") :]
    got = err.get("input")
    if loc and loc[-1] in SENSITIVE_FIELDS:
        got = None
    if kind not in ("missing",) and not isinstance(got, (dict, list)) and got is not None:
        shown = repr(got)
        if len(shown) > 40:
            shown = shown[:37] + "..."
        msg += f", got {shown}"
    return f"{where}: {msg}"


def _fields_at(model: type[BaseModel], loc: tuple[object, ...]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for 'did you mean' hints)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        sub = _model_in(current)
        if sub is None or part not in sub.model_fields:
            return []
        current = sub.model_fields[str(part)].annotation
    sub = _model_in(current)
    return list(sub.model_fields) if sub is not None else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
