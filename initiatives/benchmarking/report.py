"""The benchmark's tables, as plain text: one line per page, a blank for what was not measured."""

import os


def number(value, spec=".1f"):
    return "–" if value is None else format(value, spec)


def ratio(value, base, spec=".2f", suffix="×"):
    return "–" if value is None or not base else format(value / base, spec) + suffix


def conditions(**details):
    """The line that says under what conditions the figures were taken: the machine's load above all."""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    parts = [f"{os.cpu_count()} cores", f"load average {load}"] + [f"{key} {value}" for key, value in details.items()]
    return "; ".join(parts)


PAGE_COLUMNS = (
    ("page", 34),
    ("req/s", 8),
    ("÷static", 8),
    ("CPU ms/req", 10),
    ("×static CPU", 11),
    ("p50 ms", 7),
    ("p95 ms", 7),
    ("p99 ms", 7),
    ("errors", 6),
)


def header(columns):
    return line(columns, [name for name, _ in columns])


def line(columns, cells):
    """One row: the first cell left-aligned, the figures right-aligned under their column names."""
    (first, *rest), widths = cells, [width for _, width in columns]
    return f"{first:{widths[0]}} " + " ".join(f"{cell:>{width}}" for cell, width in zip(rest, widths[1:], strict=True))


def page_table(results):
    """results: (name, Run) pairs, the static file first: throughput and CPU per request against it."""
    static = results[0][1]
    lines = [header(PAGE_COLUMNS)]
    for name, run in results:
        cells = [
            f"{run.rps:.1f}",
            ratio(run.rps, static.rps, ".1%", ""),
            number(run.cpu_ms_per_request, ".2f"),
            ratio(run.cpu_ms_per_request, static.cpu_ms_per_request, ".1f"),
            number(run.ms(50)),
            number(run.ms(95)),
            number(run.ms(99)),
            str(run.errors),
        ]
        lines.append(line(PAGE_COLUMNS, [name, *cells]))
    return lines


COMPARISON_COLUMNS = (
    ("page", 20),
    ("portal CPU ms/req", 17),
    ("datasette CPU ms/req", 20),
    ("portal÷datasette", 16),
    ("portal req/s", 12),
    ("datasette req/s", 15),
    ("portal p95", 10),
    ("datasette p95", 13),
)


def comparison_table(rows):
    """rows: (what, portal Run, Datasette Run). The ratio is of CPU time per request: below 1, the portal is cheaper."""
    lines = [header(COMPARISON_COLUMNS)]
    for what, portal, datasette in rows:
        cells = [
            number(portal.cpu_ms_per_request, ".2f"),
            number(datasette.cpu_ms_per_request, ".2f"),
            ratio(portal.cpu_ms_per_request, datasette.cpu_ms_per_request),
            f"{portal.rps:.1f}",
            f"{datasette.rps:.1f}",
            number(portal.ms(95)),
            number(datasette.ms(95)),
        ]
        lines.append(line(COMPARISON_COLUMNS, [what, *cells]))
    return lines


BOUND_COLUMNS = (
    ("page", 34),
    ("requests", 8),
    ("CPU ms/req", 10),
    ("p50 ms", 8),
    ("p95 ms", 8),
    ("bound ms", 8),
    ("p95 within", 10),
)


def bounds_table(rows):
    """rows: (Page, Run) of single uncached requests; each bounded page says whether its p95 is under its bound."""
    lines = [header(BOUND_COLUMNS)]
    for page, run in rows:
        p95 = run.ms(95)
        if page.bound_ms is None or not run.requests:
            verdict = "–"
        else:  # a request that failed or gave no answer in time is over the bound, whatever the others took
            verdict = "yes" if not run.errors and p95 < page.bound_ms else "NO"
        cells = [
            str(run.requests),
            number(run.cpu_ms_per_request),
            number(run.ms(50)),
            number(p95),
            number(page.bound_ms, ".0f"),
            verdict,
        ]
        if run.errors:
            cells[-1] += f" ({run.errors} errors)"
        lines.append(line(BOUND_COLUMNS, [page.name, *cells]))
    return lines
