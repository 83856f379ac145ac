from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("sources", views.SourceViewSet, basename="source")
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("cities", views.CityViewSet, basename="city")
router.register("categories", views.CategoryViewSet, basename="category")
router.register("metric-kinds", views.MetricKindViewSet, basename="metric-kind")
router.register("innovation-models", views.InnovationModelViewSet, basename="innovation-model")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("metrics", views.MetricViewSet, basename="metric")

urlpatterns = [
    path("", views.docs, name="docs"),
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
    *router.urls,
    # Anything else under /api/ answers a JSON 404, not the site's HTML one (a newline in the path included).
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found),
]
