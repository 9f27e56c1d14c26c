"""Public pages under /veranstaltungen/: events open for registration and personal links."""

from django.urls import path

from . import views

app_name = "events"

BOOKING = "buchung/<str:token>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:event_id>/", views.event, name="event"),
    path("termin/<int:occurrence_id>/anmelden/", views.register, name="register"),
    path("termin/<int:occurrence_id>/gesendet/", views.sent, name="sent"),
    path(BOOKING, views.booking, name="booking"),
    path(BOOKING + "bestaetigen/", views.booking_confirm, name="booking_confirm"),
    path(BOOKING + "annehmen/", views.booking_accept, name="booking_accept"),
    path(BOOKING + "absagen/", views.booking_cancel, name="booking_cancel"),
    path(BOOKING + "termin.ics", views.booking_ics, name="booking_ics"),
]
