"""Where coffeechat keeps things: the user's folders and the built-in data."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from coffeechat.errors import CoffeechatError

APP_NAME = "coffeechat"
HOME_ENV = "COFFEECHAT_HOME"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class UserPaths:
    """The per-user folders. With COFFEECHAT_HOME (or --home) everything lives under one folder."""

    config_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def personas_dir(self) -> Path:
        return self.config_dir / "personas"

    @property
    def transcripts_dir(self) -> Path:
        return self.data_dir / "transcripts"

    @property
    def cache_dir(self) -> Path:
        """What can be rebuilt at any time (persona files as parsed): safe to delete."""
        return self.data_dir / "cache"

    @property
    def transcript_index(self) -> Path:
        return self.cache_dir / "transcripts.sqlite"


def user_paths(home: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> UserPaths:
    """Resolve the user's folders: an explicit home, then $COFFEECHAT_HOME, then the platform's folders."""
    env = os.environ if env is None else env
    chosen = home if home not in (None, "") else env.get(HOME_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser()
        if root.exists() and not root.is_dir():
            source = "--home" if home not in (None, "") else HOME_ENV
            raise CoffeechatError(f"{source}: {root} is a file, not a folder; point it at a folder (it is created if missing)")
        return UserPaths(config_dir=root, data_dir=root)
    import platformdirs

    return UserPaths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
    )


def builtin_dir(name: str) -> Path:
    """The folder of built-in data (``personas`` or ``prompts``).

    An installed wheel carries a copy inside the package (``coffeechat/_data``); a source checkout
    uses the top-level folder of the repository, which is the source of truth.
    """
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise CoffeechatError(
        f"the built-in {name} folder is missing from this installation ({_PACKAGE_DIR}); reinstall coffeechat"
    )
