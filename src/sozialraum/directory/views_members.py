"""An organization's members and invitations: /angebote/organisation/<uuid>/mitglieder/."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.accounts.views import signed_in_user

from . import services
from .forms import InvitationForm
from .models import Invitation, Membership, Organization


def _organization_for(request: HttpRequest, organization_id: str, perm: str) -> Organization:
    """The organization, if the current user may do `perm` with it (404 if it does not exist)."""
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


@login_required
def members(request: HttpRequest, organization_id: str) -> HttpResponse:
    organization = _organization_for(
        request, organization_id, "directory.view_organization_members"
    )
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("directory.invite_member", organization):
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    organization=organization,
                    email=form.cleaned_data["email"],
                    as_admin=form.cleaned_data["as_admin"],
                    invited_by=signed_in_user(request),
                    site_url=request.build_absolute_uri("/"),
                )
            except services.MembershipError as error:
                form.add_error("email", str(error))
            else:
                messages.success(
                    request,
                    _("Die Einladung an %(email)s ist verschickt.") % {"email": invitation.email},
                )
                return redirect(organization.get_members_url())
    return render(
        request,
        "directory/members/list.html",
        {
            "organization": organization,
            "memberships": organization.memberships.select_related("user").order_by(
                "-is_admin", "user__email"
            ),
            "invitations": organization.invitations.filter(accepted_at__isnull=True).order_by(
                "email"
            ),
            "form": form,
        },
    )


@require_POST
@login_required
def membership_change(
    request: HttpRequest, organization_id: str, membership_id: int
) -> HttpResponse:
    organization = _organization_for(request, organization_id, "directory.change_membership")
    membership = get_object_or_404(Membership, pk=membership_id, organization=organization)
    make_admin = request.POST.get("is_admin") == "1"
    try:
        services.membership_set_admin(
            membership=membership, is_admin=make_admin, actor=signed_in_user(request)
        )
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        if make_admin:
            message = _("%(email)s verwaltet jetzt die Organisation mit.")
        else:
            message = _("%(email)s verwaltet die Organisation nicht mehr mit.")
        messages.success(request, message % {"email": membership.user.email})
    return redirect(organization.get_members_url())


@login_required
def membership_remove(
    request: HttpRequest, organization_id: str, membership_id: int
) -> HttpResponse:
    organization = _organization_for(request, organization_id, "directory.remove_member")
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organization=organization
    )
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, actor=signed_in_user(request))
        except services.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(email)s gehört nicht mehr zu %(organization)s.")
                % {"email": membership.user.email, "organization": organization},
            )
        if membership.user_id == request.user.pk and not request.user.has_perm(
            "directory.view_organization_members", organization
        ):
            return redirect("accounts:dashboard")
        return redirect(organization.get_members_url())
    return render(
        request,
        "directory/members/remove.html",
        {"organization": organization, "membership": membership},
    )


@require_POST
@login_required
def invitation_revoke(
    request: HttpRequest, organization_id: str, invitation_id: int
) -> HttpResponse:
    organization = _organization_for(request, organization_id, "directory.invite_member")
    invitation = get_object_or_404(Invitation, pk=invitation_id, organization=organization)
    try:
        services.invitation_revoke(invitation=invitation, actor=signed_in_user(request))
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Die Einladung an %(email)s ist zurückgezogen.") % {"email": invitation.email},
        )
    return redirect(organization.get_members_url())


def invitation(request: HttpRequest, organization_id: str, token: str) -> HttpResponse:
    """The link from the invitation e-mail: sign in or sign up, then accept."""
    found = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(organization_id=organization_id, token=token)
        .first()
    )
    if found is None:
        return render(request, "directory/members/invitation_invalid.html", status=404)
    context: dict[str, object] = {"invitation": found, "organization": found.organization}
    if not found.is_open:
        return render(request, "directory/members/invitation_closed.html", context, status=410)
    if not request.user.is_authenticated:
        # Whoever has the link has read the e-mail: signing up with this address needs no
        # second confirmation mail.
        get_adapter(request).stash_verified_email(request, found.email)
        return render(request, "directory/members/invitation.html", context)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=found, user=signed_in_user(request))
        except services.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Willkommen! Sie gehören jetzt zu %(organization)s.")
                % {"organization": found.organization},
            )
            return redirect(found.organization.get_members_url())
    context["address_matches"] = services.user_has_address(signed_in_user(request), found.email)
    return render(request, "directory/members/invitation.html", context)
