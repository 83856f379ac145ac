from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from editing import fixtures


class Command(BaseCommand):
    help = (
        "Write the database back to fixtures/*.json in the fixtures' own layout (natural keys, no ids, indent 2, "
        "Chinese unescaped), so corrections made in admin can be reviewed with `git diff` and committed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.BASE_DIR / "fixtures",
            help="folder to write into (default: the project's fixtures/)",
        )

    def handle(self, *args, output, verbosity=1, **options):
        counts = fixtures.export(output)
        if verbosity:
            for name, count in counts.items():
                self.stdout.write(f"{output / name}: {count} records")
