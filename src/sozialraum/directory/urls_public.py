"""Public directory pages: search with list and map, digital contact points, service detail."""

from django.urls import path

from . import views_public

urlpatterns = [
    path("", views_public.index, name="index"),
    path("karte.geojson", views_public.map_data, name="map_data"),
    path("digitale-anlaufstellen/", views_public.digital, name="digital"),
    path("<uuid:service_id>/", views_public.service_detail, name="service"),
]
