from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditingConfig(AppConfig):
    """How editors correct the data in admin: history and undo, import/export, the Editors group."""

    name = "editing"
    verbose_name = _("editing")
