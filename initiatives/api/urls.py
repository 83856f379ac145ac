from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.docs, name="docs"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("provinces/", views.province_list, name="province-list"),
    path("provinces/<str:slug>/", views.province_detail, name="province-detail"),
    path("cities/", views.city_list, name="city-list"),
    path("cities/<str:slug>/", views.city_detail, name="city-detail"),
    path("categories/", views.category_list, name="category-list"),
    path("categories/<str:slug>/", views.category_detail, name="category-detail"),
    path("metric-kinds/", views.metric_kind_list, name="metric-kind-list"),
    path("metric-kinds/<str:slug>/", views.metric_kind_detail, name="metric-kind-detail"),
    path("innovation-models/", views.innovation_model_list, name="innovation-model-list"),
    path("innovation-models/<str:slug>/", views.innovation_model_detail, name="innovation-model-detail"),
    path("initiatives/", views.initiative_list, name="initiative-list"),
    path("initiatives/<str:pk>/", views.initiative_detail, name="initiative-detail"),
    path("metrics/", views.metric_list, name="metric-list"),
    path("metrics/<str:pk>/", views.metric_detail, name="metric-detail"),
    # Anything else under /api/ answers a JSON 404, not the site's HTML one.
    re_path(r"^(?P<path>.*)$", views.not_found),
]
