"""Time the daily freshness reminders over a county-sized directory, and the freshness page.

    .venv/bin/python bench/freshness.py                       # throw-away SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/freshness.py   # an EMPTY PostgreSQL database

2,000 organizations with 10 public services each (20,000 services) and two members each; the
services' last confirmation is spread over two years, so nearly every organization has a due
service. Prints the seconds for the first run (reminds everyone, e-mails into memory), the
second run the same day (reminds nobody), and the median time of the page of an organization
with 200 services.
"""

import datetime
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

if "DATABASE_URL" not in os.environ:
    database = Path(tempfile.mkdtemp(prefix="sozialraum-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ.update(
    {
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        "ALLOWED_HOSTS": "testserver",
        "STATIC_MANIFEST": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

ORGANIZATIONS = int(os.environ.get("BENCH_ORGANIZATIONS", "2000"))
SERVICES_PER_ORGANIZATION = 10
BIG_ORGANIZATION_SERVICES = 200

# e-mails go to mail.outbox, not to a mail server
settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
call_command("migrate", verbosity=0)

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402

from sozialraum.accounts.models import User  # noqa: E402
from sozialraum.directory.freshness import freshness_reminders_send  # noqa: E402
from sozialraum.directory.models import Membership, Organization, Service  # noqa: E402
from tests.sessions import force_login_with_second_factor  # noqa: E402

random.seed(3)
today = timezone.localdate()


def spread_dates(count: int) -> list[datetime.date]:
    return [today - datetime.timedelta(days=random.randint(0, 730)) for _ in range(count)]  # noqa: S311


start = time.perf_counter()
organizations = Organization.objects.bulk_create(
    [Organization(name=f"Träger {n}") for n in range(ORGANIZATIONS)]
)
users = User.objects.bulk_create(
    [User(email=f"person{n}@example.org", name=f"Person {n}") for n in range(ORGANIZATIONS * 2)]
)
Membership.objects.bulk_create(
    [
        Membership(user=user, organization=organizations[n // 2], is_admin=n % 2 == 0)
        for n, user in enumerate(users)
    ]
)
dates = spread_dates(ORGANIZATIONS * SERVICES_PER_ORGANIZATION)
Service.objects.bulk_create(
    [
        Service(
            organization=organizations[n // SERVICES_PER_ORGANIZATION],
            name=f"Beratung {n}",
            assured_date=day,
        )
        for n, day in enumerate(dates)
    ],
    batch_size=2_000,
)
big = Organization.objects.create(name="Großer Träger")
Service.objects.bulk_create(
    [
        Service(organization=big, name=f"Angebot {n}", assured_date=day)
        for n, day in enumerate(spread_dates(BIG_ORGANIZATION_SERVICES))
    ]
)
print(f"{'set up the directory':<55} {time.perf_counter() - start:6.2f} s")


def timed(label: str, action) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label:<55} {time.perf_counter() - start:6.2f} s  ({result})")
    return result


timed("first run: remind every organization with due services", freshness_reminders_send)
print(f"{'  e-mails written':<55} {len(getattr(mail, 'outbox', [])):6d}")
timed("second run the same day: reminds nobody", freshness_reminders_send)

member = User.objects.create(email="gross@example.org")
Membership.objects.create(user=member, organization=big, is_admin=True)
TOTP.activate(member, "JBSWY3DPEHPK3PXP")
client = Client()
force_login_with_second_factor(client, member)
url = f"/de/angebote/organisation/{big.pk}/aktualitaet/"
times = []
for _ in range(30):
    start = time.perf_counter()
    response = client.get(url)
    times.append(time.perf_counter() - start)
    assert response.status_code == 200, response.status_code
print(
    f"{'freshness page, 200 services (median of 30)':<55} {statistics.median(times) * 1000:6.1f} ms"
)
