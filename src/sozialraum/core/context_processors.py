from django.http import HttpRequest
from django.utils.translation import get_language_bidi

from .models import Page, SiteSettings


def site(request: HttpRequest) -> dict[str, object]:
    """What every page's layout needs: the city's settings, footer pages, text direction."""
    return {
        "site_settings": SiteSettings.load(),
        "footer_pages": Page.objects.filter(slot=Page.Slot.FOOTER),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }
