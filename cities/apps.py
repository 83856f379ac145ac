from django.apps import AppConfig


class CitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cities"

    def ready(self):
        from credit_portal import page_cache

        page_cache.connect_signals()
