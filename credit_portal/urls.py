from django.contrib import admin
from django.urls import include, path

from credit_portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("initiatives.api.urls")),
    path("", include("initiatives.dataset_urls")),
    path("", include("cities.urls")),
    path("", include("initiatives.urls")),
]

handler500 = "credit_portal.views.server_error"
