"""What every gunicorn worker would otherwise load on its first requests, loaded once in the master before it forks
its workers (gunicorn.conf.py): every worker, and every worker started again after max_requests, begins with it."""

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation

from core.localization import to_simplified


def load_before_forking():
    """The URLconf with every view module it imports, each language's catalogs and URL reversal, and OpenCC's
    dictionaries: 200 ms of CPU on a worker's first request otherwise."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 (read for its side effect: the reversal table of this language)
    to_simplified("臺灣")
