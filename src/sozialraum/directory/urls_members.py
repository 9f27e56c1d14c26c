"""Member pages of an organization, included from directory/urls.py."""

from django.urls import path

from . import views_members

urlpatterns = [
    path("organisation/<uuid:organization_id>/mitglieder/", views_members.members, name="members"),
    path(
        "organisation/<uuid:organization_id>/mitglieder/<int:membership_id>/rolle/",
        views_members.membership_change,
        name="membership_change",
    ),
    path(
        "organisation/<uuid:organization_id>/mitglieder/<int:membership_id>/entfernen/",
        views_members.membership_remove,
        name="membership_remove",
    ),
    path(
        "organisation/<uuid:organization_id>/mitglieder/einladungen/<int:invitation_id>/zurueckziehen/",
        views_members.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisation/<uuid:organization_id>/mitglieder/einladung/<str:token>/",
        views_members.invitation,
        name="invitation",
    ),
]
