from django.urls import path

from intake import views

urlpatterns = [
    path("", views.start, name="intake_start"),
    path("<int:pk>/", views.review, name="intake_review"),
]
