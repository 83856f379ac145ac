from django.urls import path

from initiatives import measure_views

urlpatterns = [
    path("metrics/", measure_views.metric_kind_list, name="metric_kind_list"),
    path("metrics/<slug:slug>/", measure_views.metric_kind_detail, name="metric_kind_detail"),
    path("coverage/", measure_views.coverage, name="coverage"),
    path("timeline/", measure_views.timeline, name="timeline"),
]
