"""The base of every format that holds text from outside (transcripts, personas, score reports)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from coffeechat.core.safe_text import clean_data


class CleanModel(BaseModel):
    """Strict (unknown fields and non-finite numbers are errors), and every string, however it
    arrives (a file, a server, a constructor), has passed ``safe_text.clean``."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _clean_strings(cls, data: Any) -> Any:
        return clean_data(data) if isinstance(data, dict) else data
