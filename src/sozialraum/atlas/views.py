from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sozialraum.areas.models import AreaLevel


def index(request: HttpRequest) -> HttpResponse:
    """The Sozialatlas start page: the areas now; indicators and maps follow in this module."""
    return render(request, "atlas/index.html", {"levels": AreaLevel.objects.all()})
