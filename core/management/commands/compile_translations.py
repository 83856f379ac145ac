from django.core.management.base import BaseCommand

from core.translations import compile_catalogs


class Command(BaseCommand):
    help = "Compile credit_portal/locale/*/LC_MESSAGES/*.po into .mo files (pure Python: no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="recompile catalogs that look up to date")

    def handle(self, *args, force=False, verbosity=1, **options):
        written = compile_catalogs(force=force)
        if verbosity:
            for path in written:
                self.stdout.write(f"compiled {path}")
            if not written:
                self.stdout.write("translation catalogs are up to date")
