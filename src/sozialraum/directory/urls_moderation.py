"""Moderation of providers' changes under /verwaltung/angebote/ (namespace "moderation")."""

from django.urls import path

from . import views_moderation as views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:change_id>/", views.detail, name="detail"),
    path("<int:change_id>/freigeben/", views.approve, name="approve"),
    path("<int:change_id>/ablehnen/", views.reject, name="reject"),
    path("organisation/<uuid:organization_id>/vertrauen/", views.trust, name="trust"),
]
