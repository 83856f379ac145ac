from django.urls import path

from initiatives.views import charts, coverage, initiatives, measures, themes, timeline

urlpatterns = [
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
    path("categories/", themes.category_list, name="category_list"),
    path("categories/<slug:slug>/", themes.category_detail, name="category_detail"),
    path("topics/", themes.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", themes.topic_detail, name="topic_detail"),
    path("metrics/", measures.metric_kind_list, name="metric_kind_list"),
    path("metrics/<slug:slug>/", measures.metric_kind_detail, name="metric_kind_detail"),
    path("metrics/families/<slug:family>/", measures.metric_family_detail, name="metric_family_detail"),
    path("metrics/<slug:slug>/chart.<str:fmt>", charts.measure_chart_download, name="metric_kind_chart_download"),
    path("charts/themes.<str:fmt>", charts.themes_chart_download, name="themes_chart_download"),
    path("coverage/", coverage.coverage_detail, name="coverage"),
    path("timeline/", timeline.timeline_detail, name="timeline"),
]
