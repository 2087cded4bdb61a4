"""The coffeechat command: fast --version/--help, the persona table, the welcome screen."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coffeechat import __version__

HEAVY_MODULES = ("textual", "openai", "pydantic", "tiktoken")


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_do_not_import_heavy_libraries(flag):
    probe = (
        "import sys\n"
        "from coffeechat.cli import main\n"
        "try:\n"
        f"    main([{flag!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print([m for m in {HEAVY_MODULES!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_version_prints_the_version(cli):
    result = cli("--version")
    assert result.code == 0 and result.out.strip() == f"coffeechat {__version__}"


def test_python_dash_m_runs_the_same_command():
    done = subprocess.run([sys.executable, "-m", "coffeechat", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"coffeechat {__version__}"


def test_personas_list_is_a_table_with_the_expected_columns(home, cli):
    result = cli("personas", "list")
    assert result.code == 0 and result.err == ""
    header, *rows = result.out.splitlines()
    assert header.split() == ["ID", "NAME", "ROLE", "EMPLOYER", "MINUTES", "TEMPERAMENT", "SOURCE"]
    nurse = next(r for r in rows if r.startswith("registered-nurse "))
    assert "Grace Adeyemi" in nurse and " 20 " in nurse and " busy " in nurse
    assert len(rows) >= 10


def test_tables_cut_long_cells_to_fit_a_narrow_terminal(capsys):
    from coffeechat.cli.tables import print_table

    print_table(["id", "role"], [["software-engineer", "Registered Nurse, Cardiac Intensive Care Unit"]], max_width=40)
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[1].startswith("software-engineer") and lines[1].endswith("…")


def test_tables_never_cut_the_columns_people_type(capsys):
    from coffeechat.cli.tables import print_table

    print_table(["id", "role"], [["nonprofit-program-manager", "Program Manager, Youth Workforce"]], max_width=40,
                keep=frozenset({0}))
    row = capsys.readouterr().out.splitlines()[1]
    assert row.startswith("nonprofit-program-manager  ") and row.endswith("…") and len(row) <= 40


def test_personas_list_json_is_machine_readable(home, cli):
    result = cli("personas", "list", "--json")
    rows = json.loads(result.out)
    consultant = next(r for r in rows if r["id"] == "management-consultant")
    assert consultant["minutes"] == 20 and consultant["temperament"] == "busy"
    assert consultant["source"] == "built-in" and consultant["path"].endswith("management-consultant.toml")


def test_options_work_after_the_subcommand_too(home, tmp_path, cli):
    other = tmp_path / "other-home"
    result = cli("config", "path", "--home", str(other))
    assert result.out.strip() == str(other / "config.toml")


def test_without_a_command_coffeechat_welcomes_with_the_personas(home, cli):
    result = cli()
    assert result.code == 0
    assert "rehearse an informational interview" in result.out
    assert "software-engineer" in result.out
    assert "offline" in result.out


def test_unknown_subcommand_is_a_usage_error(cli):
    result = cli("personas", "explode")
    assert result.code == 2
    assert "invalid choice" in result.err
