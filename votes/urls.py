from django.urls import path

from votes import views

urlpatterns = [
    path("vote/", views.tally_detail, name="vote"),
    path("vote/tally.json", views.tally_download, {"fmt": "json"}, name="vote_tally_json"),
    path("vote/tally.csv", views.tally_download, {"fmt": "csv"}, name="vote_tally_csv"),
    path("vote/chart.<str:fmt>", views.vote_chart_download, name="vote_chart_download"),
    path("vote/<slug:slug>/", views.vote_cast, name="vote_cast"),
    path("vote/<slug:slug>/withdraw/", views.vote_withdraw, name="vote_withdraw"),
]
