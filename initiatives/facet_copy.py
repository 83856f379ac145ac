"""The triggers that keep the facet rows (initiatives.models.facet_rows) equal to the initiatives and their figures.

Every write to an initiative or a figure recomputes the facet rows of the initiatives it touched, in the same
statement and so in the writer's transaction, the one that moves the content version on. On PostgreSQL one trigger
per statement reads the rows it changed from its transition tables (a bulk write of 300,000 rows is one refresh);
on SQLite one per row. The rows also keep, on PostgreSQL, a copy of the initiative's character pairs and characters
(migrations 0004 and 0013) with their GIN indexes, read by one- and two-character keywords, out of line: a
row in the table itself is about 150 bytes.

Migration 0016 creates the triggers and fills the table; `migrate` installs them again afterwards, because SQLite
drops a table's triggers when a migration rebuilds the table.
"""

TABLE = "initiatives_facetrow"
COLUMNS = "initiative_id, city_id, category_id, search_text, has_figures, kinds, years"
PG_COLUMNS = COLUMNS + ", search_pairs, search_characters, toast_filler"
# PostgreSQL moves a row's long values out of line only once the row passes about 2 kB (TOAST_TUPLE_THRESHOLD, fixed
# when it is built); the table's toast_tuple_target (migration 0016) then says how far. Most rows' text, pairs and
# characters come to 1-2 kB and would stay in the row (373 MB at 300,000 initiatives): 2,048 spaces, which
# compress to a few bytes, take every row past the threshold, and the rows are 44 MB.
TOAST_FILLER = "repeat(' ', 2048)"
YEAR = {"postgresql": "CAST(EXTRACT(YEAR FROM {0}) AS integer)", "sqlite": "CAST(substr({0}, 1, 4) AS integer)"}
# The distinct values of a column written ",a,b," ("" when there are none); the order does not matter.
DISTINCT_LIST = {"postgresql": "string_agg(DISTINCT CAST({0} AS text), ',')", "sqlite": "group_concat(DISTINCT {0})"}


def row_select(vendor):
    """SELECT of the facet rows of `initiatives_initiative i`, in the order of COLUMNS (PG_COLUMNS)."""
    year, listed = YEAR[vendor].format, DISTINCT_LIST[vendor].format
    figure_years = " ".join(
        f"UNION ALL SELECT {year('m.' + column)} FROM initiatives_metric m WHERE m.initiative_id = i.id"
        for column in ("as_of", "period_start", "period_end")
    )
    kinds = (
        f"SELECT ',' || {listed('m.kind_id')} || ',' FROM initiatives_metric m "
        "WHERE m.initiative_id = i.id AND m.kind_id IS NOT NULL"
    )
    years = (
        f"SELECT ',' || {listed('y')} || ',' FROM (SELECT {year('i.date')} AS y {figure_years}) ys WHERE y IS NOT NULL"
    )
    pairs = f", i.search_pairs, i.search_characters, {TOAST_FILLER}" if vendor == "postgresql" else ""
    return (
        "SELECT i.id, i.city_id, i.category_id, i.search_text, "
        "EXISTS (SELECT 1 FROM initiatives_metric m WHERE m.initiative_id = i.id), "
        f"COALESCE(({kinds}), ''), COALESCE(({years}), ''){pairs} FROM initiatives_initiative i"
    )


def pg_upsert(where):
    # A row whose text is unchanged keeps its long values where they are (out of line): written again, they would
    # be stored out of line again, which made generating 3,000 initiatives 45% slower than without the copy.
    kept = "CASE WHEN f.search_text = EXCLUDED.search_text THEN f.{0} ELSE EXCLUDED.{0} END"
    long_values = ("search_text", "search_pairs", "search_characters", "toast_filler")
    changed = ", ".join(
        f"{column} = {kept.format(column) if column in long_values else 'EXCLUDED.' + column}"
        for column in PG_COLUMNS.split(", ")[1:]
    )
    compared = "city_id, category_id, search_text, has_figures, kinds, years"
    return (
        f"INSERT INTO {TABLE} AS f ({PG_COLUMNS}) {row_select('postgresql')} WHERE {where} "
        f"ON CONFLICT (initiative_id) DO UPDATE SET {changed} "
        f"WHERE (f.{compared.replace(', ', ', f.')}) IS DISTINCT FROM "
        f"(EXCLUDED.{compared.replace(', ', ', EXCLUDED.')})"
    )


PG_FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION portal_facet_rows_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
        {pg_upsert("i.id = ANY(ids)")}
    $$""",
    f"""CREATE OR REPLACE FUNCTION portal_facet_rows_of_initiatives() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {TABLE} f USING old_rows o WHERE f.initiative_id = o.id;
        ELSE
            PERFORM portal_facet_rows_refresh(ARRAY(SELECT id FROM new_rows));
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION portal_facet_rows_of_figures() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM portal_facet_rows_refresh(ARRAY(SELECT DISTINCT initiative_id FROM new_rows));
        ELSIF TG_OP = 'UPDATE' THEN
            PERFORM portal_facet_rows_refresh(
                ARRAY(SELECT initiative_id FROM new_rows UNION SELECT initiative_id FROM old_rows)
            );
        ELSE
            PERFORM portal_facet_rows_refresh(ARRAY(SELECT DISTINCT initiative_id FROM old_rows));
        END IF;
        RETURN NULL;
    END $$""",
]
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}
WATCHED = {
    "initiatives_initiative": ("portal_facet_rows_of_initiatives", "city_id, category_id, search_text, date"),
    "initiatives_metric": ("portal_facet_rows_of_figures", "initiative_id, kind_id, as_of, period_start, period_end"),
}


def pg_statements():
    statements = list(PG_FUNCTIONS)
    for table, (function, _columns) in WATCHED.items():
        for event, transition in TRANSITIONS.items():
            name = f"portal_facet_rows_{event.lower()}"
            statements.append(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            statements.append(
                f'CREATE TRIGGER {name} AFTER {event} ON "{table}" REFERENCING {transition} '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    return statements


def sqlite_triggers():
    """{name: (event, body)} of the SQLite triggers."""

    def refresh(initiative):
        return f"INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {row_select('sqlite')} WHERE i.id = {initiative};"

    initiative_columns, figure_columns = (columns for _function, columns in WATCHED.values())
    triggers = {
        "initiative_insert": ("INSERT ON initiatives_initiative", refresh("NEW.id")),
        "initiative_update": (f"UPDATE OF {initiative_columns} ON initiatives_initiative", refresh("NEW.id")),
        "initiative_delete": ("DELETE ON initiatives_initiative", f"DELETE FROM {TABLE} WHERE initiative_id = OLD.id;"),
        "figure_insert": ("INSERT ON initiatives_metric", refresh("NEW.initiative_id")),
        "figure_update": (
            f"UPDATE OF {figure_columns} ON initiatives_metric",
            refresh("OLD.initiative_id") + " " + refresh("NEW.initiative_id"),
        ),
        "figure_delete": ("DELETE ON initiatives_metric", refresh("OLD.initiative_id")),
    }
    return {f"portal_facet_rows_{name}": trigger for name, trigger in triggers.items()}


def sqlite_statements():
    return [
        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} BEGIN {body} END"
        for name, (event, body) in sqlite_triggers().items()
    ]


def drop_statements(vendor):
    """What migration 0016 undoes: the triggers (and on PostgreSQL their functions)."""
    if vendor == "postgresql":
        dropped = [
            f'DROP TRIGGER IF EXISTS portal_facet_rows_{event.lower()} ON "{table}"'
            for table in WATCHED
            for event in TRANSITIONS
        ]
        functions = ("portal_facet_rows_of_initiatives()", "portal_facet_rows_of_figures()")
        return (
            dropped
            + [f"DROP FUNCTION IF EXISTS {name}" for name in functions]
            + ["DROP FUNCTION IF EXISTS portal_facet_rows_refresh(bigint[])"]
        )
    return [f"DROP TRIGGER IF EXISTS {name}" for name in sqlite_triggers()]


def install(connection):
    """Create (or replace) the triggers on this connection's database, once the facet rows' table exists."""
    statements = {"postgresql": pg_statements, "sqlite": sqlite_statements}.get(connection.vendor)
    if statements is None or TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for statement in statements():
            cursor.execute(statement)


def fill(connection):
    """Write every initiative's facet row (the table empty or not)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(pg_upsert("TRUE"))
        else:
            cursor.execute(f"INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {row_select(connection.vendor)}")


def installed_after_migrate(sender, using, **kwargs):
    from django.db import connections

    install(connections[using])
