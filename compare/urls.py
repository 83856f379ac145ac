from django.urls import path

from compare import views

urlpatterns = [
    path("compare/", views.comparison_detail, name="compare"),
    path("compare/csv/", views.comparison_download, {"fmt": "csv"}, name="compare_csv"),
]
