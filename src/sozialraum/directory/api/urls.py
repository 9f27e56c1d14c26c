"""HSDS 3.0 API URLs under /api/hsds/ (no language prefix; ``locale`` picks the language)."""

from django.urls import path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    path("services", views.services, name="services"),
    path("services/<str:service_id>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:organization_id>", views.organization, name="organization"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:service_at_location_id>",
        views.service_at_location,
        name="service_at_location",
    ),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:taxonomy_term_id>", views.taxonomy_term, name="taxonomy_term"),
    path("export.json", views.download, {"file_format": "json"}, name="export_json"),
    path("export.zip", views.download, {"file_format": "zip"}, name="export_zip"),
    path("export.xlsx", views.download, {"file_format": "xlsx"}, name="export_xlsx"),
]
