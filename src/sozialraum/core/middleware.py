from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path


class RememberLanguageMiddleware:
    """Remember the language a person chose (by the URL) for their next visit to "/".

    The first visit follows the browser's Accept-Language; once someone opens a page in another
    language (the language switcher), a cookie keeps that choice. It stores only the language code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response


def no_cookies(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's responses as never setting a cookie (NoCookiesMiddleware enforces it).

    For what partner websites embed or subscribe to (the widget, the events feed): visitors of
    a partner's page must not get a cookie from us, whatever the middleware would set.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.no_cookies = True  # type: ignore[attr-defined]
        return response

    return wrapped


class NoCookiesMiddleware:
    """Drop every cookie from responses marked by `no_cookies`.

    It comes first in MIDDLEWARE, so it sees the response last: after the session, CSRF,
    messages and language middleware had their say.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, "no_cookies", False):
            response.cookies.clear()
        return response
