"""What the benchmark measures: request latencies timed by its own client, and servers' CPU time from /proc.

Latencies come from one new connection per request, as a browser reaching gunicorn (which closes every
connection) makes them; a load tool that reuses or queues connections reports a closing server's latencies wrongly.
"""

import http.client
import os
import threading
import time
from dataclasses import dataclass, field

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
REQUEST_TIMEOUT = 30  # seconds a request may take, as long as gunicorn lets a worker take (GUNICORN_TIMEOUT)


def percentile(values, q):
    """The q-th percentile (0–100) of values, interpolated between the two nearest ranks; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    lower = int(rank)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (rank - lower)


def parse_proc_stat(text):
    """(pid, ppid, CPU ticks) from a /proc/<pid>/stat line: its own user + system time, plus that of its children
    it has already waited for (a recycled gunicorn worker's time moves into the master's cutime/cstime).

    The command name is in parentheses and may itself hold spaces or parentheses, so fields are counted from the
    last closing parenthesis.
    """
    pid = int(text.split(" (", 1)[0])
    fields = text[text.rindex(")") + 2 :].split()
    # After the name: state, ppid, …; utime, stime, cutime, cstime are fields 14–17 of the whole line.
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return pid, ppid, utime + stime + cutime + cstime


def read_proc_stats(proc="/proc"):
    """Every process's parse_proc_stat(), by pid; processes that end while being read are left out."""
    stats = {}
    for entry in os.listdir(proc):
        if not entry.isdigit():
            continue
        try:
            with open(f"{proc}/{entry}/stat") as stat:
                pid, ppid, ticks = parse_proc_stat(stat.read())
        except (OSError, ValueError, IndexError):
            continue
        stats[pid] = (ppid, ticks)
    return stats


def tree_cpu_ticks(root, stats):
    """CPU ticks of a process and all its descendants. Each finished and reaped descendant is counted once, in its
    parent's children's time; each live one in its own time."""
    children = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        if pid in stats:
            total += stats[pid][1]
        pending.extend(children.get(pid, ()))
    return total


def server_cpu_seconds(root_pid):
    """CPU seconds a server (a process we started, and every process it started) has used so far."""
    return tree_cpu_ticks(root_pid, read_proc_stats()) / CLOCK_TICKS


@dataclass
class Run:
    """Requests made against one URL: each one's latency in seconds, the errors, the wall time and server CPU."""

    latencies: list = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def requests(self):
        return len(self.latencies) + self.errors

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_request(self):
        return self.cpu_seconds * 1000 / self.requests if self.requests else None

    def ms(self, q):
        value = percentile(self.latencies, q)
        return None if value is None else value * 1000

    def add(self, other):
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        self.seconds += other.seconds
        self.cpu_seconds += other.cpu_seconds


def timed_get(port, path, headers, timeout=REQUEST_TIMEOUT):
    """One GET over a new connection, timed from connecting to the last byte: (status, seconds, body)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Connection": "close", **headers})
        response = connection.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, body
    finally:
        connection.close()


def load(server, path, connections, seconds=None, requests=None):
    """Drive one URL from `connections` concurrent clients for `seconds`, or until `requests` are made; the
    server's CPU time is read before and after. A status of 400 or more, or a failed connection, is an error."""
    run, lock = Run(), threading.Lock()
    remaining = [requests]
    deadline = time.perf_counter() + (seconds if seconds is not None else 3600)

    def client():
        while time.perf_counter() < deadline:
            with lock:
                if remaining[0] is not None:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
            try:
                status, elapsed, _ = timed_get(server.port, path, server.headers)
            except OSError:
                status, elapsed = None, 0
            with lock:
                if status is not None and status < 400:
                    run.latencies.append(elapsed)
                else:
                    run.errors += 1

    cpu_before, started = server_cpu_seconds(server.pid), time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    run.cpu_seconds = server_cpu_seconds(server.pid) - cpu_before
    return run
