from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Social Credit Innovation Portal: editing")
admin.site.site_title = _("Social Credit Innovation Portal")
admin.site.index_title = _("The report's data")
