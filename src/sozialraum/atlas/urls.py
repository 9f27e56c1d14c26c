from django.urls import path

from . import map_views, profile_views, report_views, views, warning_views

app_name = "atlas"

urlpatterns = [
    path("", views.index, name="index"),
    path("karte/", map_views.map_page, name="map"),
    path("karte.<str:fmt>", map_views.map_download, name="map_download"),
    path("profil/<slug:level_slug>/<str:code>/", profile_views.profile_page, name="profile"),
    path(
        "profil/<slug:level_slug>/<str:code>/ab-<str:since>/",
        profile_views.profile_page,
        name="profile_since",
    ),
    path("vergleich/", profile_views.compare_page, name="compare"),
    path("fruehwarnung/", warning_views.findings_page, name="warnings"),
    path("berichte/", report_views.report_list, name="reports"),
    path("berichte/<slug:slug>.pdf", report_views.report_pdf, name="report_pdf"),
    path("berichte/<slug:slug>/", report_views.report_page, name="report"),
]
