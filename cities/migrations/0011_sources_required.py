"""Every model type and lesson cites a source, with its section and paragraph."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cities", "0010_sources_cited")]

    operations = [
        *[
            operation
            for model_name, related_name in (("innovationmodel", "innovation_models"), ("lesson", "lessons"))
            for operation in (
                migrations.AlterField(
                    model_name=model_name,
                    name="source",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name=related_name,
                        to="cities.source",
                        verbose_name="source",
                    ),
                ),
                migrations.AlterField(
                    model_name=model_name,
                    name="report_section",
                    field=models.CharField(
                        help_text="e.g. 典型經驗提煉", max_length=60, verbose_name="section in the source"
                    ),
                ),
                migrations.AlterField(
                    model_name=model_name,
                    name="report_paragraph",
                    field=models.PositiveSmallIntegerField(verbose_name="paragraph in the section"),
                ),
            )
        ],
    ]
