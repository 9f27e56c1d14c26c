"""Moderation of providers' changes under /verwaltung/angebote/ (placeholder until built)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
