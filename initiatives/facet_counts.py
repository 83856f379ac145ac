"""Every facet's counts of the initiatives page, and the number of results, in one statement over the facet rows.

Each facet counts the results of every chosen filter but its own. The statement reads the rows the keyword (and
only it) selects, once; each facet's count is an aggregate filtered by the other facets' conditions, and the rows
are grouped by city, category, set of measures, set of years and whether they have figures (GROUPING SETS on
PostgreSQL; on SQLite, which has none, one SELECT per grouping in a UNION ALL). The sets of measures and of years
are few distinct values (a row's ",3,17,"): their groups are split into single measures and years here.

At 300,000 initiatives on PostgreSQL, with a keyword in every one of them, the facets read 2-4 s each from the
initiatives and their figures; this statement reads the facet rows once (docs/performance.md).
"""

from django.db import connection

from initiatives.facet_copy import TABLE

GROUPINGS = ("city_id", "category_id", "kinds", "years", "has_figures")
# What each grouping counts: the facets whose filter its aggregate leaves out (None: the number of results).
COUNTED = {"city_id": ("city", "province"), "category_id": ("category",), "kinds": ("kind",), "years": ("year",)}
COUNTED |= {"has_figures": ("has_figures",), None: (None,)}
FACET_FILTERS = ("province", "city", "category", "kind", "year", "has_figures")


def keyword_condition(needle):
    """The facet rows whose search text contains the normalised keyword; ("", []) for none."""
    if not needle:
        return "", []
    if connection.vendor == "postgresql" and len(needle) <= 2:
        # The pairs (or characters) index answers exactly: no row's text is read.
        column = "search_characters" if len(needle) == 1 else "search_pairs"
        return f"f.{column} @> ARRAY[%s]::text[]", [needle]
    return f"f.search_text {connection.operators['contains'] % '%s'}", [
        f"%{connection.ops.prep_for_like_query(needle)}%"
    ]


def in_list(column, values):
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def set_contains_any(column, values):
    """The rows whose set (",3,17,") has any of these values."""
    conditions = " OR ".join([f"{column} LIKE %s"] * len(values))
    return f"({conditions})", [f"%,{value},%" for value in values]


def facet_conditions(chosen):
    """{facet: (sql, params)} for the chosen facets: cities and provinces by slug, the rest by id or value."""
    conditions = {}
    if "province" in chosen:
        sql, params = in_list("province_id", chosen["province"])
        conditions["province"] = (f"f.city_id IN (SELECT id FROM cities_city WHERE {sql})", params)
    if "city" in chosen:
        sql, params = in_list("slug", chosen["city"])
        conditions["city"] = (f"f.city_id IN (SELECT id FROM cities_city WHERE {sql})", params)
    if "category" in chosen:
        conditions["category"] = in_list("f.category_id", chosen["category"])
    if "kind" in chosen:
        conditions["kind"] = set_contains_any("f.kinds", chosen["kind"])
    if "year" in chosen:
        conditions["year"] = set_contains_any("f.years", [chosen["year"]])
    if "has_figures" in chosen:
        conditions["has_figures"] = ("f.has_figures = %s", [bool(chosen["has_figures"])])
    return conditions


def all_but(conditions, left_out):
    parts = [conditions[name] for name in FACET_FILTERS if name in conditions and name != left_out]
    return " AND ".join(sql for sql, _params in parts), [param for _sql, params in parts for param in params]


def grouping_code(column):
    """What PostgreSQL's GROUPING() of every grouping column gives for the rows grouped by `column` alone: a bit
    set for each column not grouped by, the first column's the highest."""
    return sum(1 << (len(GROUPINGS) - 1 - i) for i, other in enumerate(GROUPINGS) if other != column)


def counted_rows(needle, chosen):
    """[(grouping, key, {facet: n})]: the statement's rows; `chosen` as facet_conditions takes it."""
    conditions = facet_conditions(chosen)
    aggregates, params, by_condition, column_of = [], [], {}, {}  # one aggregate per distinct condition
    for facets in COUNTED.values():
        for facet in facets:
            sql, condition_params = all_but(conditions, facet)
            key = (sql, tuple(condition_params))
            if key not in by_condition:
                by_condition[key] = len(aggregates)
                aggregates.append(f"COUNT(*) FILTER (WHERE {sql})" if sql else "COUNT(*)")
                params += condition_params
            column_of[facet] = by_condition[key]
    where, where_params = keyword_condition(needle)
    where_parts, where_params = ([where], where_params) if where else ([], [])
    if len(conditions) > 1:  # a row counts for some facet when at most one of the chosen filters leaves it out
        failing = " + ".join(f"(CASE WHEN {sql} THEN 0 ELSE 1 END)" for sql, _params in conditions.values())
        where_parts.append(f"{failing} <= 1")
        where_params += [param for _sql, condition_params in conditions.values() for param in condition_params]
    where_sql = f" WHERE {' AND '.join(where_parts)}" if where_parts else ""
    selected = ", ".join(aggregates)
    keys = ", ".join(f"f.{column}" for column in GROUPINGS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sets = ", ".join(f"(f.{column})" for column in GROUPINGS)
            cursor.execute(
                f"SELECT GROUPING({keys}), {keys}, {selected} FROM {TABLE} f{where_sql} "
                f"GROUP BY GROUPING SETS ({sets}, ())",
                params + where_params,
            )
        else:
            branches = []
            for column in (*GROUPINGS, None):
                listed = ", ".join(f"f.{other}" if other == column else "NULL" for other in GROUPINGS)
                group_by = f" GROUP BY f.{column}" if column else ""
                branches.append(
                    f"SELECT {grouping_code(column)}, {listed}, {selected} FROM {TABLE} f{where_sql}{group_by}"
                )
            cursor.execute(" UNION ALL ".join(branches), (params + where_params) * len(branches))
        rows = cursor.fetchall()
    codes = {grouping_code(column): column for column in (*GROUPINGS, None)}
    result = []
    for code, *values in rows:
        column = codes[code]
        key = values[GROUPINGS.index(column)] if column else None
        counts = values[len(GROUPINGS) :]
        result.append((column, key, {facet: counts[column_of[facet]] for facet in COUNTED[column]}))
    return result


def split_set(text):
    return [int(value) for value in text.strip(",").split(",") if value]


def facet_counts(needle, chosen):
    """{facet: {key: n}} for every facet (cities by id, "province" by city id too: summed by the caller; measures
    and categories by id, years by year, has_figures by True/False) and "total", the number of results."""
    counts = {facet: {} for facet in FACET_FILTERS}
    counts["total"] = 0
    for column, key, values in counted_rows(needle, chosen):
        if column is None:
            counts["total"] = values[None]
        elif column in ("kinds", "years"):
            facet = "kind" if column == "kinds" else "year"
            for value in split_set(key):
                counts[facet][value] = counts[facet].get(value, 0) + values[facet]
        elif column == "has_figures":
            counts["has_figures"][bool(key)] = values["has_figures"]
        else:
            for facet, n in values.items():
                counts[facet][key] = n
    return counts
