from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.safestring import SafeString

from ..markup import render_markdown
from ..models import Page

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def url_in_language(context: template.Context, language: str) -> str:
    """The current page's address in another language (for the language switcher)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.filter
def startswith(text: str, prefix: str) -> bool:
    return bool(prefix) and str(text).startswith(prefix)


@register.filter
def shown_language(page: Page, language: str) -> str:
    """The language a page's title is shown in (its own, or German as the fallback)."""
    return page.shown_language(language)
