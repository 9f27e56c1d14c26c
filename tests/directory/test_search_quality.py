"""Search quality over the demo directory: the judged queries must keep finding their offers.

The floor is a little below what the search reaches today (docs/benchmarks.md), so a change that
makes people's searches worse fails here; bench/search_quality.py shows which queries miss.
"""

import statistics
from io import StringIO

import pytest
from django.core.management.color import no_style
from django.db import transaction

from sozialraum.areas import demo as areas_demo
from sozialraum.directory import demo
from sozialraum.directory.models import Service

from .search_judgements import JUDGEMENTS, evaluate

RECALL_FLOOR = 0.93
SUCCESS_FLOOR = 0.97


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """Berlin's areas and the demo directory (indexed by its loader), once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        areas_demo.load(StringIO(), no_style())
        demo.load_directory()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_directory, db):
    return None


def test_the_judged_set_is_big_enough_and_names_real_offers(loaded):
    assert len(JUDGEMENTS) >= 40
    public = set(Service.objects.public().values_list("name", flat=True))
    for query, relevant in JUDGEMENTS:
        assert set(relevant) <= public, query


def test_recall_at_5_stays_above_the_floor(loaded):
    results = evaluate()
    recall = statistics.mean(recall for _query, recall, _success, _found in results)
    success = statistics.mean(1.0 if success else 0.0 for _q, _r, success, _f in results)
    misses = [(query, found) for query, recall, _s, found in results if recall < 1]
    assert recall >= RECALL_FLOOR, misses
    assert success >= SUCCESS_FLOOR, misses


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kein geld für miete", "Hilfe bei drohendem Wohnungsverlust"),
        ("essen umsonst", "Lebensmittelausgabe Rixdorf"),
        ("Schuldnerbratung", "Schuldnerberatung Wedding"),
        ("fraunhaus", "Frauenhaus Nord"),
        ("debt advice", "Schuldnerberatung Kreuzberg"),
        ("beratung schulden", "Schuldnerberatung Wedding"),
    ],
)
def test_the_issues_examples_find_their_offer_first_page(loaded, query, expected):
    found = [s.name for s in evaluate_one(query)]
    assert expected in found[:5]


def test_defunct_and_inactive_demo_offers_never_appear(loaded):
    hidden = set(
        Service.objects.exclude(pk__in=Service.objects.public()).values_list("name", flat=True)
    )
    assert hidden, "the demo has inactive or defunct offers to hide"
    for name in hidden:
        found = {s.name for s in evaluate_one(name)}
        assert name not in found


def evaluate_one(query: str) -> list[Service]:
    from sozialraum.directory.search import search_services

    return list(search_services(Service.objects.public(), query)[:20])
