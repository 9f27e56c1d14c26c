"""Public directory pages: search with list and map, service detail."""

from django.urls import path

from . import views_public

urlpatterns = [
    path("", views_public.index, name="index"),
    path("<uuid:service_id>/", views_public.service_detail, name="service"),
]
