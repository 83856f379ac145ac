from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """A new report's text turned into proposed initiatives and figures that an editor reviews before they publish."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = _("intake")
