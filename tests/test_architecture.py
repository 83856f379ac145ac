"""The apps depend one way (pyproject.toml, [tool.importlinter]; docs/architecture.md)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "cities", "initiatives", "compare", "search", "votes", "api", "intake", "editing", "credit_portal")


def lint_imports(root):
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--no-logo"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root)})


@pytest.fixture
def project_copy(tmp_path):
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_apps_keep_the_one_direction(project_copy):
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("core/upward.py", "cities.models"),
        ("cities/upward.py", "initiatives.models"),
        ("initiatives/upward.py", "votes"),
    ],
)
def test_a_lower_app_importing_a_higher_one_fails_the_lint(project_copy, module, imported):
    (project_copy / module).write_text(f"import {imported}\n")
    result = lint_imports(project_copy)
    assert result.returncode != 0
    lower = module.split("/")[0]
    assert f"{lower}.upward -> {imported}" in result.stdout
