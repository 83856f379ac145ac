"""A newcomer's first commands print what Django prints and nothing more: no banners, no warnings to ignore."""

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core import checks
from django.db import connection
from django.test import override_settings

from tests.production import manage

CJK = re.compile(r"[\u3400-\u9fff]")


def development_env(tmp_path):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    return environment


def test_migrating_a_fresh_sqlite_database_prints_no_banner_or_warning(tmp_path):
    result = manage("migrate", "--noinput", env=development_env(tmp_path))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Applying initiatives." in output
    assert "AXES" not in output and "WARNING" not in output.upper() and "W040" not in output


@pytest.mark.django_db
def test_the_covering_index_warning_is_silenced_exactly_where_it_applies():
    silenced = "models.W040" in settings.SILENCED_SYSTEM_CHECKS
    with override_settings(SILENCED_SYSTEM_CHECKS=[]):
        raised = {message.id for message in checks.run_checks(databases=["default"])}
    if connection.vendor == "sqlite":
        assert "models.W040" in raised and silenced  # SQLite drops the INCLUDE columns, and only says so
    else:
        assert "models.W040" not in raised and not silenced


def answer_prompts(command, env, answers, timeout=60):
    """Run a command in a terminal, typing each answer when it waits; return what the terminal showed."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(settings.BASE_DIR)
        os.execve(command[0], command, env)
    shown, answers, deadline = b"", list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 2)
        if not ready:
            if not answers:
                break
            os.write(fd, answers.pop(0))
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return shown.decode(errors="replace")


def test_createsuperuser_asks_in_one_language(tmp_path):
    env = development_env(tmp_path)
    assert manage("migrate", "--noinput", "-v0", env=env).returncode == 0
    shown = answer_prompts(
        [sys.executable, "manage.py", "createsuperuser"], env, [b"ada\n", b"ada@example.org\n", b"x\n", b"x\n", b"n\n"]
    )
    assert "Username" in shown and "Email address" in shown and "Bypass password validation" in shown
    assert not CJK.search(shown), shown


def test_commands_print_no_axes_banner(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=development_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""
