"""The initiatives and figures already here come from the first source (the report): a step of its own, so that
PostgreSQL writes the rows before the next migration alters their tables."""

from django.db import migrations


def cite_the_first_source(apps, schema_editor):
    source = apps.get_model("cities", "Source").objects.order_by("pk").first()
    for name in ("Initiative", "Metric"):
        rows = apps.get_model("initiatives", name).objects.all()
        if source is None:
            if rows.exists():
                raise RuntimeError(f"{name} rows exist but no source report to cite: load fixtures/sources.json.")
            continue
        rows.update(source=source)


class Migration(migrations.Migration):
    dependencies = [("cities", "0011_sources_required"), ("initiatives", "0010_sources")]

    operations = [migrations.RunPython(cite_the_first_source, migrations.RunPython.noop)]
