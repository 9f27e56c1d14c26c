"""Provider self-service: /angebote/mitmachen/ for newcomers, /angebote/organisation/ for staff
(two-factor protected by accounts.middleware)."""

from django.urls import path

from . import views_provider as views

ORG = "organisation/<uuid:organization_id>/"
SERVICE = ORG + "angebote/<uuid:service_id>/"

urlpatterns = [
    path("mitmachen/", views.start, name="provider_start"),
    path("mitmachen/anmelden/", views.register, name="provider_register"),
    path("mitmachen/uebernehmen/", views.claim_search, name="provider_claim_search"),
    path("mitmachen/uebernehmen/<uuid:organization_id>/", views.claim, name="provider_claim"),
    path("organisation/", views.dashboard, name="provider_dashboard"),
    path(ORG, views.organization, name="provider_organization"),
    path(ORG + "bearbeiten/", views.organization_edit, name="provider_organization_edit"),
    path(
        ORG + "uebersetzung/<str:language>/",
        views.organization_translation,
        name="provider_organization_translation",
    ),
    path(ORG + "anfragen/<int:change_id>/", views.change_detail, name="provider_change"),
    path(
        ORG + "anfragen/<int:change_id>/zurueckziehen/",
        views.withdraw,
        name="provider_withdraw",
    ),
    path(ORG + "angebote/neu/", views.service_create, name="provider_service_create"),
    path(SERVICE, views.service_edit, name="provider_service_edit"),
    path(SERVICE + "oeffnungszeiten/", views.service_hours, name="provider_service_hours"),
    path(
        SERVICE + "uebersetzung/<str:language>/",
        views.service_translation,
        name="provider_service_translation",
    ),
    path(SERVICE + "loeschen/", views.service_delete, name="provider_service_delete"),
    path(ORG + "orte/neu/", views.location_create, name="provider_location_create"),
    path(ORG + "orte/<uuid:location_id>/", views.location_edit, name="provider_location_edit"),
    path(
        ORG + "orte/<uuid:location_id>/oeffnungszeiten/",
        views.location_hours,
        name="provider_location_hours",
    ),
    path(
        ORG + "orte/<uuid:location_id>/loeschen/",
        views.location_delete,
        name="provider_location_delete",
    ),
    path(ORG + "veranstaltungen/neu/", views.event_create, name="provider_event_create"),
    path(ORG + "veranstaltungen/<uuid:event_id>/", views.event_edit, name="provider_event_edit"),
    path(
        ORG + "veranstaltungen/<uuid:event_id>/loeschen/",
        views.event_delete,
        name="provider_event_delete",
    ),
]
