from django.core.management.base import CommandError

from core.backup import BackupError, restore_backup
from core.management.backup_command import BackupFileCommand


class Command(BackupFileCommand):
    help = (
        "Load a file written by backup_data into an empty, migrated database, all or nothing. "
        "Refuses a database that already holds data."
    )
    path_help = "a file written by backup_data"
    database_help = "the database alias to restore into"

    def handle(self, path, database="default", verbosity=1, **options):
        try:
            rows = restore_backup(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(f"Restored {rows} rows from {path}.")
