"""`no_cookies` views: NoCookiesMiddleware drops whatever cookie the other middleware set."""

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from sozialraum.core.middleware import NoCookiesMiddleware, no_cookies


def view_setting_a_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response.set_cookie("sessionid", "abc")
    return response


def test_marked_responses_lose_every_cookie():
    middleware = NoCookiesMiddleware(no_cookies(view_setting_a_cookie))
    response = middleware(RequestFactory().get("/"))
    assert response.content == b"ok"
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_unmarked_responses_keep_their_cookies():
    response = NoCookiesMiddleware(view_setting_a_cookie)(RequestFactory().get("/"))
    assert response.cookies["sessionid"].value == "abc"
