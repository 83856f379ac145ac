from django.db import migrations

# On PostgreSQL, a GIN index of the adjacent character pairs of the search text of the two large tables serves
# two-character queries, which the trigram index cannot (core.search_index.SearchContains; README, "Search").
# The pairs are a stored generated column, computed when a row is written: evaluating the function while reading
# made a query whose pair is in most rows take 30 s at 300,000 rows.
BIGRAM_TABLES = ["initiatives_initiative", "initiatives_metric"]

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i
$$
"""


def create_bigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    for table in BIGRAM_TABLES:
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN "search_pairs" text[] '
            f'GENERATED ALWAYS AS (portal_bigrams("search_text")) STORED'
        )
        schema_editor.execute(f'CREATE INDEX "{table}_search_bigrams" ON "{table}" USING gin ("search_pairs")')


def drop_bigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in BIGRAM_TABLES:
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "search_pairs"')
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_metric_date_indexes")]

    operations = [migrations.RunPython(create_bigram_indexes, drop_bigram_indexes)]
