"""Every initiative and figure cites a source."""

import django.db.models.deletion
from django.db import migrations, models


def source_field(related_name):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="cities.source",
        verbose_name="source",
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0011_sources_cited")]

    operations = [
        migrations.AlterField(model_name="initiative", name="source", field=source_field("initiatives")),
        migrations.AlterField(model_name="metric", name="source", field=source_field("metrics")),
    ]
