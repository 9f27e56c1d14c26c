from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "sozialraum.appointments"
    verbose_name = _("Termine")

    # The audit log's words for this app's actions (core/views_manage.py: action_label).
    audit_actions = {
        "appointments.offer_created": _("Terminbuchung eingerichtet"),
        "appointments.offer_changed": _("Terminbuchung geändert"),
        "appointments.setup_created": _("Eintrag der Terminbuchung angelegt"),
        "appointments.setup_changed": _("Eintrag der Terminbuchung geändert"),
        "appointments.setup_deleted": _("Eintrag der Terminbuchung gelöscht"),
        "appointments.requested": _("Termin angefragt"),
        "appointments.confirmed": _("Termin bestätigt"),
        "appointments.booked_for_caller": _("Termin für eine Person gebucht"),
        "appointments.moved": _("Termin verschoben"),
        "appointments.cancelled": _("Termin abgesagt"),
        "appointments.no_show": _("Nicht erschienen"),
        "appointments.showed_up": _("Doch erschienen"),
        "appointments.anonymised": _("Persönliche Daten gelöscht"),
    }
