"""Finding and loading persona files: the built-in library plus the user's own folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from coffeechat.core.persona import ID_PATTERN, Persona
from coffeechat.errors import CoffeechatError
from coffeechat.store.atomic import write_atomic
from coffeechat.store.paths import UserPaths, builtin_dir
from coffeechat.store.tomlfile import FileProblem, load_model

Source = Literal["built-in", "user"]


@dataclass(frozen=True)
class LoadedPersona:
    persona: Persona
    path: Path
    source: Source


@dataclass
class PersonaLibrary:
    """Every persona that loaded, by id, and every file that did not."""

    personas: dict[str, LoadedPersona] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)

    def ids(self) -> list[str]:
        return sorted(self.personas)

    def get(self, persona_id: str) -> LoadedPersona:
        if not persona_id.strip():
            raise CoffeechatError("the persona id is empty; see the ids with: coffeechat personas list")
        if persona_id in self.personas:
            return self.personas[persona_id]
        for problem in self.problems:
            if problem.path.stem == persona_id:
                raise problem
        import difflib

        close = [i for i in self.ids() if persona_id.lower() in i] or difflib.get_close_matches(persona_id, self.ids(), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise CoffeechatError(f"no persona '{persona_id}'; {hint}see the list with: coffeechat personas list")


MAX_ID = 64  # a file name, and a word to type


def check_id(persona_id: str) -> str:
    if len(persona_id) > MAX_ID:
        raise CoffeechatError(f"the persona id is {len(persona_id)} characters long; keep it to {MAX_ID} or fewer,"
                              " like 'jordan-lee'")
    if not ID_PATTERN.match(persona_id):
        raise CoffeechatError(
            f"'{persona_id}' is not a valid persona id; use lowercase letters, digits and hyphens,"
            " like 'data-scientist'"
        )
    return persona_id


def load_persona_file(path: Path, cache_dir: Path | None = None) -> Persona:
    """Load one persona file; its id is the file name. Any problem raises FileProblem. With
    ``cache_dir``, an unchanged file is read back from its parsed form (see ``read_toml``)."""
    path = Path(path)
    if path.suffix != ".toml":
        raise FileProblem(path, ["a persona file must end in .toml"])
    if not ID_PATTERN.match(path.stem):
        suggestion = "-".join(part for part in "".join(c if c.isalnum() else "-" for c in path.stem.lower()).split("-") if part)
        raise FileProblem(
            path,
            [
                "the file name is the persona id and must be lowercase letters, digits and hyphens"
                + (f"; rename it to {suggestion}.toml" if suggestion else "")
            ],
        )
    persona = load_model(Persona, path, hint=f"fix it, then check with: coffeechat personas validate {path}",
                         cache_dir=cache_dir)
    return persona.model_copy(update={"id": path.stem})


def persona_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix == ".toml" and not p.name.startswith(".")]


def load_library(paths: UserPaths | None = None) -> PersonaLibrary:
    """Built-in personas first, then the user's: a user file with the same id replaces the built-in one,
    even when it is broken (asking for that id then gives the file's problem: the user meant their file)."""
    library = PersonaLibrary()
    folders: list[tuple[Path, Source]] = [(builtin_dir("personas"), "built-in")]
    if paths is not None:
        folders.append((paths.personas_dir, "user"))
    for folder, source in folders:
        for path in persona_files(folder):
            try:
                persona = load_persona_file(path, paths.cache_dir if paths is not None else None)
            except FileProblem as problem:
                library.problems.append(problem)
                library.personas.pop(path.stem, None)
                continue
            library.personas[persona.id] = LoadedPersona(persona, path, source)
    return library


def template_text() -> str:
    return resources.files("coffeechat.store").joinpath("persona_template.toml").read_text(encoding="utf-8")


def new_persona_target(paths: UserPaths, persona_id: str, force: bool = False) -> Path:
    """Where a new persona ``persona_id`` goes in the user's folder; refuses to replace a file there
    or hide a built-in persona unless ``force``."""
    check_id(persona_id)
    target = paths.personas_dir / f"{persona_id}.toml"
    if target.exists() and not force:
        raise CoffeechatError(f"{target} already exists; edit it, or pick another id (--force overwrites it)")
    builtin = builtin_dir("personas") / f"{persona_id}.toml"
    if builtin.exists() and not force:
        try:
            who = load_persona_file(builtin).name
        except FileProblem:
            who = "a built-in persona"
        raise CoffeechatError(f"'{persona_id}' is the built-in persona {who}; a file with that id would hide it."
                              " Pick another id (e.g. my-" + persona_id + "), or add --force to replace it with your own")
    return target


def write_template(paths: UserPaths, persona_id: str, force: bool = False) -> Path:
    """Write the commented persona template as ``ID.toml`` in the user's persona folder."""
    target = new_persona_target(paths, persona_id, force)
    write_atomic(target, template_text().encode("utf-8"), what="persona template")
    return target
