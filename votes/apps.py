from django.apps import AppConfig


class VotesConfig(AppConfig):
    """Readers' votes for the cities: the voter cookie, the tally and its pages."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "votes"
