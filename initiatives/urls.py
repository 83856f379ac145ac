from django.urls import path

from initiatives import views

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
]
