from django.db import migrations


class Migration(migrations.Migration):
    """ContentVersion now belongs to core (core 0001): forgotten here in the state only, its table stays."""

    dependencies = [
        ("cities", "0005_city_report_order"),
        ("core", "0001_content_version_moved_from_cities"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
