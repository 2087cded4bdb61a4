"""``coffeechat personas …``: list, show, validate and create persona files."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from coffeechat.core.persona import TOPIC_TITLES, Persona
from coffeechat.errors import CoffeechatError
from coffeechat.store.config import ResolvedSettings
from coffeechat.store.personas import load_library, load_persona_file, write_template
from coffeechat.store.tomlfile import FileProblem
from coffeechat.tables import print_json, print_table


def _report_problems(problems: list[FileProblem]) -> None:
    for problem in problems:
        print(f"coffeechat: error: skipped a broken persona file: {problem}", file=sys.stderr)


def print_persona_table(resolved: ResolvedSettings) -> int:
    library = load_library(resolved.paths)
    rows = []
    for persona_id in library.ids():
        loaded = library.personas[persona_id]
        p = loaded.persona
        rows.append([p.id, p.name, p.role, p.employer.name, str(p.manner.default_minutes), p.manner.temperament,
                     loaded.source])
    print_table(["id", "name", "role", "employer", "minutes", "temperament", "source"], rows)
    _report_problems(library.problems)
    return 2 if library.problems else 0


def cmd_list(args: argparse.Namespace, resolved: ResolvedSettings) -> int:
    if not args.json:
        return print_persona_table(resolved)
    library = load_library(resolved.paths)
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


def cmd_show(args: argparse.Namespace, resolved: ResolvedSettings) -> int:
    loaded = load_library(resolved.paths).get(args.id)
    print(render_persona(loaded.persona))
    print(f"\nfile: {loaded.path} ({loaded.source})")
    return 0


def cmd_validate(args: argparse.Namespace, resolved: ResolvedSettings) -> int:
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


def cmd_new(args: argparse.Namespace, resolved: ResolvedSettings) -> int:
    path = write_template(resolved.paths, args.id, force=args.force)
    print(f"wrote {path}")
    print(f"edit it, then check it with: coffeechat personas validate {path}")
    return 0


def render_persona(p: Persona) -> str:
    wrap = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    out = [
        f"{p.name} ({p.pronouns}) — {p.role}, {p.employer.name}",
        f"  {p.industry} · {p.location} · {p.years_in_role} years in the role, {p.years_in_field} in the field",
        "",
        wrap.fill(p.summary),
        "",
        f"  Meeting: {p.manner.default_minutes} minutes · {p.manner.temperament}, {p.manner.talkativeness} talkativeness"
        + (" · strict about time" if p.manner.strict_about_time else ""),
        f"  Style: {p.manner.speaking_style}",
        "  Pet peeves: " + "; ".join(p.manner.pet_peeves),
        "",
        f"  Employer: {p.employer.description} ({p.employer.size}, founded {p.employer.founded},"
        f" {p.employer.headquarters})",
    ]
    if p.public_profile:
        out.append("  Public profile: " + "; ".join(p.public_profile))
    out.append("")
    for key, title in TOPIC_TITLES.items():
        passages = p.topic(key)
        out.append(f"  {title} ({len(passages)} passages)")
        out.append(wrap.fill(passages[0]))
    out.append("")
    out.append("  Could introduce you to:")
    for r in p.referrals:
        out.append(f"    {r.name}, {r.role}: {r.why}")
    return "\n".join(out)


__all__ = ["CoffeechatError", "cmd_list", "cmd_new", "cmd_show", "cmd_validate", "print_persona_table"]
