"""Settings: command-line flags > environment variables > config file > defaults."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coffeechat.errors import CoffeechatError
from coffeechat.store.paths import UserPaths, user_paths
from coffeechat.store.tomlfile import describe_error, load_model

EngineChoice = Literal["auto", "offline", "openai"]

DEFAULT_MODEL = "gpt-4.1-mini"

# setting name -> environment variable that sets it
ENV_VARS: dict[str, str] = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "COFFEECHAT_MODEL",
}


def check_base_url(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http:// or https:// address, like http://localhost:11434/v1")
    return value.rstrip("/")


_SECRET_PARAM = re.compile(r"(?i)(key|token|secret|password|passwd|auth|signature|sig|credential)")


def redact_url(url: str) -> str:
    """A base URL fit to show or store: a user name or password in it becomes ***, and so does the
    value of any query parameter that looks like a secret (api-key=…, token=…)."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=f"***@{host}")
    if parts.query:
        pairs = [pair.partition("=") for pair in parts.query.split("&")]
        parts = parts._replace(query="&".join(
            f"{name}{eq}{'***' if eq and _SECRET_PARAM.search(name) else value}" for name, eq, value in pairs))
    return parts.geturl()


class Settings(BaseModel):
    """Every setting, as the config file spells it. Unknown keys in the file are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: EngineChoice = Field(
        "auto", description="offline, openai, or auto (openai when a key or base URL is set, else offline)"
    )
    model: str = Field(DEFAULT_MODEL, min_length=1, description="model name for the OpenAI-compatible engine")
    base_url: str | None = Field(None, description="OpenAI-compatible server, e.g. http://localhost:11434/v1")
    api_key: str | None = Field(None, min_length=1, description="API key (prefer the OPENAI_API_KEY variable)")
    context_window: int | None = Field(
        None, ge=1024, le=10_000_000, description="tokens the model accepts; unset uses a default for the model"
    )
    request_timeout: float = Field(60.0, gt=0, le=3600, description="seconds to wait for the server")
    retries: int = Field(3, ge=0, le=10, description="retries of rate limits, server errors and time-outs")
    user_wpm: float = Field(150.0, ge=50, le=400, description="your speaking pace for the spoken clock")
    persona_wpm: float = Field(150.0, ge=50, le=400, description="the professional's speaking pace")
    pause_seconds: float = Field(2.0, ge=0, le=30, description="pause added to the spoken clock per turn")

    @field_validator("base_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return check_base_url(value)

    @property
    def resolved_engine(self) -> Literal["offline", "openai"]:
        if self.engine == "auto":
            return "openai" if (self.api_key or self.base_url) else "offline"
        return self.engine


class ResolvedSettings(BaseModel):
    """Settings plus where each value came from and the user's folders."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    settings: Settings
    sources: dict[str, str]
    paths: UserPaths

    def describe(self) -> list[tuple[str, str, str]]:
        """(name, shown value, source) rows; the API key is never shown."""
        rows = []
        for name in Settings.model_fields:
            value = getattr(self.settings, name)
            if name == "api_key":
                shown = "(set)" if value else "(not set)"
            elif value is None:
                shown = "(not set)"
            elif name == "base_url":
                shown = redact_url(value)
            else:
                shown = str(value)
            rows.append((name, shown, self.sources.get(name, "default")))
        rows.append(("engine in use", self.settings.resolved_engine, "derived"))
        rows.append(("config file", str(self.paths.config_file), "folder"))
        rows.append(("your personas", str(self.paths.personas_dir), "folder"))
        rows.append(("transcripts", str(self.paths.transcripts_dir), "folder"))
        return rows


def load_settings(flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> ResolvedSettings:
    """Merge the layers. ``flags`` holds only options given on the command line (plus ``home``)."""
    flags = dict(flags or {})
    env = os.environ if env is None else env
    paths = user_paths(flags.pop("home", None), env)

    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    config_file = paths.config_file
    if config_file.exists():
        file_settings = load_model(Settings, config_file, hint="see the settings table in the README")
        for name in file_settings.model_fields_set:
            values[name] = getattr(file_settings, name)
            sources[name] = str(config_file)

    for name, var in ENV_VARS.items():
        raw = env.get(var)
        if raw is not None and raw.strip():
            values[name] = raw.strip()
            sources[name] = f"${var}"

    for name, value in flags.items():
        if value is None:
            continue
        if name not in Settings.model_fields:
            raise CoffeechatError(f"unknown setting {name!r}")
        values[name] = value
        sources[name] = "--" + name.replace("_", "-")

    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        name = str(err["loc"][0]) if err.get("loc") else "?"
        where = sources.get(name, "settings")
        raise CoffeechatError(f"{where}: {describe_error(Settings, err)}") from None
    return ResolvedSettings(settings=settings, sources=sources, paths=paths)

