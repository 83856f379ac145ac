from django.db import migrations

# On PostgreSQL, a one-character query (信) can use neither the trigram index nor the pairs index of 0004: it read
# all 900,000 figures (a parallel sequential scan, about 700 MB) to find 50. The two large tables also keep the set
# of distinct characters of their search text in a stored generated column, `search_characters`, with a GIN index
# (core.search_index.SearchContains). As for the pairs, Django neither reads nor writes it.
CHARACTER_TABLES = ["initiatives_initiative", "initiatives_metric"]

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_characters(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT c), '{}') FROM regexp_split_to_table(t, '') AS c
$$
"""


def create_character_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    for table in CHARACTER_TABLES:
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN "search_characters" text[] '
            f'GENERATED ALWAYS AS (portal_characters("search_text")) STORED'
        )
        schema_editor.execute(
            f'CREATE INDEX "{table}_search_characters" ON "{table}" USING gin ("search_characters")'
        )


def drop_character_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in CHARACTER_TABLES:
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "search_characters"')
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_characters(text)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0012_sources_required")]

    operations = [migrations.RunPython(create_character_indexes, drop_character_indexes)]
