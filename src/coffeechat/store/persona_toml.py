"""A persona as a commented TOML file, in the layout of the built-in ones.

Used for drafted personas: comments say which parts came from the profile and which were made up,
so the user knows what to correct. Every string is written as a TOML basic string with every
character TOML requires escaped, so reading the file back gives exactly the data written.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# the order of the built-in files; anything else follows in its own order
TOP_ORDER = ("name", "pronouns", "role", "industry", "location", "years_in_role", "years_in_field", "summary",
             "public_profile")
TABLE_ORDER = ("employer", "manner", "lines", "topics")
ARRAY_TABLES = ("stories", "referrals")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character escaped."""
    def escape(m: re.Match[str]) -> str:
        ch = m.group(0)
        return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"

    return '"' + _NEEDS_ESCAPE.sub(escape, value) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def _value(value: Any, indent: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("a persona holds no infinite or undefined numbers")
        return json.dumps(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (list, dict)) for v in value) and sum(len(str(v)) for v in value) < 60:
            return "[" + ", ".join(_value(v) for v in value) + "]"
        inner = indent + "  "
        return "[\n" + "".join(f"{inner}{_value(v, inner)},\n" for v in value) + indent + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if value is None:
        raise ValueError("TOML has no null: leave the key out instead")
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _comment(note: str | None) -> list[str]:
    if not note:
        return []
    return ["# " + line if line else "#" for line in " ".join(note.split("\n")).splitlines() or [""]]


def _pairs(table: dict[str, Any], notes: dict[str, str], prefix: str) -> list[str]:
    out: list[str] = []
    for key, value in table.items():
        if value is None:
            continue  # an optional field left unset
        out += _comment(notes.get(f"{prefix}{key}"))
        out.append(f"{_key(key)} = {_value(value)}")
    return out


def render_persona_toml(data: dict[str, Any], notes: dict[str, str], header: list[str]) -> str:
    """``data`` (a persona's fields, without its id) as TOML; ``header`` lines and ``notes`` (by
    dotted path: "name", "employer.founded", "topics.advice", "stories") as ``#`` comments."""
    lines = [c for h in header for c in _comment(h)]
    if lines:
        lines.append("")
    scalars = {k: data[k] for k in TOP_ORDER if k in data}
    scalars.update({k: v for k, v in data.items()
                    if k not in scalars and k not in TABLE_ORDER and k not in ARRAY_TABLES and not isinstance(v, dict)})
    lines += _pairs(scalars, notes, "")
    tables = [k for k in TABLE_ORDER if isinstance(data.get(k), dict)]
    tables += [k for k, v in data.items() if isinstance(v, dict) and k not in tables]
    for name in tables:
        lines.append("")
        lines += _comment(notes.get(name))
        lines.append(f"[{_key(name)}]")
        lines += _pairs(data[name], notes, f"{name}.")
    for name in ARRAY_TABLES:
        items = data.get(name)
        if not items:
            continue  # none: the field's default
        lines.append("")
        lines += _comment(notes.get(name))
        for item in items:
            lines.append(f"[[{name}]]")
            lines += _pairs(item, {}, "")
            lines.append("")
        lines.pop()
    return "\n".join(lines).rstrip() + "\n"
