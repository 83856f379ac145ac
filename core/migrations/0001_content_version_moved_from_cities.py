from django.db import migrations, models


class Migration(migrations.Migration):
    """ContentVersion moves from cities to core in the model state only: its table keeps its name and its row."""

    initial = True

    dependencies = [
        ("cities", "0005_city_report_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.BigIntegerField(default=0, verbose_name="version")),
                    ],
                    options={
                        "verbose_name": "content version",
                        "verbose_name_plural": "content version",
                        "db_table": "cities_contentversion",
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("pk", 1)), name="content_version_single_row")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
