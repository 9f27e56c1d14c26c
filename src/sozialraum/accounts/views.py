from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sozialraum.directory.models import Membership

from .models import User


def signed_in_user(request: HttpRequest) -> User:
    """The user of a view behind login_required."""
    assert isinstance(request.user, User)
    return request.user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=signed_in_user(request))
        .select_related("organization")
        .order_by("organization__name")
    )
    return render(
        request,
        "accounts/dashboard.html",
        {"memberships": memberships, "management_url": reverse("manage:index")},
    )
