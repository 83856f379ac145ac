from django.urls import path

from initiatives import chart_views, measure_views, views

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("metrics/", measure_views.metric_kind_list, name="metric_kind_list"),
    path("metrics/<slug:slug>/", measure_views.metric_kind_detail, name="metric_kind_detail"),
    path("metrics/families/<slug:family>/", measure_views.metric_family_detail, name="metric_family_detail"),
    path("metrics/<slug:slug>/chart.<str:fmt>", chart_views.measure_chart_download, name="metric_kind_chart_download"),
    path("charts/themes.<str:fmt>", chart_views.themes_chart_download, name="themes_chart_download"),
    path("coverage/", measure_views.coverage, name="coverage"),
    path("timeline/", measure_views.timeline, name="timeline"),
]
