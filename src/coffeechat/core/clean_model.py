"""The base of every format that holds text from outside (transcripts, personas, score reports)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from coffeechat.core.safe_text import needs_cleaning, strip_controls


class CleanModel(BaseModel):
    """Strict (unknown fields and non-finite numbers are errors), and every string, however it
    arrives (a file, a server, a constructor), is free of escapes, control characters and lone
    surrogates. Secrets are redacted where text comes in from a server and wherever it goes out,
    never inside the app's own data (a short password must not rewrite a field name)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _clean_strings(cls, data: Any) -> Any:
        """Each model cleans its own strings, and those of its plain lists and dicts (a nested model
        cleans its own when it is validated), so every string is cleaned once, however deep."""
        if not isinstance(data, dict):
            return data
        if not any(map(_dirty, data.values())):  # the usual case: nothing to change, nothing copied
            return data
        return {_shallow(k): _shallow(v, members=True) for k, v in data.items()}


def _dirty(value: Any) -> bool:
    if isinstance(value, str):
        return needs_cleaning(value)
    if isinstance(value, list):
        return any(isinstance(v, str) and needs_cleaning(v) for v in value)
    if isinstance(value, dict):
        return any(isinstance(v, str) and needs_cleaning(v) for v in (*value, *value.values()))
    return False


def _shallow(value: Any, members: bool = False) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if members and isinstance(value, list):
        return [strip_controls(v) if isinstance(v, str) else v for v in value]
    if members and isinstance(value, dict):
        return {_shallow(k): strip_controls(v) if isinstance(v, str) else v for k, v in value.items()}
    return value
