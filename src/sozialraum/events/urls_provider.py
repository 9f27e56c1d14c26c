"""Provider pages for registration, under /angebote/organisation/ beside the directory's own
(two-factor protected by accounts.middleware)."""

from django.urls import path

from . import views_provider as views

app_name = "events_provider"

EVENT = "<uuid:organization_id>/veranstaltungen/<uuid:event_id>/anmeldung/"
DATE = EVENT + "termine/<int:occurrence_id>/"

urlpatterns = [
    path(EVENT, views.registration, name="registration"),
    path(EVENT + "fragen/", views.questions, name="questions"),
    path(EVENT + "fragen/<int:question_id>/", views.question_edit, name="question_edit"),
    path(
        EVENT + "fragen/<int:question_id>/loeschen/",
        views.question_delete,
        name="question_delete",
    ),
    path(EVENT + "absagen/", views.registration_cancel, name="registration_cancel"),
    path(DATE, views.date, name="date"),
    path(DATE + "teilnehmende.<str:extension>", views.export, name="export"),
    path(DATE + "nachricht/", views.message, name="message"),
    path(DATE + "absagen/", views.date_cancel, name="date_cancel"),
]
