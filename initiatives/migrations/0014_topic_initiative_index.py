from django.db import migrations

# A topic's first initiatives straight from an index (search.kinds.with_tagged_cities): the many-to-many table's own
# indexes are (initiative, topic) and (topic) alone, so reading a topic's first 200 sorted all of its 44,000 links.
# Raw SQL because the table is the one Django creates for Initiative.topics; both backends accept it.
INDEX = "initiatives_initiative_topics_topic_initiative"


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0013_search_characters")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX "{INDEX}" ON "initiatives_initiative_topics" ("topic_id", "initiative_id")',
            f'DROP INDEX IF EXISTS "{INDEX}"',
        )
    ]
