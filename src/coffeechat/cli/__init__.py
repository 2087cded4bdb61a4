"""The ``coffeechat`` command.

Only argparse and the standard library are imported at module level: ``--version`` and
``--help`` must stay fast, so Textual, openai and even pydantic load inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from coffeechat import __version__

EPILOG = """\
examples:
  coffeechat personas list               the professionals you can rehearse with
  coffeechat personas show data-scientist
  coffeechat personas new my-mentor      write a persona template to edit
  coffeechat personas new jordan-lee --from-profile jordan.txt
                                         a persona of the person you will meet
  coffeechat rehearse --persona software-engineer --script questions.txt
  coffeechat transcripts list            your saved interviews
  coffeechat their-side ID               what the professional thought of it
  coffeechat config show                 effective settings and where they come from
"""


def _settings_options() -> argparse.ArgumentParser:
    """Options accepted before or after a subcommand; absent ones are left out (SUPPRESS)."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("settings (override environment variables and the config file)")
    group.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                       help="keep config, personas and transcripts under DIR (like $COFFEECHAT_HOME)")
    group.add_argument("--engine", choices=["auto", "offline", "openai"], default=argparse.SUPPRESS,
                       help="persona engine; auto uses openai when a key or base URL is set")
    group.add_argument("--model", metavar="M", default=argparse.SUPPRESS, help="model name for the openai engine")
    group.add_argument("--base-url", metavar="URL", dest="base_url", default=argparse.SUPPRESS,
                       help="OpenAI-compatible server, e.g. http://localhost:11434/v1")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _settings_options()
    parser = argparse.ArgumentParser(
        prog="coffeechat",
        description="Rehearse informational interviews (coffee chats) with a professional persona.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"coffeechat {__version__}")
    parser.add_argument("--persona", metavar="ID", dest="start_persona",
                        help="open the app straight on preparing a chat with this persona")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    personas = commands.add_parser("personas", help="list, show, check and create personas", parents=[common])
    personas.set_defaults(json=False)  # "coffeechat personas" alone lists them
    pcmd = personas.add_subparsers(dest="personas_command", metavar="ACTION")
    plist = pcmd.add_parser("list", help="table of every persona", parents=[common])
    plist.add_argument("--json", action="store_true", help="print JSON instead of a table")
    pshow = pcmd.add_parser("show", help="everything about one persona", parents=[common])
    pshow.add_argument("id", metavar="ID")
    pshow.add_argument("--full", action="store_true", help="print every passage of every topic")
    pvalidate = pcmd.add_parser("validate", help="check persona files", parents=[common])
    pvalidate.add_argument("paths", metavar="PATH", nargs="+")
    pnew = pcmd.add_parser("new", help="write a commented persona template to your persona folder",
                           parents=[common])
    pnew.add_argument("id", metavar="ID", help="lowercase-hyphenated id; the file is ID.toml")
    pnew.add_argument("--force", action="store_true", help="overwrite an existing file")
    pnew.add_argument("--from-profile", metavar="FILE", dest="from_profile",
                      help="draft the persona from the person's public profile pasted into FILE (- reads stdin):"
                           " by the model when a key or base URL is set, else offline")
    pnew.add_argument("--name", metavar="TEXT", help="with --from-profile: their name, if the profile does not say it")
    pnew.add_argument("--role", metavar="TEXT", help="with --from-profile: their current role")
    pnew.add_argument("--employer", metavar="TEXT", help="with --from-profile: their current employer")
    pnew.add_argument("--minutes", type=int, metavar="N", help="with --from-profile: the usual meeting length")
    pnew.add_argument("--json", action="store_true", help="with --from-profile: print one JSON object")

    def add_engine_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--script", metavar="FILE", required=True,
                         help="one user turn per non-empty line; - reads standard input")
        sub.add_argument("--json", action="store_true", help="print only one JSON object at the end")

    rehearse = commands.add_parser("rehearse", help="run an interview from a script of questions, headless",
                                   parents=[common])
    rehearse.add_argument("--persona", metavar="ID", required=True, help="who you talk to (coffeechat personas list)")
    rehearse.add_argument("--minutes", type=float, metavar="N", help="agreed meeting length (default: the persona's)")
    rehearse.add_argument("--goal", metavar="TEXT", help="what you want from this conversation")
    add_engine_options(rehearse)

    resume = commands.add_parser("resume", help="continue an unfinished interview with more lines", parents=[common])
    resume.add_argument("id", metavar="ID", help="transcript id (or a unique start of it)")
    add_engine_options(resume)

    transcripts = commands.add_parser("transcripts", help="list, show and export saved interviews", parents=[common])
    tcmd = transcripts.add_subparsers(dest="transcripts_command", metavar="ACTION")
    tcmd.add_parser("list", help="every saved interview", parents=[common])
    tshow = tcmd.add_parser("show", help="print one interview", parents=[common])
    tshow.add_argument("id", metavar="ID")
    texport = tcmd.add_parser("export", help="export one interview as Markdown or JSON", parents=[common])
    texport.add_argument("id", metavar="ID")
    texport.add_argument("--format", choices=["md", "json"], default="md")
    texport.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")

    classify = commands.add_parser("classify", help="classify utterances from stdin, one per line", parents=[common])
    classify.add_argument("--json", action="store_true", help="JSON Lines: text, is_question, kind, flags")
    classify.add_argument("--explain", action="store_true", help="also print the signals behind each decision")

    score = commands.add_parser("score", help="score a saved interview with evidence and tips", parents=[common])
    score.add_argument("transcript", metavar="TRANSCRIPT", help="transcript id (or unique start) or path to its JSON")
    score.add_argument("--json", action="store_true", help="print the report as JSON")

    side = commands.add_parser("their-side", help="the professional's private impression of a saved interview",
                               parents=[common])
    side.add_argument("transcript", metavar="TRANSCRIPT", help="transcript id (or unique start)")
    side.add_argument("--again", action="store_true", help="make it again (with the engine configured now) and save it")
    side.add_argument("--json", action="store_true", help="print it as JSON")

    models = commands.add_parser("models", help="the models the configured server offers", parents=[common])
    models.add_argument("--json", action="store_true", help="one JSON list of model ids")
    config = commands.add_parser("config", help="show settings and where they come from", parents=[common])
    ccmd = config.add_subparsers(dest="config_command", metavar="ACTION")
    ccmd.add_parser("show", help="effective settings with their source", parents=[common])
    ccmd.add_parser("path", help="print the config file's path", parents=[common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from coffeechat.cli.output import guarded_output

    with guarded_output():
        parser = build_parser()
        args = parser.parse_args(argv)
        return _run(parser, args)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from coffeechat.errors import CoffeechatError

    try:
        _check_text_options(args)
        return _dispatch(parser, args)
    except CoffeechatError as exc:
        print(f"coffeechat: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("coffeechat: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line and a report, never a traceback
        return _crashed(args, exc)


def _crashed(args: argparse.Namespace, exc: Exception) -> int:
    from coffeechat.store.crash_report import crash_line, write_crash_report

    report = None
    try:
        from coffeechat.store.paths import user_paths

        report = write_crash_report(user_paths(getattr(args, "home", None)).data_dir, exc, f"coffeechat {args.command}")
    except Exception:
        pass
    print(crash_line(exc, report, "nothing already saved was changed"), file=sys.stderr)
    return 1


# options that are text (not paths, which may be any bytes): they must be valid UTF-8
TEXT_OPTIONS = {"goal": "--goal", "model": "--model", "base_url": "--base-url", "name": "--name", "role": "--role",
                "employer": "--employer"}


def _check_text_options(args: argparse.Namespace) -> None:
    from coffeechat.errors import CoffeechatError

    for name, flag in TEXT_OPTIONS.items():
        value = getattr(args, name, None)
        if isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value):
            raise CoffeechatError(f"{flag}: is not valid UTF-8 text; retype it, or check your terminal's encoding")


def _flags(args: argparse.Namespace) -> dict[str, Any]:
    return {k: getattr(args, k) for k in ("home", "engine", "model", "base_url") if hasattr(args, k)}


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Commands that only need the folders never read the config file: a broken config stops only
    what needs its settings (the app, rehearse, resume, config show)."""
    from coffeechat.store.config import load_settings, register_known_secrets
    from coffeechat.store.paths import user_paths

    paths = user_paths(getattr(args, "home", None))
    register_known_secrets(paths)
    if args.command == "personas":
        from coffeechat.cli import personas as cli_personas

        action = args.personas_command or "list"
        return getattr(cli_personas, f"cmd_{action}")(args, paths)
    if args.command in ("classify", "score"):
        from coffeechat.cli import rubric as cli_rubric

        return getattr(cli_rubric, f"cmd_{args.command}")(args, paths)
    if args.command == "transcripts":
        from coffeechat.cli import transcripts as cli_transcripts

        return getattr(cli_transcripts, f"cmd_{args.transcripts_command or 'list'}")(args, paths)
    if args.command == "config" and args.config_command == "path":
        print(paths.config_file)
        return 0
    resolved = load_settings(_flags(args))
    if args.command in ("rehearse", "resume"):
        from coffeechat.cli import rehearse as cli_rehearse

        return getattr(cli_rehearse, f"cmd_{args.command}")(args, resolved)
    if args.command == "models":
        return _models(resolved, args.json)
    if args.command == "their-side":
        from coffeechat.cli.their_side import cmd_their_side

        return cmd_their_side(args, resolved)
    if args.command == "config":
        from coffeechat.cli.tables import print_table

        print_table(["setting", "value", "from"], [list(r) for r in resolved.describe()])
        return 0
    return _app(resolved, getattr(args, "start_persona", None))


def _models(resolved: Any, as_json: bool) -> int:
    """``coffeechat models``: what the server behind the OpenAI-compatible engine offers."""
    import asyncio
    import json

    from coffeechat.core.safe_text import clean
    from coffeechat.errors import CoffeechatError

    settings = resolved.settings
    if not (settings.api_key or settings.base_url):
        raise CoffeechatError("no model server is configured: set OPENAI_API_KEY, or --base-url (or base_url in"
                              " config.toml) for a local server such as http://localhost:11434/v1")
    from coffeechat.engines.openai_compat import OpenAICompatEngine

    ids = [clean(i) for i in asyncio.run(OpenAICompatEngine.models_of(settings))]
    if as_json:
        print(json.dumps(ids))
        return 0
    if not ids:
        print("the server lists no models")
        return 0
    for model_id in ids:
        print(model_id + ("  (in use)" if model_id == settings.model else ""))
    if settings.model not in ids:
        print(f"the model in use, {clean(settings.model)}, is not on this list: pass --model or set model in config.toml",
              file=sys.stderr)
    return 0


def _app(resolved: Any, start_persona: str | None) -> int:
    """The TUI; without a terminal (piped, scripted) a plain summary instead."""
    from coffeechat.store.personas import load_library

    library = load_library(resolved.paths)
    if start_persona:
        library.get(start_persona)  # an unknown id is one clear line, before any screen opens
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _welcome(resolved, library)
    from coffeechat.tui.app import CoffeechatApp

    app = CoffeechatApp(resolved, start_persona=start_persona, library=library)
    app.run()
    return app.return_code or 0


def _welcome(resolved: Any, library: Any) -> int:
    from coffeechat.cli import personas as cli_personas

    print(f"coffeechat {__version__}: rehearse an informational interview before you have it.\n")
    status = cli_personas.print_persona_table(resolved.paths, library)
    settings = resolved.settings
    if settings.resolved_engine == "offline":
        print("\nEngine: offline (scripted personas; no API key or network needed)")
    else:
        from coffeechat.store.config import redact_url

        server = redact_url(settings.base_url) if settings.base_url else "api.openai.com"
        print(f"\nEngine: openai-compatible, model {settings.model} at {server}")
    print("Run coffeechat in a terminal for the app; headless: coffeechat rehearse --persona ID --script FILE")
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
