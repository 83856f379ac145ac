"""URLs: the reader's pages in three languages (zh-Hant unprefixed, /en/…, /zh-hans/…); admin, the health check,
the language switch and machine endpoints (API, dataset download) once, outside the language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from api import errors as api_errors
from core import languages
from credit_portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says; the file lives with the static files (resolved lazily:
    # the hashed name is known only once collectstatic has run).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"), permanent=False), name="favicon"),
    # The editors' intake of a new report: staff pages in the admin's look, before admin's own catch-all.
    path("admin/intake/", include("intake.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("initiatives.dataset_urls")),
    path("language/<str:code>/", languages.switch_language, name="switch_language"),
]

urlpatterns += i18n_patterns(
    path("", include("cities.urls")),
    path("", include("compare.urls")),
    path("", include("votes.urls")),
    path("", include("initiatives.urls")),
    path("", include("search.urls")),
    prefix_default_language=False,
)


def server_error(request):
    """The API answers a server error in JSON, like its other errors; the site, with its 500 page."""
    if request.path.startswith("/api/"):
        return api_errors.server_error(request)
    return views.server_error(request)


handler500 = server_error
