"""``coffeechat personas …``: list, show, validate and create persona files."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from coffeechat.core.persona import TOPIC_TITLES, Persona
from coffeechat.store.paths import UserPaths
from coffeechat.store.personas import PersonaLibrary, load_library, load_persona_file, write_template
from coffeechat.store.tomlfile import FileProblem
from coffeechat.cli.tables import print_json, print_table


def _report_problems(problems: list[FileProblem]) -> None:
    for problem in problems:
        print(f"coffeechat: error: skipped a broken persona file: {problem}", file=sys.stderr)


def print_persona_table(paths: UserPaths, library: PersonaLibrary | None = None) -> int:
    library = library if library is not None else load_library(paths)
    rows = []
    for persona_id in library.ids():
        loaded = library.personas[persona_id]
        p = loaded.persona
        rows.append([p.id, p.name, p.role, p.employer.name, str(p.manner.default_minutes), p.manner.temperament,
                     loaded.source])
    # the id is what people type, so it is never cut; nor are the short columns
    print_table(["id", "name", "role", "employer", "minutes", "temperament", "source"], rows,
                keep=frozenset({0, 4, 5, 6}))
    _report_problems(library.problems)
    return 2 if library.problems else 0


def cmd_list(args: argparse.Namespace, paths: UserPaths) -> int:
    if not args.json:
        return print_persona_table(paths)
    library = load_library(paths)
    print_json([
        {
            "id": loaded.persona.id,
            "name": loaded.persona.name,
            "role": loaded.persona.role,
            "employer": loaded.persona.employer.name,
            "minutes": loaded.persona.manner.default_minutes,
            "temperament": loaded.persona.manner.temperament,
            "source": loaded.source,
            "path": str(loaded.path),
        }
        for loaded in (library.personas[i] for i in library.ids())
    ])
    _report_problems(library.problems)
    return 2 if library.problems else 0


def cmd_show(args: argparse.Namespace, paths: UserPaths) -> int:
    loaded = load_library(paths).get(args.id)
    print(render_persona(loaded.persona, full=args.full))
    print(f"\nfile: {loaded.path} ({loaded.source})")
    if _drafted(loaded.path):
        print("drafted from a profile: the comments in the file say which parts are from it, which were invented"
              " and which are generic; correct them there")
    return 0


def cmd_validate(args: argparse.Namespace, paths: UserPaths) -> int:
    failed = 0
    for raw in args.paths:
        path = Path(raw)
        try:
            persona = load_persona_file(path)
        except FileProblem as problem:
            failed += 1
            for line in problem.problems:
                print(f"coffeechat: error: {path}: {line}", file=sys.stderr)
            continue
        print(f"ok  {path}  ({persona.id}: {persona.name}, {persona.role})")
    if failed:
        print(f"{failed} of {len(args.paths)} persona files have problems", file=sys.stderr)
        return 2
    return 0


def cmd_new(args: argparse.Namespace, paths: UserPaths) -> int:
    if args.from_profile is not None:
        return _new_from_profile(args, paths)
    unused = [flag for flag, value in (("--name", args.name), ("--role", args.role), ("--employer", args.employer),
                                       ("--minutes", args.minutes)) if value is not None]
    if unused:
        from coffeechat.errors import CoffeechatError

        raise CoffeechatError(f"{unused[0]} goes with --from-profile FILE; without it, 'personas new' writes a blank template")
    path = write_template(paths, args.id, force=args.force)
    print(f"wrote {path}")
    print(f"edit it, then check it with: coffeechat personas validate {path}")
    return 0


def _drafted(path: Path) -> bool:
    """Whether the file says it was drafted from a profile (in its header comment)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("# Drafted ") for line in (handle.readline() for _ in range(4)))
    except OSError:
        return False


def render_persona(p: Persona, full: bool = False) -> str:
    """A readable page about one persona; ``full`` prints every passage, not just the first of each topic."""
    text = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    item = textwrap.TextWrapper(width=88, initial_indent="    - ", subsequent_indent="      ")
    out = [
        f"{p.name} ({p.pronouns}) — {p.role}, {p.employer.name}",
        f"  {p.industry} · {p.location} · {p.years_in_role} years in the role, {p.years_in_field} in the field",
        "",
        text.fill(p.summary),
        "",
        f"  Meeting: {p.manner.default_minutes} minutes · {p.manner.temperament},"
        f" {p.manner.talkativeness} talkativeness" + (" · strict about time" if p.manner.strict_about_time else ""),
        text.fill(f"Style: {p.manner.speaking_style}"),
        "  Pet peeves:",
        *(item.fill(peeve) for peeve in p.manner.pet_peeves),
        "",
        "  Employer (what a quick search tells you):",
        text.fill(
            f"{p.employer.description} Size: {p.employer.size}. Founded {p.employer.founded}."
            f" Headquarters: {p.employer.headquarters}."
        ),
        *(item.fill(fact) for fact in p.employer.public_facts),
    ]
    if p.public_profile:
        out += ["  Public profile:", *(item.fill(fact) for fact in p.public_profile)]
    out.append("")
    for key, title in TOPIC_TITLES.items():
        passages = p.topic(key)
        out.append(f"  {title} ({len(passages)} passages)")
        out += [text.fill(passage) for passage in (passages if full else passages[:1])]
    if full and p.stories:
        out += ["", f"  Stories ({len(p.stories)})"]
        for story in p.stories:
            out.append(item.fill(f"{story.title} ({TOPIC_TITLES[story.topic].lower()})"))
            out.append(text.fill(story.text))
            if story.lesson:
                out.append(text.fill(f"What they took from it: {story.lesson}"))
    out += ["", "  Could introduce you to:"]
    out += [item.fill(f"{r.name}, {r.role}: {r.why}") for r in p.referrals]
    return "\n".join(out)


class _ProgressLine:
    """What the draft is doing, on stderr: one line kept up to date on a terminal, else a line per stage."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.stage = ""
        self.at = 0.0

    def __call__(self, stage: str, chars: int) -> None:
        import time

        if self.quiet:
            return
        now = time.monotonic()
        if self.tty and stage == self.stage and now - self.at < 0.1:
            return  # ten times a second is enough to see it move
        self.at = now
        if self.tty:
            _rewind()
            sys.stderr.write(f"{stage.capitalize()}… {chars:,} characters")  # cleaned like any text
            sys.stderr.flush()
        elif stage != self.stage:
            print(f"{stage.capitalize()}…", file=sys.stderr, flush=True)
        self.stage = stage

    def done(self) -> None:
        if self.tty and self.stage and not self.quiet:
            _rewind()
            sys.stderr.flush()


def _rewind() -> None:
    """Back to the start of the progress line, cleared (past the output guard, which drops escapes)."""
    control = getattr(sys.stderr, "write_control", None)
    if control is not None:
        control("\r\x1b[K")
    else:
        sys.stderr.write("\r\x1b[K")


def _new_from_profile(args: argparse.Namespace, paths: UserPaths) -> int:
    import asyncio
    from pathlib import Path

    from coffeechat.cli import _flags
    from coffeechat.store.config import load_settings
    from coffeechat.store.drafted_persona import create_from_profile, read_profile_file
    from coffeechat.store.personas import new_persona_target

    new_persona_target(paths, args.id, args.force)  # the id and the target, before reading anything or asking a model
    profile = read_profile_file(args.from_profile)
    settings = load_settings(_flags(args)).settings
    source = "standard input" if args.from_profile == "-" else Path(args.from_profile).name
    progress = _ProgressLine(quiet=args.json)
    if settings.resolved_engine != "offline" and not args.json:
        print(f"Asking {settings.model} to draft {args.id} from {source}…", file=sys.stderr, flush=True)
    try:
        result = asyncio.run(create_from_profile(paths, settings, args.id, profile, source, name=args.name, role=args.role,
                                                 employer=args.employer, minutes=args.minutes, force=args.force,
                                                 progress=progress))
    finally:
        progress.done()
    p = result.persona
    if args.json:
        print_json({"id": args.id, "path": str(result.path), "name": p.name, "role": p.role, "employer": p.employer.name,
                    "engine": result.engine, "based_on": result.based_on, "general": result.general,
                    "invented": result.invented,
                    "repairs": result.repairs})
        return 0
    print(f"wrote {result.path}")
    print(f"  {p.name} — {p.role}, {p.employer.name}")
    if result.based_on and result.general:
        print(f"  drafted offline: facts from the profile; no built-in persona is in {p.first_name}'s field, so the"
              f" passages about the work are general (manner from the built-in {result.based_on}): edit them, or"
              " draft with a model")
    elif result.based_on:
        print(f"  drafted offline: facts from the profile; voice and passages from the built-in {result.based_on}")
    else:
        rounds = f" after {result.repairs} round{'s' if result.repairs != 1 else ''} of corrections" if result.repairs else ""
        print(f"  drafted by {result.engine}{rounds}")
    if result.invented:
        shown = ", ".join(result.invented[:8]) + (f" and {len(result.invented) - 8} more" if len(result.invented) > 8 else "")
        print(f"  invented (check these): {shown}")
    print(f"edit it, then check it with: coffeechat personas validate {result.path}")
    print(f"rehearse with it: coffeechat --persona {args.id}")
    return 0
