from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core.search_index import SearchIndexed, reindex


def searchable_models():
    return [model for model in apps.get_models() if issubclass(model, SearchIndexed)]


class Command(BaseCommand):
    help = (
        "Recompute the normalised search columns (names and texts in Traditional → Simplified, English and pinyin) "
        "of every searchable row. load_report runs it; run it after changing rows without save() (bulk updates)."
    )

    def handle(self, *args, verbosity=1, **options):
        with transaction.atomic():
            for model in searchable_models():
                count = reindex(model.objects.all())
                if verbosity:
                    self.stdout.write(f"{model._meta.label}: {count} rows indexed")
