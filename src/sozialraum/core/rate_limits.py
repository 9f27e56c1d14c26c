"""Limits on how often one visitor may send the forms that anyone can send without an account
(event registration, holiday-programme wishes, appointment requests).

Each of these forms holds something for a while before the e-mail link confirms it (places,
a time), so a script sending it again and again with made-up addresses could block an event.
The limits count per visitor address (all dates, programmes or services together) and per
e-mail address for one date, programme or service (a parent may sign up for many events in an
evening, but seldom more than twice for the same one), with django-allauth's rate
limiter, the one that already limits sign-ins: the same cache, the same treatment of proxies
(`TRUSTED_PROXY_COUNT`) and IPv6 networks, e-mail addresses only as hashes. The rates are set
in ``ACCOUNT_RATE_LIMITS`` (settings.py, docs/configuration.md).
"""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The visitor's IP address as these limits and the login's count it (behind
    TRUSTED_PROXY_COUNT proxies: from X-Forwarded-For); the pass-number check
    (passes.services.pass_check_limited) counts failures per this address."""
    return str(get_adapter(request).get_client_ip(request))


def allow(request: HttpRequest, action: str, *, email: str, within: object) -> bool:
    """Count one sending of a public form for `within` (a date, programme or service); False
    if this visitor, or this e-mail address for `within`, sent it too often. A refused sending
    is not counted (allauth would count it for the limits checked before the one that refused)."""
    key = f"{within}:{email.strip().lower()}"
    if not ratelimit.consume(request, action=action, key=key, dry_run=True):
        return False
    return ratelimit.consume(request, action=action, key=key)


def too_many_requests(request: HttpRequest, *, public_form: bool = False) -> HttpResponse:
    """HTTP 429 in our layout, with a plain explanation (templates/429.html)."""
    return render(request, "429.html", {"public_form": public_form}, status=429)
