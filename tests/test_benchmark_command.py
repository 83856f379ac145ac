"""`manage.py benchmark` run briefly against a real server on a free port: it prints its columns and its
conditions. The figures themselves are never asserted (they depend on the machine and its load)."""

import contextlib

import pytest
from django.conf import settings

from tests.production import manage, own_postgresql_database, production_env

BRIEF = ["--duration", "0.3", "--warmup", "0", "--connections", "1", "--workers", "1"]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory, django_db_blocker):
    """A database of its own with the report's data, on the engine this run tests (SQLite or PostgreSQL)."""
    with contextlib.ExitStack() as stack:
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            stack.enter_context(django_db_blocker.unblock())
            url = stack.enter_context(own_postgresql_database())
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('benchmark') / 'portal.sqlite3'}"
        env = production_env(DATABASE_URL=url)
        for command in (["migrate", "--noinput"], ["load_report"]):
            result = manage(*command, env=env)
            assert result.returncode == 0, result.stderr
        yield url


def benchmark(database_url, *args):
    result = manage("benchmark", *BRIEF, *args, env=production_env(DATABASE_URL=database_url), timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def table(output, first_column):
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_column))
    return lines[start - 1], lines[start], lines[start + 1 :]


def test_pages_print_throughput_cpu_per_request_and_own_latencies(database_url):
    conditions, header, rows = table(benchmark(database_url), "page ")
    assert "cores; load average" in conditions and "page cache on" in conditions
    assert header.split() == "page req/s ÷static CPU ms/req ×static CPU p50 ms p95 ms p99 ms errors".split()
    names = [row[:34].strip() for row in rows]
    assert names[:3] == ["static file", "home", "city"] and "initiatives CSV" in names
    for row in rows:
        assert row.split()[-1] == "0", row  # no errors: every page answered


def test_no_cache_mode_says_the_page_cache_is_off(database_url):
    conditions, _, rows = table(benchmark(database_url, "--no-cache"), "page ")
    assert "page cache off (PAGE_CACHE_SECONDS=0)" in conditions
    assert all(row.split()[-1] == "0" for row in rows)


def test_large_data_mode_judges_each_bounded_page(database_url):
    conditions, header, rows = table(benchmark(database_url, "--large", "--samples", "2"), "page ")
    assert "initiatives 94" in conditions and "requests per page 2" in conditions
    assert header.split() == "page requests CPU ms/req p50 ms p95 ms bound ms p95 within".split()
    verdicts = {row[:34].strip(): row.split()[-1] for row in rows}
    assert {verdicts[name] for name in ("city", "coverage", "search 1 character")} <= {"yes", "NO"}
    assert verdicts["home"] == "–"


def test_datasette_mode_compares_the_same_pages_or_says_it_is_missing(database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("Datasette reads SQLite files only")
    output = benchmark(database_url, "--datasette", "--rounds", "1")
    if "Datasette is not installed" in output:
        return
    _, header, rows = table(output, "page ")
    assert header.split()[:4] == ["page", "portal", "CPU", "ms/req"]
    assert [row[:20].strip() for row in rows] == ["facet page", "filtered facet page", "row page", "CSV"]
    assert all(row.split()[-5].endswith("×") for row in rows)
