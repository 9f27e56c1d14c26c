"""The provider's pages, under /angebote/organisation/<id>/termine/ (two-factor protected by
accounts.middleware, like the rest of the provider area)."""

from django.urls import path

from . import views_provider as views

app_name = "appointments_provider"

SERVICE = "<uuid:service_id>/"

urlpatterns = [
    path("", views.overview, name="overview"),
    path(SERVICE, views.settings_page, name="settings"),
    path(SERVICE + "sprechzeiten/", views.weekly_hours, name="weekly_hours"),
    path(SERVICE + "ausnahmen/", views.special_days, name="special_days"),
    path(SERVICE + "themen/", views.topics, name="topics"),
    path(SERVICE + "beratende/", views.resources, name="resources"),
    path(SERVICE + "tag/", views.day, name="day"),
    path(SERVICE + "buchen/", views.book_for_caller, name="book"),
    path(SERVICE + "termin/<int:appointment_id>/", views.appointment_action, name="action"),
]
