from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LotteryConfig(AppConfig):
    name = "sozialraum.lottery"
    verbose_name = _("Ferienprogramme und Verlosung")

    # The audit log's words for this app's actions (core/views_manage.py: action_label).
    audit_actions = {
        "lottery.programme_created": _("Ferienprogramm angelegt"),
        "lottery.programme_changed": _("Ferienprogramm geändert"),
        "lottery.application_created": _("Wünsche eingegangen"),
        "lottery.application_confirmed": _("Wünsche bestätigt"),
        "lottery.application_withdrawn": _("Wünsche zurückgezogen"),
        "lottery.drawn": _("Plätze verlost"),
        "lottery.place_won": _("Platz in der Verlosung bekommen"),
        "lottery.waitlisted": _("Nach der Verlosung auf der Warteliste"),
    }

    def ready(self) -> None:
        from sozialraum.events.signals import date_cancelled

        from .services import tell_families_of_cancelled_date

        date_cancelled.connect(tell_families_of_cancelled_date, dispatch_uid="lottery.cancelled")
