"""HSDS 3.0 API URLs (placeholder until built)."""

from django.urls import URLPattern

app_name = "hsds"

urlpatterns: list[URLPattern] = []
