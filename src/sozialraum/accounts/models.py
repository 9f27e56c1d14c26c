from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import STAFF_ROLES, Role


class UserManager(BaseUserManager["User"]):
    """Users log in with their e-mail address; there is no user name."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, **extra_fields: object
    ) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: object
    ) -> "User":
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    language = models.CharField(
        _("Sprache"),
        max_length=10,
        blank=True,
        help_text=_(
            "Die Sprache der Seiten bei der letzten Anmeldung. E-Mails an diese Person sind in "
            "dieser Sprache."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def mail_language(self) -> str:
        """The language for e-mails to this person: the one they last used, else German."""
        if self.language in dict(settings.LANGUAGES):
            return self.language
        return settings.LANGUAGE_CODE

    #: Set for one request by RequireTwoFactorForStaffMiddleware: a staff member whose session
    #: has not passed the second factor has no permissions (public pages only).
    staff_rights_pending = False

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        if self.staff_rights_pending:
            return False
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.staff_rights_pending:
            return False
        return super().has_module_perms(app_label)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email

    @property
    def roles(self) -> set[Role]:
        """The city-wide roles of this user (provider staff is a membership, not a role here)."""
        if not self.is_authenticated:
            return set()
        if not hasattr(self, "_roles_cache"):
            names = {group.name for group in self.groups.all()}  # uses prefetched groups
            self._roles_cache = {role for role in Role if role.value in names}
            if self.is_superuser:
                self._roles_cache.add(Role.ADMINISTRATOR)
        return self._roles_cache

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def needs_two_factor(self) -> bool:
        """Staff roles (city staff and provider staff) must protect their account with TOTP.

        So must anyone who may open the Django admin (is_staff, superusers).
        """
        if self.is_staff or self.is_superuser or self.roles & STAFF_ROLES:
            return True
        return self.memberships.exists()  # type: ignore[attr-defined]
