from django.urls import path

from initiatives import dataset

urlpatterns = [
    path("about/data.zip", dataset.dataset_download, name="dataset_download"),
]
