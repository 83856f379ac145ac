from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "initiatives"

    def ready(self):
        # Models, and what reads them, can be imported only once the apps are ready.
        from initiatives import facet_copy
        from initiatives.models import topics

        topics.connect_signals()
        post_migrate.connect(facet_copy.installed_after_migrate, sender=self, dispatch_uid="initiatives-facet-copy")
