from django.urls import path

from cities import views

urlpatterns = [
    path("", views.home, name="home"),
]
