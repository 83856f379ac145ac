"""Measure the portal's pages under its production server (docs/performance.md).

Run by hand, never in the test suite: the figures depend on the machine. Latencies are timed by the benchmark's
own client, one new connection per request; CPU time per request is read from the servers' own accounting.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from initiatives.benchmarking import pages, report, servers
from initiatives.benchmarking.measure import REQUEST_TIMEOUT, Run, load, timed_get
from initiatives.models import Initiative, Metric


class Command(BaseCommand):
    help = (
        "Benchmark the portal's pages under gunicorn: throughput, server CPU per request and latencies; "
        "--no-cache, --datasette (side by side with Datasette) and --large (p95 of single uncached requests "
        "against the large-data bounds)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=float, default=10, help="seconds of load per URL")
        parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
        parser.add_argument("--warmup", type=float, default=2, help="seconds of load per URL first, not counted")
        parser.add_argument("--workers", type=int, help="gunicorn workers (default: as `make serve`)")
        parser.add_argument("--no-cache", action="store_true", help="the server under test runs PAGE_CACHE_SECONDS=0")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--datasette", action="store_true", help="compare with Datasette on the same SQLite file, interleaved"
        )
        mode.add_argument("--large", action="store_true", help="p50/p95 of single uncached requests against bounds")
        parser.add_argument("--rounds", type=int, default=3, help="--datasette: interleaved rounds per page")
        parser.add_argument("--samples", type=int, default=20, help="--large: requests per page")
        parser.add_argument("--json", dest="json_path", help="also write the figures to this file")

    def handle(self, *args, **options):
        try:
            facts = pages.database_facts()
        except LookupError as error:
            raise CommandError(str(error)) from error
        if options["large"]:
            figures = self.large_data(facts, options)
        elif options["datasette"]:
            figures = self.datasette(facts, options)
        else:
            figures = self.pages(facts, options)
        if options["json_path"] and figures is not None:
            Path(options["json_path"]).write_text(json.dumps(figures, indent=2, ensure_ascii=False))

    def conditions(self, options, **details):
        cache = "off (PAGE_CACHE_SECONDS=0)" if options["no_cache"] or options["large"] else "on"
        self.stdout.write("\n" + report.conditions(database=connection.vendor, **{"page cache": cache}, **details))

    def pages(self, facts, options):
        server = servers.start_portal(page_cache=not options["no_cache"], workers=options["workers"])
        try:
            measured = [("static file", self.static_path(server))] + [
                (p.name, p.path) for p in pages.portal_pages(facts)
            ]
            results = []
            for name, path in measured:
                if options["warmup"]:
                    load(server, path, options["connections"], seconds=options["warmup"])
                results.append((name, load(server, path, options["connections"], seconds=options["duration"])))
                self.stdout.write(f"  measured {name}")
        finally:
            server.stop()
        self.conditions(options, connections=options["connections"], **{"seconds per URL": options["duration"]})
        self.stdout.write("\n".join(report.page_table(results)))
        return [dict(page=name, **summary(run)) for name, run in results]

    def datasette(self, facts, options):
        executable = servers.datasette_command()
        if executable is None:
            self.stdout.write("Datasette is not installed (pip install -r requirements-dev.txt): comparison skipped.")
            return None
        if connection.vendor != "sqlite":
            raise CommandError("--datasette compares on the portal's SQLite file: run it without DATABASE_URL.")
        sqlite_path = Path(settings.DATABASES["default"]["NAME"])
        pairs = pages.datasette_pairs(facts, sqlite_path.stem)
        portal = servers.start_portal(page_cache=not options["no_cache"], workers=options["workers"])
        try:
            datasette = servers.start_datasette(executable, sqlite_path)
            try:
                totals = self.interleave(pairs, portal, datasette, options)
            finally:
                datasette.stop()
        finally:
            portal.stop()
        self.conditions(options, connections=options["connections"], rounds=options["rounds"])
        self.stdout.write("\n".join(report.comparison_table(totals)))
        return [dict(page=what, portal=summary(a), datasette=summary(b)) for what, a, b in totals]

    def interleave(self, pairs, portal, datasette, options):
        """Each round runs every page on both servers in turn, so a change in the machine's load falls on both."""
        slice_seconds = options["duration"] / max(options["rounds"], 1)
        totals = [(what, Run(), Run()) for what, _, _ in pairs]
        for _, portal_page, datasette_page in pairs:
            for server, page in ((portal, portal_page), (datasette, datasette_page)):
                self.check_answers(server, page.path)
                if options["warmup"]:
                    load(server, page.path, options["connections"], seconds=options["warmup"])
        for round_number in range(options["rounds"]):
            for (_, portal_page, datasette_page), (_, portal_run, datasette_run) in zip(pairs, totals, strict=True):
                portal_run.add(load(portal, portal_page.path, options["connections"], seconds=slice_seconds))
                datasette_run.add(load(datasette, datasette_page.path, options["connections"], seconds=slice_seconds))
            self.stdout.write(f"  round {round_number + 1} of {options['rounds']} done")
        return totals

    def large_data(self, facts, options):
        server = servers.start_portal(page_cache=False, workers=options["workers"])
        try:
            rows = []
            for page in pages.large_data_pages(facts):
                # A first request, not counted, checks the page answers. A page that gives no answer within a
                # request's timeout is judged on that one (over its bound) rather than requested again. A page that
                # answers within --warmup seconds then gets that long of concurrent load, not counted either, which
                # reaches every worker: each one's first request for a page loads what it loads once (280 ms more
                # for a city's page).
                first = self.seconds_to_answer(server, page.path)
                if first is not None:
                    if first < options["warmup"]:
                        load(server, page.path, options["connections"], seconds=options["warmup"])
                    rows.append((page, load(server, page.path, 1, requests=options["samples"])))
                    self.stdout.write(f"  measured {page.name}")
                else:
                    rows.append((page, Run(errors=1)))
                    self.stdout.write(f"  {page.name}: no answer within {REQUEST_TIMEOUT} s")
        finally:
            server.stop()
        self.conditions(
            options,
            initiatives=f"{Initiative.objects.count():,}",
            figures=f"{Metric.objects.count():,}",
            **{"requests per page": options["samples"]},
        )
        self.stdout.write("\n".join(report.bounds_table(rows)))
        return [dict(page=page.name, bound_ms=page.bound_ms, **summary(run)) for page, run in rows]

    def seconds_to_answer(self, server, path):
        """How long the page took to answer, None when it did not in time (gunicorn ends a worker that takes
        longer: a reset connection)."""
        try:
            return self.check_answers(server, path)
        except OSError:
            return None

    def check_answers(self, server, path):
        status, seconds, _ = timed_get(server.port, path, server.headers)
        if status >= 400:
            raise CommandError(f"{server.name} answered {path} with HTTP {status}.")
        return seconds

    def static_path(self, server):
        status, _, body = timed_get(server.port, "/", server.headers)
        match = re.search(r'href="(/static/[^"]+\.css)"', body.decode())
        if status != 200 or not match:
            raise CommandError("Could not find a stylesheet on the home page to serve as the static baseline.")
        return match.group(1)


def summary(run):
    return dict(
        requests=run.requests,
        errors=run.errors,
        seconds=round(run.seconds, 3),
        rps=round(run.rps, 1),
        cpu_ms_per_request=run.cpu_ms_per_request,
        p50_ms=run.ms(50),
        p95_ms=run.ms(95),
        p99_ms=run.ms(99),
    )
