"""Holiday programmes in the management area: /verwaltung/ferienprogramme/ (docs/lottery.md)."""

from django.urls import path

from . import views_manage as views

app_name = "lottery_manage"

urlpatterns = [
    path("", views.index, name="index"),
    path("neu/", views.edit, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/verlosen/", views.draw, name="draw"),
]
