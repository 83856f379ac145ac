import os

from django.core.management.base import CommandError

from core.backup import write_backup
from core.management.backup_command import BackupFileCommand


class Command(BackupFileCommand):
    help = (
        "Write the whole database (content, history, votes, users and groups) to one gzip'd JSON file, "
        "for restore_data to load into an empty database."
    )
    path_help = "the file to write, e.g. backups/portal-2026-01-31.json.gz"
    database_help = "the database alias to back up"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--force", action="store_true", help="replace the file if it exists")

    def handle(self, path, force=False, database="default", verbosity=1, **options):
        if os.path.exists(path) and not force:
            raise CommandError(f"{path} exists; choose another name or pass --force to replace it.")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        rows = write_backup(path, using=database)
        if verbosity:
            self.stdout.write(f"Wrote {rows} rows to {path}.")
