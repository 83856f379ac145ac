from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "initiatives"

    def ready(self):
        from initiatives.models import topics  # models can be imported only once the apps are ready

        topics.connect_signals()
