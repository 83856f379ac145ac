"""Without the report's text the tests that read it skip with one line naming SOURCE_REPORT_PATH; CI fails instead."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKED_TEST = "tests/test_fidelity_places_and_report.py::test_report_row"


def run_pytest(tmp_path, **env):
    environment = {key: value for key, value in os.environ.items() if key != "REQUIRE_SOURCE_REPORT"}
    # SQLite in a folder of its own: the outer run's PostgreSQL test database must not be touched.
    environment.update(DATABASE_URL=f"sqlite:///{tmp_path / 'guard.sqlite3'}", **env)
    environment.pop("DATABASE_REPLICA_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", MARKED_TEST, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_missing_report_skips_with_one_line_naming_the_variable(tmp_path):
    result = run_pytest(tmp_path, SOURCE_REPORT_PATH=str(tmp_path / "missing.txt"))

    assert result.returncode == 0, result.stdout + result.stderr
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, result.stdout
    assert "SOURCE_REPORT_PATH" in skipped[0] and str(tmp_path / "missing.txt") in skipped[0]
    assert "1 skipped" in result.stdout


def test_missing_report_fails_when_required(tmp_path):
    result = run_pytest(tmp_path, SOURCE_REPORT_PATH=str(tmp_path / "missing.txt"), REQUIRE_SOURCE_REPORT="1")

    assert result.returncode != 0
    assert "REQUIRE_SOURCE_REPORT=1" in result.stdout and "SOURCE_REPORT_PATH" in result.stdout
    assert "skipped" not in result.stdout
