from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassesConfig(AppConfig):
    name = "sozialraum.passes"
    verbose_name = _("Pässe")

    # The audit log's words for this app's actions (core/views_manage.py: action_label).
    audit_actions = {
        "passes.issued": _("Pässe ausgegeben"),
        "passes.imported": _("Pässe importiert"),
        "passes.changed": _("Pass geändert"),
        "passes.revoked": _("Pass gesperrt"),
        "passes.reinstated": _("Pass wieder freigegeben"),
        "passes.type_created": _("Passart angelegt"),
        "passes.type_changed": _("Passart geändert"),
    }
