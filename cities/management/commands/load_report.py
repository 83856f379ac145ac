import reversion
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cities.models import City

# Parents before children, so natural keys always resolve.
FIXTURE_FILES = [
    "sources.json",
    "provinces.json",
    "cities.json",
    "categories.json",
    "topics.json",
    "metric_kinds.json",
    "innovation_models.json",
    "lessons.json",
    "initiatives.json",
    "metrics.json",
]


def fixture_paths():
    return [settings.BASE_DIR / "fixtures" / name for name in FIXTURE_FILES]


class Command(BaseCommand):
    help = (
        "Load the report's data from fixtures/. Skips when the database already holds it, so an editor's "
        "corrections are never overwritten; --force reloads (rows are matched by natural key, never duplicated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even if data is present")

    def handle(self, *args, force=False, verbosity=1, **options):
        if City.objects.exists() and not force:
            if verbosity:
                self.stdout.write("Report data already loaded; use --force to reload from fixtures/.")
        else:
            # One revision in the history: every row as loaded, to compare later versions with or to go back to.
            with reversion.create_revision():
                reversion.set_comment("Loaded the report's data from fixtures/")
                call_command("loaddata", *[str(p) for p in fixture_paths()], verbosity=verbosity)
        # Fixtures carry no search columns (loaddata bypasses save()); a migrated database may predate them.
        call_command("rebuild_search_index", verbosity=0)
