from django.urls import path

from . import map_views, views

app_name = "atlas"

urlpatterns = [
    path("", views.index, name="index"),
    path("karte/", map_views.map_page, name="map"),
    path("karte.<str:fmt>", map_views.map_download, name="map_download"),
]
