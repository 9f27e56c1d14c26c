"""Public pages of holiday programmes under /ferienprogramm/."""

from django.urls import path

from . import views

app_name = "lottery"

WISHES = "wuensche/<str:token>/"

urlpatterns = [
    path("<int:pk>/", views.programme, name="programme"),
    path("<int:pk>/gesendet/", views.sent, name="sent"),
    path(WISHES, views.application, name="application"),
    path(WISHES + "bestaetigen/", views.application_confirm, name="application_confirm"),
    path(WISHES + "zurueckziehen/", views.application_withdraw, name="application_withdraw"),
]
