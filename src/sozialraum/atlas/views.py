from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sozialraum.areas.models import AreaLevel

from .models import Indicator, Topic


def index(request: HttpRequest) -> HttpResponse:
    """The Sozialatlas start page: the areas, and the indicators the visitor may see by topic."""
    indicators = list(
        Indicator.objects.visible_to(request.user)
        .annotate(latest=Max("values__date"))
        .order_by("name")
    )
    topics = [
        (label, [indicator for indicator in indicators if indicator.topic == value])
        for value, label in Topic.choices
    ]
    return render(
        request,
        "atlas/index.html",
        {
            "levels": AreaLevel.objects.all(),
            "topics": [(label, items) for label, items in topics if items],
        },
    )
