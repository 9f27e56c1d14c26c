from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Page


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "core/page.html", {"page": get_object_or_404(Page, slug=slug)})
