"""Directory URLs: freshness, an organization confirms that its services are current."""

from django.urls import path

from . import views_freshness

urlpatterns = [
    path(
        "organisation/<uuid:organization_id>/aktualitaet/",
        views_freshness.freshness_page,
        name="freshness",
    ),
]
