"""Model types and lessons already here cite the first source (the report): a step of its own, so that PostgreSQL
writes the rows before the next migration alters their table."""

from django.db import migrations

SECTIONS = {
    "InnovationModel": "創新模式總結與對比分析 › 創新模式類型",
    "Lesson": "典型經驗提煉",
}


def cite_the_first_source(apps, schema_editor):
    """Each type and lesson is the paragraph of its order in its section of the report."""
    source = apps.get_model("cities", "Source").objects.order_by("pk").first()
    for name, section in SECTIONS.items():
        rows = apps.get_model("cities", name).objects.all()
        if source is None:
            if rows.exists():
                raise RuntimeError(f"{name} rows exist but no source report to cite: load fixtures/sources.json.")
            continue
        for row in rows:
            row.source = source
            row.report_section = section
            row.report_paragraph = row.order
            row.save(update_fields=["source", "report_section", "report_paragraph"])


class Migration(migrations.Migration):
    dependencies = [("cities", "0009_sources")]

    operations = [migrations.RunPython(cite_the_first_source, migrations.RunPython.noop)]
