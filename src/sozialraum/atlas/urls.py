from django.urls import path

from . import map_views, views
from .warning_views import findings_page

app_name = "atlas"

urlpatterns = [
    path("", views.index, name="index"),
    path("karte/", map_views.map_page, name="map"),
    path("karte.<str:fmt>", map_views.map_download, name="map_download"),
    path("fruehwarnung/", findings_page, name="warnings"),
]
