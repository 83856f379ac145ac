import os

from django.core.management.base import BaseCommand, CommandError

from core.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write the whole database (content, history, votes, users and groups) to one gzip'd JSON file, "
        "for restore_data to load into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write, e.g. backups/portal-2026-01-31.json.gz")
        parser.add_argument("--force", action="store_true", help="replace the file if it exists")
        parser.add_argument("--database", default="default", help="the database alias to back up")

    def handle(self, path, force=False, database="default", verbosity=1, **options):
        if os.path.exists(path) and not force:
            raise CommandError(f"{path} exists; choose another name or pass --force to replace it.")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        rows = write_backup(path, using=database)
        if verbosity:
            self.stdout.write(f"Wrote {rows} rows to {path}.")
