"""The apps depend one way (pyproject.toml, [tool.importlinter]; docs/architecture.md)."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
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


def project_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_import_circle_between_files():
    graph = grimp.build_graph(*APPS)
    circles = [
        (module, imported)
        for module in sorted(graph.modules)
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    ]
    assert circles == []


def comment_above(lines, index):
    """Whether the block of imports holding lines[index] has a comment right above it."""
    index -= 1
    while index >= 0 and (not lines[index].strip() or lines[index].strip().startswith(("import ", "from "))):
        index -= 1
    return index >= 0 and lines[index].strip().startswith("#")


def test_a_project_import_inside_a_function_says_why():
    """Imports inside functions are how import circles hide; one there needs a comment giving its reason."""
    unexplained = []
    for path in project_modules():
        lines = path.read_text().splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""] if not node.level else ["."]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                project = any(name == "." or name.split(".")[0] in APPS for name in names)
                line = lines[node.lineno - 1]
                if project and "#" not in line and not comment_above(lines, node.lineno - 1):
                    unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}: {line.strip()}")
    assert unexplained == []
