"""Management of accounts and roles (/verwaltung/konten/), for administrators."""

from django.urls import path

from . import views_manage

app_name = "accounts_manage"

urlpatterns = [
    path("", views_manage.user_list, name="index"),
    path("<int:user_id>/", views_manage.user_detail, name="user"),
    path("<int:user_id>/status/", views_manage.user_set_active, name="user_set_active"),
    path(
        "<int:user_id>/zwei-schritt-zuruecksetzen/",
        views_manage.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
]
