"""URLs: the reader's pages in three languages (zh-Hant unprefixed, /en/…, /zh-hans/…); admin, the health check,
the language switch and machine endpoints (API, dataset download) once, outside the language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core import languages
from credit_portal import views
from search import views as search_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("initiatives.api.urls")),
    path("", include("initiatives.dataset_urls")),
    path("language/<str:code>/", languages.switch_language, name="switch_language"),
]

urlpatterns += i18n_patterns(
    path("", include("cities.urls")),
    path("", include("compare.urls")),
    path("", include("votes.urls")),
    path("", include("initiatives.urls")),
    path("search/", search_views.search_page, name="search"),
    prefix_default_language=False,
)

handler500 = "credit_portal.views.server_error"
