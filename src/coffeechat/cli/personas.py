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
    path = write_template(paths, args.id, force=args.force)
    print(f"wrote {path}")
    print(f"edit it, then check it with: coffeechat personas validate {path}")
    return 0


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
    out += ["", "  Could introduce you to:"]
    out += [item.fill(f"{r.name}, {r.role}: {r.why}") for r in p.referrals]
    return "\n".join(out)
