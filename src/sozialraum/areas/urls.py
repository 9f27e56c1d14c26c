from django.urls import path

from . import views

app_name = "areas"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:level_slug>.geojson", views.level_geojson, name="level_geojson"),
    path("<slug:level_slug>/", views.level_detail, name="level"),
    path("<slug:level_slug>/<str:code>/", views.area_detail, name="area"),
    path("<slug:level_slug>/<str:code>/ab-<str:since>/", views.area_detail, name="area_since"),
]
