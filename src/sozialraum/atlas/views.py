from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/module_coming.html",
        {
            "module_title": _("Sozialatlas"),
            "module_intro": _(
                "Zahlen und Karten zu den Stadtteilen: Wer lebt wo, und wo wird Hilfe gebraucht?"
            ),
        },
    )
