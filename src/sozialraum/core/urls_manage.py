"""Management area (/verwaltung/): pages, site settings and the audit log, for city staff."""

from django.urls import URLPattern

app_name = "manage"

urlpatterns: list[URLPattern] = []
