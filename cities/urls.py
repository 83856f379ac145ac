from django.urls import path

from cities import compare_views, views, vote_views

urlpatterns = [
    path("", views.home, name="home"),
    path("compare/", compare_views.compare, name="compare"),
    path("vote/", vote_views.vote, name="vote"),
    path("vote/tally.json", vote_views.tally_json, name="vote_tally_json"),
    path("vote/tally.csv", vote_views.tally_csv, name="vote_tally_csv"),
    path("vote/<slug:slug>/", vote_views.vote_cast, name="vote_cast"),
    path("vote/<slug:slug>/withdraw/", vote_views.vote_withdraw, name="vote_withdraw"),
]
