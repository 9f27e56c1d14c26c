from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


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
