"""Public pages: /termine/ (book), /termine/t/<token>/ (a citizen's personal link)."""

from django.urls import path

from . import views

app_name = "appointments"

SERVICE = "<uuid:service_id>/"
TOPIC = SERVICE + "<int:topic_id>/"
PERSONAL_LINK = "t/<str:token>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(SERVICE, views.offer, name="offer"),
    path(SERVICE + "gesendet/", views.sent, name="sent"),
    path(TOPIC, views.times, name="times"),
    path(TOPIC + "buchen/", views.book, name="book"),
    path(PERSONAL_LINK, views.manage, name="manage"),
    path(PERSONAL_LINK + "bestaetigen/", views.confirm, name="confirm"),
    path(PERSONAL_LINK + "absagen/", views.cancel, name="cancel"),
    path(PERSONAL_LINK + "verschieben/", views.move, name="move"),
]
