"""The commands in the README and docs/ work as written.

Every fenced block whose info string is `sh tested` runs, in the order it is written, in a copy of the project
(a git repository, migrated and loaded as `make run` leaves it), with bash `-e`: a failing command fails the test.
Words after `tested` name what a block needs: `postgres` runs it when the suite itself runs on PostgreSQL (with
its database names made unique to this run), `gettext` when GNU gettext is installed. After a page's blocks,
`git status` must be clean: .gitignore covers what they write."""

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```sh tested([ a-z]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
POSTGRES_DATABASES = ["portal_restored"]


def runnable_blocks(page):
    """[(what the block needs, its commands)] in the page's order."""
    return [(set(needs.split()), body) for needs, body in BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))]


def run(command, cwd, env, timeout=600):
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the tracked files (as they are now) with .venv pointing at this run's environment."""
    copy = tmp_path_factory.mktemp("recipes") / "portal"
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(sys.prefix)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PG")) and key not in ("REDIS_URL", "PYTEST_ADDOPTS")
    }
    env.update(
        PYTHONUNBUFFERED="1",
        GIT_AUTHOR_NAME="portal",
        GIT_AUTHOR_EMAIL="portal@example.org",
        GIT_COMMITTER_NAME="portal",
        GIT_COMMITTER_EMAIL="portal@example.org",
    )
    setup = run(
        "git init -q && echo .venv >> .git/info/exclude && git add -A && git commit -qm copy && make setup VENV=.venv",
        copy,
        env,
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    return copy, env


@pytest.mark.parametrize("page", [page for page in PAGES if runnable_blocks(page)])
def test_the_pages_commands_work_as_written(page, project):
    copy, env = project
    on_postgres = connection.vendor == "postgresql"
    renamed = {name: f"{name}_{uuid.uuid4().hex[:8]}" for name in POSTGRES_DATABASES}
    try:
        for needs, body in runnable_blocks(page):
            if ("postgres" in needs and not on_postgres) or ("gettext" in needs and not shutil.which("xgettext")):
                continue
            if "postgres" in needs:
                for name, unique in renamed.items():
                    body = body.replace(name, unique)
            result = run(body, copy, env)
            assert result.returncode == 0, f"{page}:\n{body}\n{result.stdout}\n{result.stderr}"
        status = run("git status --porcelain --untracked-files=all", copy, env).stdout
        assert status == "", f"{page}'s commands leave files that .gitignore does not cover:\n{status}"
    finally:
        if on_postgres:
            for unique in renamed.values():
                run(f"dropdb --if-exists -h 127.0.0.1 -U postgres {unique}", copy, env)
