"""The signs of change that the per-process copies compare (directory/change_signs.py): read in
one query, once per request, and anew in the next request or after a write that needs them."""

import contextlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.directory import change_signs
from sozialraum.directory.models import Schedule, Service
from sozialraum.directory.search import index_services

from .factories import ScheduleFactory, ServiceFactory
from .factories_public import create_public_directory

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def in_a_request():
    """What the request_started and request_finished signals do for the signs (sending the
    signals themselves would also close the test's database connection on PostgreSQL)."""
    change_signs._begin()
    try:
        yield
    finally:
        change_signs._end()


def signs_queries(queries) -> int:
    return sum('(SELECT COUNT(*) FROM "directory_service")' in q["sql"] for q in queries)


def test_outside_a_request_every_call_reads_the_signs_anew():
    before = change_signs.current().count_and_newest(Schedule)
    ScheduleFactory()
    after = change_signs.current().count_and_newest(Schedule)
    assert after[0] == before[0] + 1
    assert after[1] is not None


def test_within_a_request_the_signs_are_read_once_until_forgotten():
    with in_a_request():
        with CaptureQueriesContext(connection) as queries:
            first = change_signs.current()
            ServiceFactory()
            assert change_signs.current() is first
        assert signs_queries(queries) == 1
        change_signs.forget()
        assert (
            change_signs.current()(Service, change_signs.COUNT)
            == first(Service, change_signs.COUNT) + 1
        )
    assert change_signs.current() is not change_signs.current()


def test_indexing_within_a_request_makes_the_rest_of_it_read_the_signs_anew():
    with in_a_request():
        service = ServiceFactory()
        before = change_signs.current()
        index_services([service.pk])
        assert change_signs.current() is not before


def test_a_search_page_reads_the_signs_in_one_query(client):
    create_public_directory()
    index_services(Service.objects.values_list("pk", flat=True))
    url = reverse("directory:index")
    params = {"q": "Beratung", "district": "01", "open": "now"}
    client.get(url, params)  # loads the copies
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    assert signs_queries(queries) == 1
    assert not [q for q in queries if "COUNT(*)" in q["sql"] and "SELECT (" not in q["sql"]]
