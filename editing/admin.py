from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The admin classes of the apps below this one, registered on import (Django discovers only <app>/admin.py).
from editing import cities_admin, initiatives_admin  # noqa: F401

admin.site.site_header = _("Social Credit Innovation Portal: editing")
admin.site.site_title = _("Social Credit Innovation Portal")
admin.site.index_title = _("The report's data")
