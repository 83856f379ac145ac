from django.core.management.base import BaseCommand


class BackupFileCommand(BaseCommand):
    """What backup_data and restore_data share: the backup file's path and the database alias."""

    path_help = ""
    database_help = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)
        parser.add_argument("--database", default="default", help=self.database_help)
