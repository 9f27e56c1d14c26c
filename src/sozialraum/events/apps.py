from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sozialraum.events"
    verbose_name = _("Veranstaltungen")

    # The audit log's words for this app's actions (core/views_manage.py: action_label).
    audit_actions = {
        "events.registration_opened": _("Anmeldung geöffnet"),
        "events.registration_changed": _("Anmeldung geändert"),
        "events.registration_closed": _("Anmeldung geschlossen"),
        "events.question_added": _("Frage hinzugefügt"),
        "events.question_changed": _("Frage geändert"),
        "events.question_deleted": _("Frage gelöscht"),
        "events.capacity_changed": _("Plätze geändert"),
        "events.date_cancelled": _("Termin abgesagt"),
        "events.booking_created": _("Anmeldung eingegangen"),
        "events.booking_confirmed": _("Anmeldung bestätigt"),
        "events.booking_cancelled": _("Anmeldung storniert"),
        "events.booking_cancelled_by_provider": _("Anmeldung vom Anbieter storniert"),
        "events.booking_expired": _("Anmeldung verfallen (nicht bestätigt)"),
        "events.waitlist_confirmed": _("Platz auf der Warteliste bestätigt"),
        "events.offer_made": _("Freie Plätze angeboten"),
        "events.offer_accepted": _("Angebot angenommen"),
        "events.offer_expired": _("Angebot verfallen"),
        "events.attendance_marked": _("Anwesenheit eingetragen"),
        "events.participants_messaged": _("Nachricht an Teilnehmende"),
    }

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from .models import Registration
        from .signals import keep_registrations_with_people

        pre_delete.connect(
            keep_registrations_with_people, sender=Registration, dispatch_uid="events.keep"
        )
