import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """Vote moves from cities to votes in the model state only: its table, indexes and rows stay as they are."""

    initial = True

    dependencies = [
        ("cities", "0006_content_version_moved_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Vote",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("voter_hash", models.CharField(max_length=64, verbose_name="voter (keyed hash)")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="cast at"
                            ),
                        ),
                        (
                            "city",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="votes",
                                to="cities.city",
                                verbose_name="city",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "vote",
                        "verbose_name_plural": "votes",
                        "db_table": "cities_vote",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(fields=["voter_hash"], name="vote_voter_idx"),
                            models.Index(fields=["created_at"], name="vote_created_at_idx"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("city", "voter_hash"), name="vote_one_per_voter_and_city")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
