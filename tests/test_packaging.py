"""A built wheel carries the personas and prompts, and works installed anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("coffeechat-*.whl")
    return built


def test_wheel_contains_every_persona_and_prompt(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for source in ("personas", "prompts"):
        for path in (ROOT / source).iterdir():
            assert f"coffeechat/_data/{source}/{path.name}" in names
    assert "coffeechat/store/persona_template.toml" in names
    # what the offline professional understands questions with
    assert {"coffeechat/data/topic_questions.tsv", "coffeechat/data/topic_model.json"} <= names


def test_installed_wheel_lists_personas_from_another_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.check_output([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    # The wheel's dependencies come from this test environment, after the wheel's own files
    # (a .pth entry is appended to sys.path, so the installed coffeechat is found first).
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--quiet", str(wheel)],
                   check=True, capture_output=True, timeout=300)

    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = {**os.environ, "COFFEECHAT_HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    where = subprocess.run([py, "-c", "import coffeechat; print(coffeechat.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=60)
    assert where.stdout.strip().startswith(str(site)), where.stdout + where.stderr

    listing = subprocess.run([env_dir / "bin" / "coffeechat", "personas", "list"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    for persona in (ROOT / "personas").glob("*.toml"):
        assert persona.stem in listing.stdout
    assert "built-in" in listing.stdout
