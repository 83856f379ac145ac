"""`make` explains what it needs before it creates anything."""

import subprocess

from django.conf import settings


def test_an_older_python_stops_make_with_a_message(tmp_path):
    old_python = tmp_path / "python3.10"
    old_python.write_text(
        '#!/bin/sh\ncase "$1" in -V) echo "Python 3.10.12";; -c) exit 1;; *) echo "venv made" >&2;; esac\n'
    )
    old_python.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "install", f"PYTHON={old_python}", f"VENV={venv}"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "needs Python 3.11 or newer" in result.stderr and "Python 3.10.12" in result.stderr
    assert "venv made" not in result.stderr and not venv.exists()
