"""Management area (/verwaltung/): pages, site settings and the audit log, for city staff."""

from django.urls import path

from . import views_manage as views

app_name = "manage"

urlpatterns = [
    path("", views.index, name="index"),
    path("seiten/", views.page_list, name="page_list"),
    path("seiten/neu/", views.page_create, name="page_create"),
    path("seiten/<slug:slug>/bearbeiten/", views.page_edit, name="page_edit"),
    path("einstellungen/", views.site_settings, name="settings"),
    path("protokoll/", views.audit_list, name="audit_list"),
    path("protokoll/<int:pk>/", views.audit_detail, name="audit_detail"),
]
