from django.urls import include, path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("", include("sozialraum.directory.urls_members")),
]
