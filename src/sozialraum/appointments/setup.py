"""Writes of the provider's set-up: the offer's settings and its lists (hours, exceptions,
topics, counsellors and rooms), each saved atomically and recorded in the audit log."""

from typing import Any

from django.db import transaction
from django.forms import BaseModelFormSet, ModelForm

from sozialraum.core.audit import audit_log, snapshot
from sozialraum.directory.models import Service

from .models import AppointmentOffer


def offer_for(service: Service) -> AppointmentOffer | None:
    return AppointmentOffer.objects.filter(service=service).first()


def offer_save(*, service: Service, form: ModelForm, actor: Any) -> AppointmentOffer:
    """Create or change the service's appointment settings."""
    with transaction.atomic():
        before = snapshot(form.instance) if form.instance.pk else None
        offer = form.save(commit=False)
        offer.service = service
        offer.save()
        audit_log(
            actor=actor,
            action="appointments.offer_changed" if before else "appointments.offer_created",
            obj=offer,
            before=before,
            after=snapshot(offer),
        )
    return offer


def formset_save(*, offer: AppointmentOffer, formset: BaseModelFormSet, actor: Any) -> int:
    """Save a list (rows added, changed, deleted); returns how many rows changed."""
    changes = 0
    with transaction.atomic():
        before = {form.instance.pk: snapshot(form.instance) for form in formset.initial_forms}
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_log(
                actor=actor,
                action="appointments.setup_deleted",
                obj=obj,
                before=before.get(obj.pk),
            )
            obj.delete()
            changes += 1
        for obj in instances:
            obj.offer = offer
            existed = obj.pk is not None
            obj.save()
            audit_log(
                actor=actor,
                action="appointments.setup_changed" if existed else "appointments.setup_created",
                obj=obj,
                before=before.get(obj.pk) if existed else None,
                after=snapshot(obj),
            )
            changes += 1
    return changes
