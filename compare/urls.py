from django.urls import path

from compare import views

urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("compare/csv/", views.compare_csv, name="compare_csv"),
]
