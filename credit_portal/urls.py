from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("initiatives.api.urls")),
    path("", include("initiatives.dataset_urls")),
    path("", include("cities.urls")),
    path("", include("initiatives.urls")),
]
