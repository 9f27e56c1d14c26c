"""Directory URLs for partner websites: embeddable list, snippet generator, events feed."""

from django.urls import path

from . import views_widget

urlpatterns = [
    path("widget/", views_widget.widget, name="widget"),
    path("einbetten/", views_widget.snippet, name="widget_snippet"),
    path("veranstaltungen.ics", views_widget.events_ical, name="events_ical"),
]
