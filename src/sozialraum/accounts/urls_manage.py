"""Management of accounts and roles (/verwaltung/konten/), for administrators."""

from django.urls import URLPattern

app_name = "accounts_manage"

urlpatterns: list[URLPattern] = []
