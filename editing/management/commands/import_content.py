"""Import a CSV or XLSX file of content rows on the server: the admin's import without its row limit or timeout.

    python manage.py import_content initiatives.Metric figures.csv [--dry-run] [--user EDITOR]

The same resource as the admin's (editing/resources.py): the same columns, checks and messages, all or nothing,
recorded as one revision in the history.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from import_export.formats import base_formats

from editing.resources import ContentResource

FORMATS = {".csv": base_formats.CSV, ".xlsx": base_formats.XLSX}


def content_resources(base=ContentResource):
    """Every resource of a model below `base`; the shared bases (reviewed content, say) have none."""
    for resource_class in base.__subclasses__():
        if resource_class._meta.model is not None:
            yield resource_class
        yield from content_resources(resource_class)


def resource_for(label):
    for resource_class in content_resources():
        if resource_class._meta.model._meta.label_lower == label.lower():
            return resource_class()
    labels = sorted(cls._meta.model._meta.label for cls in content_resources())
    raise CommandError(f"No import for {label!r}: use one of {', '.join(labels)}.")


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of content rows (as the admin's import does, without its row limit)."

    def add_arguments(self, parser):
        parser.add_argument("model", help="e.g. initiatives.Metric, cities.City")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, change nothing")
        parser.add_argument("--user", help="the editor the revision is recorded for (a username)")

    def handle(self, *args, model, file, dry_run, user, **options):
        resource = resource_for(model)
        resource.unlimited = True
        file_format = FORMATS.get(file.suffix.lower())
        if file_format is None:
            raise CommandError(f"{file.name}: the file must be .csv or .xlsx")
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        fmt = file_format()
        content = file.read_bytes() if fmt.is_binary() else file.read_text(encoding="utf-8-sig")
        dataset = fmt.create_dataset(content)
        editor = get_user_model().objects.get(username=user) if user else None
        result = resource.import_data(dataset, dry_run=dry_run, user=editor, file_name=file.name)
        problems = [str(error.error) for error in result.base_errors]
        problems += [f"line {line}: {error.error}" for line, errors in result.row_errors() for error in errors]
        problems += [
            f"line {row.number}: {'; '.join(f'{field}: {m}' for field, ms in row.error_dict.items() for m in ms)}"
            for row in result.invalid_rows
        ]
        if problems:
            raise CommandError("Nothing was imported:\n" + "\n".join(problems))
        totals = ", ".join(f"{count} {kind}" for kind, count in result.totals.items() if count)
        self.stdout.write(("Checked (nothing changed): " if dry_run else "Imported: ") + (totals or "no rows"))
