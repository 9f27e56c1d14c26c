from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/module_coming.html",
        {
            "module_title": _("Veranstaltungen"),
            "module_intro": _(
                "Kurse, Treffen und Ferienangebote ansehen und sich anmelden. "
                "Termine für eine Beratung buchen."
            ),
        },
    )
