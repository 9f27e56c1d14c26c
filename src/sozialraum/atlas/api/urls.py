"""Sozialatlas API URLs under /api/sozialatlas/ (no language prefix; ``locale`` picks the
language, as in the HSDS API)."""

from django.urls import path

from . import views

app_name = "atlas_api"

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    path("indicators", views.indicators, name="indicators"),
    path("indicators/<str:key>", views.indicator, name="indicator"),
    path("levels", views.levels, name="levels"),
    path("areas", views.areas, name="areas"),
    path("values", views.values, name="values"),
]
