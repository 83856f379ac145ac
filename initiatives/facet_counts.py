"""Every facet's counts of the initiatives page, and the number of results, in one statement over the facet rows.

Each facet counts the results of every chosen filter but its own. The statement reads the rows the keyword (and
only it) selects, once; each facet's count is an aggregate filtered by the other facets' conditions, and the rows
are grouped by city, by category, and by their figures' sets of measures and of years and whether they have any,
together (GROUPING SETS on PostgreSQL; on SQLite, which has none, one SELECT per grouping in a UNION ALL). Those
sets take few distinct values (a row's ",3,17,"): their groups are split into single measures and years here.

At 300,000 initiatives on PostgreSQL, with a keyword in every one of them, the facets read 2-4 s each from the
initiatives and their figures; this statement reads the facet rows once (docs/performance.md).
"""

from django.db import connection

from initiatives.facet_copy import TABLE

KEYS = ("city_id", "category_id", "kinds", "years", "has_figures")
# The groupings, each with the facets it counts (the facets whose filter its aggregate leaves out; None: the number
# of results). The figures' three sets are grouped together: 4,400 distinct groups at 300,000 initiatives.
GROUPINGS = {
    ("city_id",): ("city", "province"),
    ("category_id",): ("category",),
    ("kinds", "years", "has_figures"): ("kind", "year", "has_figures"),
    (): (None,),
}
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
    """{facet: (sql, params)} for the chosen facets: cities by slug, provinces, categories and measures by id, the
    year and has_figures by value."""
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
    """The conditions of every chosen facet but `left_out`, AND-ed, and their parameters."""
    parts = [conditions[name] for name in FACET_FILTERS if name in conditions and name != left_out]
    return " AND ".join(sql for sql, _params in parts), [param for _sql, params in parts for param in params]


def grouping_code(grouping):
    """What PostgreSQL's GROUPING() of all KEYS gives for the rows of this grouping: a bit set for each key it does
    not group by, the first key's the highest."""
    return sum(1 << (len(KEYS) - 1 - i) for i, key in enumerate(KEYS) if key not in grouping)


def aggregates_of(conditions):
    """The statement's aggregates, one per distinct condition, and {facet: the index of the one it reads}."""
    aggregates, params, by_condition, index_of = [], [], {}, {}
    for facets in GROUPINGS.values():
        for facet in facets:
            sql, condition_params = all_but(conditions, facet)
            key = (sql, tuple(condition_params))
            if key not in by_condition:
                by_condition[key] = len(aggregates)
                aggregates.append(f"COUNT(*) FILTER (WHERE {sql})" if sql else "COUNT(*)")
                params += condition_params
            index_of[facet] = by_condition[key]
    return ", ".join(aggregates), params, index_of


def counted_rows(needle, chosen):
    """[(grouping, {key: value}, {facet: n})]: the statement's rows; `chosen` as facet_conditions takes it."""
    conditions = facet_conditions(chosen)
    selected, params, index_of = aggregates_of(conditions)
    where, where_params = keyword_condition(needle)
    where_parts, where_params = ([where], where_params) if where else ([], [])
    if len(conditions) > 1:  # a row counts for some facet when at most one of the chosen filters leaves it out
        failing = " + ".join(f"(CASE WHEN {sql} THEN 0 ELSE 1 END)" for sql, _params in conditions.values())
        where_parts.append(f"{failing} <= 1")
        where_params += [param for _sql, condition_params in conditions.values() for param in condition_params]
    where_sql = f" WHERE {' AND '.join(where_parts)}" if where_parts else ""
    keys = ", ".join(f"f.{key}" for key in KEYS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sets = ", ".join(f"({', '.join(f'f.{key}' for key in grouping)})" for grouping in GROUPINGS)
            cursor.execute(
                f"SELECT GROUPING({keys}), {keys}, {selected} FROM {TABLE} f{where_sql} "
                f"GROUP BY GROUPING SETS ({sets})",
                params + where_params,
            )
        else:
            branches = []
            for grouping in GROUPINGS:
                listed = ", ".join(f"f.{key}" if key in grouping else "NULL" for key in KEYS)
                group_by = f" GROUP BY {', '.join(f'f.{key}' for key in grouping)}" if grouping else ""
                code = grouping_code(grouping)
                branches.append(f"SELECT {code}, {listed}, {selected} FROM {TABLE} f{where_sql}{group_by}")
            cursor.execute(" UNION ALL ".join(branches), (params + where_params) * len(branches))
        rows = cursor.fetchall()
    groupings = {grouping_code(grouping): grouping for grouping in GROUPINGS}
    result = []
    for code, *values in rows:
        grouping = groupings[code]
        counts = values[len(KEYS) :]
        keyed = {key: values[KEYS.index(key)] for key in grouping}
        result.append((grouping, keyed, {facet: counts[index_of[facet]] for facet in GROUPINGS[grouping]}))
    return result


def split_set(text):
    return [int(value) for value in text.strip(",").split(",") if value]


def facet_counts(needle, chosen):
    """{facet: {key: n}} for every facet (cities by id, "province" by city id too: summed by the caller; measures
    and categories by id, years by year, has_figures by True/False) and "total", the number of results."""
    counts = {facet: {} for facet in FACET_FILTERS}
    counts["total"] = 0
    for _grouping, keyed, values in counted_rows(needle, chosen):
        if not keyed:
            counts["total"] = values[None]
        elif "kinds" in keyed:
            for facet, key in (("kind", "kinds"), ("year", "years")):
                for value in split_set(keyed[key]):
                    counts[facet][value] = counts[facet].get(value, 0) + values[facet]
            has = bool(keyed["has_figures"])
            counts["has_figures"][has] = counts["has_figures"].get(has, 0) + values["has_figures"]
        else:
            (key,) = keyed.values()
            for facet, n in values.items():
                counts[facet][key] = n
    return counts
