from django.urls import path

from cities import views

urlpatterns = [
    path("", views.home, name="home"),
    path("provinces/", views.province_list, name="province_list"),
    path("provinces/<slug:slug>/", views.province_detail, name="province_detail"),
    path("cities/", views.city_list, name="city_list"),
    path("cities/<slug:slug>/", views.city_detail, name="city_detail"),
    path("innovation-models/", views.innovation_model_list, name="innovation_model_list"),
    path("innovation-models/<slug:slug>/", views.innovation_model_detail, name="innovation_model_detail"),
    path("lessons/", views.lesson_list, name="lesson_list"),
    path("about/", views.about, name="about"),
]
