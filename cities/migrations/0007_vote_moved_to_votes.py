from django.db import migrations


class Migration(migrations.Migration):
    """Vote now belongs to the votes app (votes 0001): forgotten here in the state only, its table stays."""

    dependencies = [
        ("cities", "0006_content_version_moved_to_core"),
        ("votes", "0001_vote_moved_from_cities"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Vote")],
            database_operations=[],
        ),
    ]
