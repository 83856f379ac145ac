from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing: content versions and the page cache, search normalisation, languages, figures, backups."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from core import page_cache  # connects to models, which exist only once every app is loaded

        page_cache.connect_signals()
