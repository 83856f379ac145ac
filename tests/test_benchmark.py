"""`manage.py benchmark`'s own arithmetic and page lists. Its figures are never asserted: they depend on the machine
(tests/test_benchmark_command.py runs it briefly against a real server and checks only what it prints)."""

import os

import pytest
from django.test import Client

from initiatives.benchmarking import pages, report
from initiatives.benchmarking.measure import Run, parse_proc_stat, percentile, read_proc_stats, tree_cpu_ticks

# A gunicorn worker's line as Linux writes it: the name holds spaces and parentheses of its own.
WORKER_STAT = (
    "4242 (gunicorn: worker (a) b) S 4200 4200 4200 0 -1 4194624 9000 0 0 0 "
    "1234 567 89 10 20 0 5 0 123456 300000000 20000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0"
)
FACTS = pages.Facts(
    cities=("chaoyang", "haidian", "hengshui", "shenyang"),
    province="beijing",
    category="finance",
    category_id=7,
    measure="loans-disbursed-cumulative",
    initiative_id=42,
)


def test_percentiles_interpolate_between_ranks_whatever_the_order():
    values = [4, 1, 3, 2]
    assert percentile(values, 50) == 2.5
    assert percentile(values, 0) == 1 and percentile(values, 100) == 4
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert percentile([7], 95) == 7
    assert percentile([], 50) is None


def test_proc_stat_gives_own_and_reaped_childrens_cpu_time():
    pid, ppid, ticks = parse_proc_stat(WORKER_STAT)
    assert (pid, ppid) == (4242, 4200)
    assert ticks == 1234 + 567 + 89 + 10  # utime + stime + cutime + cstime


def test_a_server_tree_counts_every_descendant_once_and_nothing_else():
    stats = {
        100: (1, 50),  # the master, whose reaped workers' time is in its own children's time
        101: (100, 700),
        102: (100, 300),
        103: (102, 5),  # a worker's own child
        200: (1, 9999),  # another program
    }
    assert tree_cpu_ticks(100, stats) == 1055
    assert tree_cpu_ticks(102, stats) == 305
    assert tree_cpu_ticks(999, stats) == 0


def test_proc_stats_are_read_for_live_processes(tmp_path):
    (tmp_path / "4242").mkdir()
    (tmp_path / "4242" / "stat").write_text(WORKER_STAT)
    (tmp_path / "self").mkdir()  # not a process number
    (tmp_path / "4243").mkdir()  # ended while being read: no stat file
    assert read_proc_stats(tmp_path) == {4242: (4200, 1900)}
    if os.path.isdir("/proc/self"):
        assert read_proc_stats()[os.getpid()][0] == os.getppid()


def test_a_run_divides_server_cpu_by_every_request_served():
    run = Run(latencies=[0.010, 0.020, 0.030], errors=1, seconds=2.0, cpu_seconds=0.1)
    assert run.requests == 4 and run.rps == 2.0
    assert run.cpu_ms_per_request == pytest.approx(25.0)
    assert run.ms(50) == pytest.approx(20.0)
    run.add(Run(latencies=[0.040], seconds=1.0, cpu_seconds=0.05))
    assert (run.requests, run.seconds, run.cpu_seconds) == (5, 3.0, pytest.approx(0.15))
    assert Run().cpu_ms_per_request is None and Run().ms(95) is None


def test_the_page_table_compares_each_page_with_the_static_file():
    static = Run(latencies=[0.001] * 100, seconds=1.0, cpu_seconds=0.1)
    page = Run(latencies=[0.01] * 25, seconds=1.0, cpu_seconds=0.1)
    header, static_line, page_line = report.page_table([("static file", static), ("home", page)])
    assert header.split()[:3] == ["page", "req/s", "÷static"] and "CPU ms/req" in header
    assert page_line.split()[1:5] == ["25.0", "25.0%", "4.00", "4.0×"]
    assert static_line.split()[3:6] == ["100.0%", "1.00", "1.0×"]  # "static file": two words


def test_the_comparison_ratio_is_portal_cpu_over_datasette_cpu():
    portal = Run(latencies=[0.01] * 10, seconds=1.0, cpu_seconds=0.1)
    datasette = Run(latencies=[0.01] * 10, seconds=1.0, cpu_seconds=0.2)
    _, line = report.comparison_table([("row page", portal, datasette)])
    assert line.split()[2:6] == ["10.00", "20.00", "0.50×", "10.0"]


def test_bounds_are_judged_on_p95_and_unbounded_pages_get_no_verdict():
    slow = Run(latencies=[0.05] * 15 + [0.5] * 5)
    fast = Run(latencies=[0.05] * 20)
    lines = report.bounds_table(
        [
            (pages.Page("city", "/", 100), slow),
            (pages.Page("coverage", "/", 100), fast),
            (pages.Page("home", "/"), fast),
        ]
    )
    assert lines[1].split()[-1] == "NO" and lines[2].split()[-1] == "yes" and lines[3].split()[-1] == "–"


def test_a_page_that_failed_or_gave_no_answer_in_time_is_over_its_bound():
    timed_out = Run(errors=1)  # its first request gave no answer: not requested again
    one_failed = Run(latencies=[0.05] * 19, errors=1)
    lines = report.bounds_table(
        [(pages.Page("initiatives", "/", 250), timed_out), (pages.Page("city", "/", 100), one_failed)]
    )
    timed_out_cells = lines[1].split()
    assert timed_out_cells[1] == "1" and timed_out_cells[3:5] == ["–", "–"]
    assert timed_out_cells[-3:] == ["NO", "(1", "errors)"]
    assert lines[2].split()[-3] == "NO"


def test_the_large_data_pages_carry_the_issues_bounds():
    bounds = {page.name: page.bound_ms for page in pages.large_data_pages(FACTS)}
    for name in ("city", "compare 4 cities", "metric ranking", "coverage"):
        assert bounds[name] == 100
    for name in ("initiatives, faceted", "initiatives, faceted + keyword", "measures overview"):
        assert bounds[name] == 250
    searches = [page for page in pages.large_data_pages(FACTS) if page.name.startswith("search")]
    assert [len(page.path.split("q=")[1].encode().split(b"%")) - 1 for page in searches] == [3, 6, 12]  # UTF-8 bytes
    assert {page.bound_ms for page in searches} == {250}


def test_datasette_pairs_name_the_same_rows_on_both_sides():
    pairs = {what: (portal, other) for what, portal, other in pages.datasette_pairs(FACTS, "portal")}
    assert set(pairs) == {"facet page", "filtered facet page", "row page", "CSV"}
    assert pairs["row page"][0].path == "/initiatives/42/"
    assert pairs["row page"][1].path == "/portal/initiatives_initiative/42"
    assert "category=finance" in pairs["filtered facet page"][0].path
    assert "category_id=7" in pairs["filtered facet page"][1].path
    assert pairs["CSV"][1].path.startswith("/portal/initiatives_initiative.csv")


@pytest.mark.django_db
def test_every_benchmarked_portal_url_answers_on_the_reports_data(report_data):
    facts = pages.database_facts()
    assert facts.cities[0] == "chaoyang" and facts.measure == "loans-disbursed-cumulative"
    client = Client()
    urls = {page.path for page in pages.portal_pages(facts) + pages.large_data_pages(facts)}
    urls |= {portal.path for _, portal, _ in pages.datasette_pairs(facts, "portal")}
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url
