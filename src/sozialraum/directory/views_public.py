"""Public directory pages (placeholders until the search page is built)."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models import Service


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/module_coming.html",
        {
            "module_title": _("Angebote"),
            "module_intro": _(
                "Beratung, Hilfe und Treffpunkte finden: nach Thema, Stadtteil und "
                "Sprache, als Liste oder auf der Karte."
            ),
        },
    )


def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service.objects.public(), pk=service_id)
    return render(request, "directory/public/service_detail.html", {"service": service})
