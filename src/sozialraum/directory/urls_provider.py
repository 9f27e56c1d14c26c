"""Directory URLs: provider (placeholder until built)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
