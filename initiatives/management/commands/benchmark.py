"""Measure the portal's pages under its production server with a public load tool (wrk).

Run by hand (docs/performance.md), never in the test suite: the figures depend on the machine.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGES = [
    ("home", "/"),
    ("city", "/cities/chaoyang/"),
    ("city directory", "/cities/"),
    ("initiatives, 2 facets + keyword", "/initiatives/?province=beijing&category=finance&q=%E4%BF%A1%E7%94%A8"),
    ("compare 4 cities", "/compare/?cities=chaoyang,haidian,hengshui,shenyang"),
    ("metric ranking", "/metrics/loans-disbursed-cumulative/"),
    ("search 2 characters", "/search/?q=%E4%BF%A1%E7%94%A8"),
    ("API initiatives", "/api/initiatives/"),
]

# wrk reports its own summary; this prints the percentiles and error counts as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors))
end
"""


PROXY_HEADER = ("X-Forwarded-Proto", "https")


def fetch(url):
    request = urllib.request.Request(url, headers=dict([PROXY_HEADER]))
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read().decode()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_rss_kib(master_pid):
    """Resident memory of each gunicorn worker (children of the master), in KiB."""
    sizes = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            sizes.append(int(fields.get("VmRSS", "0 kB").split()[0]))
    return sizes


class Command(BaseCommand):
    help = "Benchmark the portal's pages under gunicorn with wrk and print throughput, latency and ratios."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument(
            "--warmup", type=int, default=2, help="seconds of load per URL before measuring, not counted (0: none)"
        )
        parser.add_argument("--workers", type=int, help="gunicorn workers (default: as `make serve`)")
        parser.add_argument("--json", dest="json_path", help="also write the results to this file")

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is missing: apt-get install wrk (Debian's package).")
        first_renders = self.first_renders()
        port = free_port()
        server = self.start_server(port, options["workers"])
        try:
            base = f"http://127.0.0.1:{port}"
            static_url = self.static_url(base)
            results = []
            for name, path in [("static file", static_url)] + PAGES:
                if options["warmup"]:
                    self.run_wrk(base + path, {**options, "duration": options["warmup"]})
                before = worker_rss_kib(server.pid)
                result = self.run_wrk(base + path, options)
                queries, first_ms = first_renders.get(path, (None, None))
                result.update(name=name, path=path, queries=queries, first_ms=first_ms, rss_before=before)
                result["rss_after"] = worker_rss_kib(server.pid)
                results.append(result)
                self.stdout.write(f"  measured {name}", ending="\n")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        self.report(results, options)

    def first_renders(self):
        """Per page, its SQL queries and how long it takes to render with nothing cached (the first reader after
        a change of the data), measured in-process on the same database the server uses."""
        client = Client(headers=dict([PROXY_HEADER]))
        renders = {}
        for _, path in PAGES:
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            elapsed_ms = (time.perf_counter() - started) * 1000
            renders[path] = (
                (len(queries), elapsed_ms) if response.status_code < 400 else (f"HTTP {response.status_code}", None)
            )
        return renders

    def start_server(self, port, workers):
        env = dict(os.environ)
        env.setdefault("DJANGO_SECRET_KEY", "benchmark-" + "x" * 40)
        # Production settings behind a TLS-terminating proxy: requests carry X-Forwarded-Proto: https.
        env.update(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_SECURE_PROXY_SSL_HEADER="1")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            check=True,
            env=env,
            cwd=settings.BASE_DIR,
        )
        gunicorn = settings.BASE_DIR / ".venv" / "bin" / "gunicorn"
        env.update(HOST="127.0.0.1", PORT=str(port), GUNICORN_LOG_LEVEL="warning")
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        # The production server exactly as `make serve` runs it (credit_portal/gunicorn.conf.py).
        command = [str(gunicorn) if gunicorn.exists() else "gunicorn", "--config", "credit_portal/gunicorn.conf.py"]
        server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL)
        for _ in range(100):
            try:
                fetch(f"http://127.0.0.1:{port}/")
                return server
            except OSError:
                time.sleep(0.2)
        server.kill()
        raise CommandError("The server did not answer within 20 seconds.")

    def static_url(self, base):
        html = fetch(base + "/")
        match = re.search(r'href="(/static/[^"]+\.css)"', html)
        if not match:
            raise CommandError("Could not find a stylesheet on the home page to serve as the static baseline.")
        return match.group(1)

    def run_wrk(self, url, options):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        try:
            output = subprocess.run(
                [
                    "wrk",
                    f"-t{options['threads']}",
                    f"-c{options['connections']}",
                    f"-d{options['duration']}s",
                    "-H",
                    f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
                    "--timeout",
                    "10s",
                    "-s",
                    script.name,
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        finally:
            os.unlink(script.name)
        line = next(line for line in output.splitlines() if line.startswith("{"))
        result = json.loads(line)
        result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
        return result

    def report(self, results, options):
        static_rps = results[0]["rps"] or 1.0
        self.stdout.write(
            f"\n{options['connections']} connections, {options['duration']} s per URL after {options['warmup']} s "
            f"of warm-up, "
            f"{os.cpu_count()} cores, database {connection.vendor}\n"
        )
        header = f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6} "
        header += f"{'÷static':>8} {'queries':>7} {'first ms':>8} {'worker RSS MiB before→after':>28}"
        self.stdout.write(header)
        for r in results:
            rss = f"{sum(r['rss_before']) / 1024:.0f}→{sum(r['rss_after']) / 1024:.0f}"
            queries = "-" if r["queries"] is None else str(r["queries"])
            first = "-" if r["first_ms"] is None else f"{r['first_ms']:.0f}"
            self.stdout.write(
                f"{r['name']:34} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} {r['errors']:6d} "
                f"{r['rps'] / static_rps:8.1%} {queries:>7} {first:>8} {rss:>28}"
            )
        if options["json_path"]:
            with open(options["json_path"], "w") as out:
                json.dump(results, out, indent=2)
