"""Initiatives and figures cite their source (filled in by the next migration, required by the one after)."""

import django.db.models.deletion
from django.db import migrations, models


def source_field(related_name, null):
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="cities.source",
        verbose_name="source",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0009_sources"),
        ("initiatives", "0009_merge_split_measures_and_topics"),
    ]

    operations = [
        migrations.AddField(model_name="initiative", name="source", field=source_field("initiatives", null=True)),
        migrations.AddField(model_name="metric", name="source", field=source_field("metrics", null=True)),
        migrations.AddField(
            model_name="metric",
            name="report_section",
            field=models.CharField(
                blank=True,
                help_text="Empty when the same as its initiative's.",
                max_length=60,
                verbose_name="section in the source",
            ),
        ),
        migrations.AddField(
            model_name="metric",
            name="report_paragraph",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="paragraph in the section"),
        ),
        migrations.AddConstraint(
            model_name="metric",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("report_paragraph__isnull", True), ("report_section", "")),
                    models.Q(models.Q(("report_section", ""), _negated=True), ("report_paragraph__isnull", False)),
                    _connector="OR",
                ),
                name="metric_section_with_paragraph",
            ),
        ),
    ]
