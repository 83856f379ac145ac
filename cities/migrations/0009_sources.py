"""The singleton report becomes the first of many sources; model types and lessons cite it."""

import django.db.models.deletion
from django.db import migrations, models

def section_field():
    return models.CharField(
        default="", help_text="e.g. 典型經驗提煉", max_length=60, verbose_name="section in the source"
    )


class Migration(migrations.Migration):
    dependencies = [("cities", "0008_merge_votes_move_and_model_types")]

    operations = [
        migrations.RemoveConstraint(model_name="report", name="report_unique_slug"),
        migrations.RemoveConstraint(model_name="report", name="report_period_in_order"),
        migrations.RenameModel("Report", "Source"),
        migrations.AlterModelOptions(
            name="source", options={"ordering": ["id"], "verbose_name": "source", "verbose_name_plural": "sources"}
        ),
        migrations.AddField(
            model_name="source",
            name="url",
            field=models.URLField(
                blank=True, help_text="Empty when not known.", max_length=500, verbose_name="address (URL)"
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="published",
            field=models.DateField(
                blank=True,
                help_text="Only as much of it as the source gives.",
                null=True,
                verbose_name="publication date",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="published_precision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("day", "day"),
                    ("month", "month"),
                    ("year", "year"),
                    ("year_start", "early in the year"),
                    ("year_end", "end of the year"),
                ],
                max_length=10,
                verbose_name="publication date precision",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="terms",
            field=models.TextField(
                blank=True,
                help_text="The terms the source is published under, where it states any.",
                verbose_name="terms",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="note",
            field=models.TextField(
                blank=True, help_text="Anything a reader should know about this source.", verbose_name="note"
            ),
        ),
        migrations.AddConstraint(
            model_name="source", constraint=models.UniqueConstraint(fields=("slug",), name="source_unique_slug")
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(("period_end_year__gte", models.F("period_start_year"))),
                name="source_period_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("published__isnull", True), ("published_precision", "")),
                    models.Q(("published__isnull", False), ("published_precision", "day")),
                    models.Q(("published__day", 1), ("published__isnull", False), ("published_precision", "month")),
                    models.Q(
                        ("published__day", 1),
                        ("published__isnull", False),
                        ("published__month", 1),
                        ("published_precision", "year"),
                    ),
                    models.Q(
                        ("published__day", 1),
                        ("published__isnull", False),
                        ("published__month", 1),
                        ("published_precision", "year_start"),
                    ),
                    models.Q(
                        ("published__day", 31),
                        ("published__isnull", False),
                        ("published__month", 12),
                        ("published_precision", "year_end"),
                    ),
                    _connector="OR",
                ),
                name="source_published_precision_valid",
                violation_error_message="The date and its precision disagree: a month is stored as its first day, a year or its start as 1 January, its end as 31 December, and a date needs a precision (and no precision without a date).",
            ),
        ),
        *[
            operation
            for model_name, related_name in (("innovationmodel", "innovation_models"), ("lesson", "lessons"))
            for operation in (
                migrations.AddField(
                    model_name=model_name,
                    name="source",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name=related_name,
                        to="cities.source",
                        verbose_name="source",
                    ),
                ),
                migrations.AddField(model_name=model_name, name="report_section", field=section_field()),
                migrations.AddField(
                    model_name=model_name,
                    name="report_paragraph",
                    field=models.PositiveSmallIntegerField(null=True, verbose_name="paragraph in the section"),
                ),
            )
        ],
    ]
