"""Where an export may be written: a regular file (new or replaced) in a folder that exists, and
never one of the files coffeechat keeps (a transcript, a persona file, the config file).

An export is written to a temp file and renamed into place, so whatever is at the destination is
replaced: a pipe or a device there would become a plain file, a link to a transcript would lose the
interview. Those are refused before anything is written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coffeechat.errors import CoffeechatError
from coffeechat.store.paths import UserPaths

EXPORTS_FOLDER = "exports"


def exports_dir(paths: UserPaths) -> Path:
    """The folder exports go to by default; the app creates it when it is missing."""
    return paths.data_dir / EXPORTS_FOLDER


def check_replaceable(target: Path, shown: Path | None = None) -> None:
    """Refuse a destination that exists and is not a regular file (a folder, a pipe, a device, a socket)."""
    shown = target if shown is None else shown
    try:
        info = os.stat(target)  # through a link: what it points at is what would be lost
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise CoffeechatError(f"{shown.parent} is not a folder; give a file in a folder that exists") from None
    except OSError as exc:
        raise CoffeechatError(f"{shown}: cannot be checked ({exc.strerror or exc}); give another file name") from None
    if stat.S_ISDIR(info.st_mode):
        raise CoffeechatError(f"{shown} is a folder; give a file name for the export, e.g. {shown / 'chat.md'}")
    if not stat.S_ISREG(info.st_mode):
        raise CoffeechatError(f"{shown} is not a regular file (a pipe, device or socket), so it is left alone;"
                              " give a file name for the export, or -o - to print it")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def export_destination(raw: str, paths: UserPaths, source: Path) -> Path:
    """The file to write an export of the transcript at ``source`` to, given as ``raw`` on the command
    line: links are followed (the file a link points at is the one replaced, the link stays)."""
    given = Path(raw)
    try:
        real = given.resolve()
        source_real = source.resolve()
        protected = [(paths.transcripts_dir.resolve(), "your transcripts folder"),
                     (paths.personas_dir.resolve(), "your persona folder")]
        config = paths.config_file.resolve()
        exports = exports_dir(paths).resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise CoffeechatError(f"{given}: cannot be followed ({exc}); give another file name") from None
    example = exports / (source.stem + (given.suffix or ".md"))
    if real == source_real:
        raise CoffeechatError(f"{given} is the transcript being exported, and writing there would replace it; give"
                              f" another file name, e.g. {example}")
    for folder, what in protected:
        if _inside(real, folder):
            raise CoffeechatError(f"{given} is in {what} ({folder}), where an export could overwrite what is saved"
                                  f" there; write it somewhere else, e.g. {example}")
    if real == config:
        raise CoffeechatError(f"{given} is your config file; give another file name for the export")
    parent = real.parent
    shown_parent = real.parent if given.is_symlink() else given.parent
    if not parent.exists() and parent != exports:
        raise CoffeechatError(f"folder {shown_parent} does not exist: create it first, or give a file in a folder"
                              " that exists")
    if parent.exists() and not parent.is_dir():
        raise CoffeechatError(f"{shown_parent} is a file, not a folder; give a file in a folder that exists")
    check_replaceable(real, given)
    return real
