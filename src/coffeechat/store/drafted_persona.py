"""A new persona file drafted from a real person's public profile, offline or by a model.

The one place both the command (``personas new ID --from-profile FILE``) and the app's "New
persona from a profile…" go through: the target is checked before any work is spent, the draft
is rendered as a commented TOML file, loaded back and validated as ``personas validate`` would,
and only then written, atomically — a failure leaves no file, half-written or otherwise.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coffeechat.core.persona import Persona
from coffeechat.errors import CoffeechatError
from coffeechat.store.atomic import write_atomic
from coffeechat.store.paths import UserPaths
from coffeechat.store.personas import load_library, new_persona_target

MAX_PROFILE_BYTES = 1024 * 1024

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class DraftResult:
    path: Path
    persona: Persona
    engine: str  # "offline", or "<model> via <server>"
    based_on: str | None = None  # the built-in persona whose voice an offline draft borrows
    general: bool = False  # no built-in persona is in their field: the passages about the work are general
    invented: list[str] = field(default_factory=list)  # dotted paths of the parts made up
    repairs: int = 0  # rounds of corrections the model needed


def read_profile_file(source: str) -> str:
    """The pasted profile: a UTF-8 text file, or standard input for ``-``."""
    from coffeechat.store.reading import read_named_text

    text = read_named_text(source, MAX_PROFILE_BYTES, "profile", "a profile of a few pages",
                           "paste their public bio or LinkedIn About and experience into a text file")
    if not any(ch.isalpha() for ch in text):
        where = "standard input" if source == "-" else source
        raise CoffeechatError(f"{where}: has no text in it; paste their public bio or LinkedIn About and experience")
    return text


def _header(persona: Persona, source_name: str, how: str, marks: str) -> list[str]:
    return [
        f"{persona.name} — {persona.role}, {persona.employer.name}",
        f"Drafted {how} from {source_name} on {datetime.date.today():%d %B %Y}.",
        marks,
        "Edit anything, then check the file with: coffeechat personas validate <this file>",
    ]


def _checked(text: str, where: Path) -> Persona:
    """The rendered file, read back as the library will read it."""
    try:
        return Persona.model_validate(tomllib.loads(text)).model_copy(update={"id": where.stem})
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # a draft the renderer or model got wrong: nothing is written
        raise CoffeechatError(f"the drafted persona did not validate ({str(exc).splitlines()[0][:200]}); nothing was written") from None


async def create_from_profile(paths: UserPaths, settings, persona_id: str, profile: str, source_name: str, *,
                              name: str | None = None, role: str | None = None, employer: str | None = None,
                              minutes: int | None = None, force: bool = False,
                              progress: Progress | None = None) -> DraftResult:
    """Draft the persona ``persona_id`` from ``profile`` with the engine the settings choose, and
    write it to the user's persona folder."""
    from coffeechat.store.persona_toml import render_persona_toml

    from coffeechat.core import safe_text

    target = new_persona_target(paths, persona_id, force)
    profile = safe_text.clean(profile)  # no escape, and no secret of the user's, reaches the persona or a model
    source_name = " ".join(safe_text.clean(source_name).split())[:120] or "a pasted profile"
    if minutes is not None and not 5 <= minutes <= 120:
        raise CoffeechatError(f"--minutes {minutes}: a meeting is 5 to 120 minutes; 20 or 30 is usual for a coffee chat")
    if settings.resolved_engine == "offline":
        from coffeechat.core.profile_persona import draft_offline

        draft = draft_offline(profile, load_library(paths), name=name, role=role, employer=employer, minutes=minutes)
        persona = Persona.model_validate(draft.data)
        source = (f"are general (no built-in persona is in {persona.first_name}'s field; the manner is that of"
                  f" {draft.based_on})" if draft.general else f"come from the built-in persona {draft.based_on}")
        marks = ("Lines marked 'from the profile' are what it states; 'invented' ones are guesses to correct; 'generic'"
                 f" ones (voice, passages, stories) {source}: rewrite them in {persona.first_name}'s words as you learn"
                 " them.")
        text = render_persona_toml(draft.data, draft.notes, _header(persona, source_name, "offline", marks))
        invented = sorted(k for k, v in draft.notes.items() if v.startswith("invented"))
        result = DraftResult(target, _checked(text, target), "offline", based_on=draft.based_on, general=draft.general,
                             invented=invented)
    else:
        from coffeechat.engines import build_engine
        from coffeechat.engines.profile_draft import draft_with_model

        from coffeechat.core.engine import EngineError

        engine = build_engine(settings)
        try:
            drafted = await draft_with_model(engine, persona_id, profile, name=name, role=role, employer=employer,
                                             minutes=minutes, progress=progress)
        except EngineError as exc:  # a draft cut short is no persona: say so, not that a part of it was kept
            message = str(exc).split("; it was stopped")[0].split("; what arrived is kept")[0]
            raise CoffeechatError(f"{message}; nothing was written") from None
        finally:
            await engine.aclose()
        persona = Persona.model_validate(drafted.data)
        notes = {path: "invented by the model: check it against what you know of them" for path in drafted.invented}
        for stated in ("name", "role", "public_profile"):
            notes.setdefault(stated, "from the profile")
        how = f"by {engine.info.label()}"
        marks = ("Parts marked 'invented' are the model's guesses: correct them from what you know of"
                 f" {persona.first_name}." if drafted.said_invented else
                 "The model did not say which parts it invented: check every part against what you know of"
                 f" {persona.first_name}.")
        text = render_persona_toml(drafted.data, notes, _header(persona, source_name, how, marks))
        result = DraftResult(target, _checked(text, target), engine.info.label(), invented=drafted.invented,
                             repairs=drafted.repairs)
    write_atomic(target, text.encode("utf-8"), what="persona file")
    return result
