"""Pass pages in the management area: /verwaltung/paesse/ (docs/passes.md)."""

from django.urls import path

from . import views

app_name = "passes_manage"

urlpatterns = [
    path("", views.index, name="index"),
    path("ausgeben/", views.issue, name="issue"),
    path("import/", views.import_passes, name="import"),
    path("export/", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sperren/", views.revoke, name="revoke"),
    path("<int:pk>/freigeben/", views.reinstate, name="reinstate"),
    path("arten/neu/", views.type_create, name="type_create"),
    path("arten/<int:pk>/", views.type_edit, name="type_edit"),
]
