"""Directory URLs under /angebote/; each part of the directory keeps its own module."""

from django.urls import include, path

app_name = "directory"

urlpatterns = [
    # citizens: search, list, map, detail pages
    path("", include("sozialraum.directory.urls_public")),
    # provider staff: registration, their organizations' entries (2FA: angebote/organisation/)
    path("", include("sozialraum.directory.urls_provider")),
    path("", include("sozialraum.directory.urls_members")),
    # freshness: confirming that entries are current
    path("", include("sozialraum.directory.urls_freshness")),
    # partner websites: embeddable widget, iCalendar feed
    path("", include("sozialraum.directory.urls_widget")),
]
