"""Accounts and roles in the management area (/verwaltung/konten/), for administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.directory.models import Membership

from . import services
from .forms import RolesForm, UserSearchForm
from .models import User
from .roles import Role
from .views import signed_in_user

manage_roles_required = permission_required("accounts.manage_roles", raise_exception=True)


def _users_with_details():
    from allauth.mfa.models import Authenticator

    return User.objects.prefetch_related(
        "groups",
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organization").order_by(
                "organization__name"
            ),
        ),
        Prefetch(
            "authenticator_set",
            queryset=Authenticator.objects.filter(type=Authenticator.Type.TOTP),
            to_attr="totp_authenticators",
        ),
    )


@login_required
@manage_roles_required
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserSearchForm(request.GET or None)
    users = _users_with_details().order_by("email")
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            users = users.filter(Q(email__icontains=query) | Q(name__icontains=query))
        role = form.cleaned_data["role"]
        if role == "provider":
            users = users.filter(memberships__isnull=False).distinct()
        elif role == Role.ADMINISTRATOR:
            users = users.filter(Q(groups__name=role) | Q(is_superuser=True)).distinct()
        elif role:
            users = users.filter(groups__name=role)
    page = Paginator(users, 50).get_page(request.GET.get("seite"))
    query_string = request.GET.copy()
    query_string.pop("seite", None)
    return render(
        request,
        "accounts/manage/user_list.html",
        {"form": form, "page": page, "query_string": query_string.urlencode()},
    )


@login_required
@manage_roles_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(_users_with_details(), pk=user_id)
    current_roles = [group.name for group in account.groups.all() if group.name in Role.values]
    form = RolesForm(request.POST or None, initial={"roles": current_roles})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_roles(
                user=account, roles=form.cleaned_data["roles"], actor=signed_in_user(request)
            )
        except services.AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Die Rollen von %(email)s sind gespeichert.") % {"email": account.email}
            )
            return redirect("accounts_manage:user", user_id=account.pk)
    return render(request, "accounts/manage/user_detail.html", {"account": account, "form": form})


@require_POST
@login_required
@manage_roles_required
def user_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    activate = request.POST.get("active") == "1"
    try:
        if activate:
            services.user_reactivate(user=account, actor=signed_in_user(request))
            messages.success(
                request,
                _("Das Konto %(email)s ist wieder freigeschaltet.") % {"email": account.email},
            )
        else:
            services.user_deactivate(user=account, actor=signed_in_user(request))
            messages.success(
                request,
                _("Das Konto %(email)s ist gesperrt. Die Person kann sich nicht mehr anmelden.")
                % {"email": account.email},
            )
    except services.AccountError as error:
        messages.error(request, str(error))
    return redirect("accounts_manage:user", user_id=account.pk)


@login_required
@manage_roles_required
def user_two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """Lost phone: ask to confirm (GET), then remove the person's two-factor sign-in (POST)."""
    account = get_object_or_404(_users_with_details(), pk=user_id)
    if request.method == "POST":
        try:
            services.two_factor_reset(actor=signed_in_user(request), user=account)
        except services.AccountError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Die Zwei-Schritt-Anmeldung von %(email)s ist zurückgesetzt. Bei der nächsten "
                    "Anmeldung richtet die Person sie neu ein."
                )
                % {"email": account.email},
            )
        return redirect("accounts_manage:user", user_id=account.pk)
    return render(request, "accounts/manage/user_two_factor_reset.html", {"account": account})
