from django.urls import path

from cities import compare_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("compare/", compare_views.compare, name="compare"),
    path("compare/csv/", compare_views.compare_csv, name="compare_csv"),
]
