"""The search page's filters answered from memory (directory/filter_sets.py): the same services,
counts and order as the database gives, and every change visible on the next request."""

import itertools

import pytest
from django.urls import reverse
from django.utils import translation

from sozialraum.directory import filter_sets
from sozialraum.directory.filters import Filters, filtered_services, find_services
from sozialraum.directory.models import Address, Attribute, Language, Service
from sozialraum.directory.search import index_services, search_services

from .factories import AttributeFactory, ServiceFactory
from .factories_public import create_public_directory, service_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    directory = create_public_directory()
    index_services(Service.objects.values_list("pk", flat=True))
    return directory


def names(client, **params) -> list[str]:
    response = client.get(reverse("directory:index"), params)
    assert response.status_code == 200
    return [service.name for service in response.context["page"].object_list]


FILTER_VALUES = {
    "q": ["", "Beratung", "Schuldnerberatung"],
    "topic": ["", "schulden", "wohnen"],
    "group": ["", "familien"],
    "district": ["", "01", "0102", "03"],
    "language": ["", "tr", "TR "],
    "wheelchair": [False, True],
    "free": [False, True],
    "kind": ["", Service.Kind.DIGITAL_CONTACT_POINT],
}


def combinations():
    """Every value of each filter alone and every pair of filters."""
    keys = list(FILTER_VALUES)
    yield {}
    for key in keys:
        for value in FILTER_VALUES[key][1:]:
            yield {key: value}
    for first, second in itertools.combinations(keys, 2):
        for a in FILTER_VALUES[first][1:]:
            for b in FILTER_VALUES[second][1:]:
                yield {first: a, second: b}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_filters_in_memory_find_what_the_database_finds_in_the_same_order(directory, language):
    """In English most names are empty (the page sorts by the English column): the database
    leaves the order of equal names open, memory takes the id; so equal names are compared
    as a set of ids and the sequence of names."""
    extra = ServiceFactory(name="Beratung ohne Ort", name_en="Advice without a place")
    index_services([extra.pk])
    shown = dict(Service.objects.values_list("pk", f"name_{language}"))
    with translation.override(language):
        for data in combinations():
            filters = Filters.from_data(data)
            from_memory = find_services(filters)
            assert from_memory.ranked is not None  # answered in memory
            from_database = search_services(filtered_services(filters), filters.query)
            if language == "de":
                assert from_memory.ids() == from_database.ids(), data
            assert set(from_memory.ids()) == set(from_database.ids()), data
            assert [shown[pk] for pk in from_memory.ids()] == [
                shown[pk] for pk in from_database.ids()
            ], data
            assert from_memory.count() == from_database.count(), data
            page = [service.pk for service in from_memory[:2]]
            assert page == from_memory.ids(slice(0, 2)), data


def test_the_services_open_now_are_a_set_in_memory_too(directory):
    from sozialraum.directory.opening_hours import opening_state

    filters = Filters.from_data({"open": "now"})
    open_ids = opening_state().open_ids
    found = find_services(filters)
    assert set(found.ids()) == set(open_ids) & set(
        Service.objects.public().values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"q": "Beratung"}, {"topic": "schulden"}, {"q": "Schuldnerberatung", "district": "01"}],
)
@pytest.mark.parametrize("radius", [1, 2, 5, 50])
def test_near_a_place_memory_finds_what_the_database_finds_nearest_first(
    directory, monkeypatch, data, radius
):
    from sozialraum.directory.filters import Place

    def near(**extra):
        return Filters.from_data({**data, "radius": str(radius)}, place=Place(52.53, 13.34, "x"))

    from_memory = find_services(near())
    assert from_memory.ranked is not None  # answered in memory
    monkeypatch.setattr("sozialraum.directory.filters.current_filter_sets", lambda using: None)
    from_database = find_services(near())
    assert from_database.ranked is None or data.get("q")

    assert from_memory.ids() == from_database.ids()
    assert [s.distance2 for s in from_memory[:20]] == [s.distance2 for s in from_database[:20]]


def test_near_a_place_the_nearest_service_comes_first_with_its_distance(directory):
    from sozialraum.directory.filters import Place, distance_km

    found = find_services(Filters(place=Place(52.53, 13.34, "Moabit")))
    first = next(iter(found))
    assert first.name == "Schuldnerberatung Moabit"
    assert distance_km(first) is not None


# --- changes are seen by the next request ---------------------------------------------------------


@pytest.fixture
def reload_at_once(monkeypatch):
    """Load the sets again on every change (the tests below are faster than MIN_INTERVAL)."""
    monkeypatch.setattr(filter_sets, "MIN_INTERVAL", 0.0)


def test_a_new_topic_of_a_service_is_found_on_the_next_request(client, directory, reload_at_once):
    assert names(client, topic="wohnen") == ["Mieterberatung Mitte"]
    AttributeFactory(service=directory.debt_advice_pankow, taxonomy_term=directory.housing)
    assert names(client, topic="wohnen") == ["Mieterberatung Mitte", "Schuldnerberatung Pankow"]


def test_a_topic_removed_by_the_provider_form_is_gone_on_the_next_request(
    client, directory, reload_at_once
):
    assert "Mieterberatung Mitte" in names(client, group="familien")
    # the provider form saves the service, then replaces its terms, then re-indexes it
    directory.tenant_advice.save()
    Attribute.objects.filter(
        service=directory.tenant_advice, taxonomy_term=directory.families
    ).delete()
    index_services([directory.tenant_advice.pk])
    assert names(client, group="familien") == ["Schuldnerberatung Moabit"]


def test_a_link_deleted_without_touching_its_service_is_seen_through_the_index(
    client, directory, reload_at_once
):
    assert names(client, topic="wohnen") == ["Mieterberatung Mitte"]
    Attribute.objects.filter(taxonomy_term=directory.housing).delete()
    index_services([directory.tenant_advice.pk])  # as every write path does
    assert names(client, topic="wohnen") == []


def test_a_service_set_inactive_by_moderation_disappears_on_the_next_request(
    client, directory, reload_at_once
):
    assert "Schuldnerberatung Pankow" in names(client, topic="schulden")
    service = directory.debt_advice_pankow
    service.status = Service.Status.INACTIVE
    service.save()
    assert names(client, topic="schulden") == ["Schuldnerberatung Moabit"]
    assert "Schuldnerberatung Pankow" not in names(client)


def test_a_new_and_a_deleted_service_are_seen_on_the_next_request(
    client, directory, reload_at_once
):
    before = names(client, district="03")
    new = service_at(directory.pankow, 52.58, 13.45, name="Aaa Neue Beratung Pankow")
    assert names(client, district="03") == ["Aaa Neue Beratung Pankow", *before]
    new.delete()
    assert names(client, district="03") == before


def test_a_moved_address_and_a_new_language_are_seen_on_the_next_request(
    client, directory, reload_at_once
):
    assert names(client, district="03", language="tr") == []
    address = Address.objects.get(location__service_at_locations__service=directory.debt_advice)
    address.area = directory.pankow
    address.save()
    assert names(client, district="03", language="tr") == ["Schuldnerberatung Moabit"]
    Language.objects.create(service=directory.debt_advice_pankow, code="tr", name="Türkisch")
    assert names(client, district="03", language="tr") == [
        "Schuldnerberatung Moabit",
        "Schuldnerberatung Pankow",
    ]


def test_a_renamed_service_moves_in_the_name_order(client, directory, reload_at_once):
    assert names(client, topic="schulden") == [
        "Schuldnerberatung Moabit",
        "Schuldnerberatung Pankow",
    ]
    service = directory.debt_advice_pankow
    service.name = "Allgemeine Schuldnerberatung Pankow"
    service.save()
    assert names(client, topic="schulden") == [
        "Allgemeine Schuldnerberatung Pankow",
        "Schuldnerberatung Moabit",
    ]


def test_the_sets_are_loaded_again_after_the_look_back_for_late_commits(monkeypatch, directory):
    """A transaction that saved its rows before the sets were loaded but committed after, with
    an older ``modified`` than the newest seen (possible on PostgreSQL), changes nothing the
    version shows: the load once more after LOOK_BACK finds it."""
    clock = [1000.0]
    monkeypatch.setattr(filter_sets.time, "monotonic", lambda: clock[0])
    first = filter_sets.current_filter_sets()
    assert filter_sets.current_filter_sets() is first  # nothing changed
    ServiceFactory(name="Neu")
    clock[0] += filter_sets.MIN_INTERVAL
    second = filter_sets.current_filter_sets()
    assert second is not None
    assert second is not first
    assert filter_sets.current_filter_sets() is second
    clock[0] += filter_sets.LOOK_BACK + 1
    third = filter_sets.current_filter_sets()
    assert third is not second  # loaded once more
    assert filter_sets.current_filter_sets() is third
    clock[0] += filter_sets.LOOK_BACK + 1
    assert filter_sets.current_filter_sets() is third
    clock[0] += filter_sets.RELOAD
    assert filter_sets.current_filter_sets() is not third


def test_soon_after_a_load_a_change_is_answered_by_the_database(monkeypatch, client, directory):
    """A bulk import changes the directory for minutes: the sets are loaded again at most every
    MIN_INTERVAL seconds, and until then the database answers, so nothing is out of date."""
    clock = [1000.0]
    monkeypatch.setattr(filter_sets.time, "monotonic", lambda: clock[0])
    assert names(client, topic="wohnen") == ["Mieterberatung Mitte"]
    AttributeFactory(service=directory.debt_advice_pankow, taxonomy_term=directory.housing)
    assert filter_sets.current_filter_sets() is None
    assert find_services(Filters.from_data({"topic": "wohnen"})).ranked is None
    assert names(client, topic="wohnen") == ["Mieterberatung Mitte", "Schuldnerberatung Pankow"]
    clock[0] += filter_sets.MIN_INTERVAL
    assert find_services(Filters.from_data({"topic": "wohnen"})).ranked is not None
    assert names(client, topic="wohnen") == ["Mieterberatung Mitte", "Schuldnerberatung Pankow"]


@pytest.mark.django_db(transaction=True)
def test_a_server_process_loads_the_filter_sets_when_it_starts():
    ServiceFactory(name="Tafel")
    filter_sets.warm_up_in_background().join(timeout=30)
    loaded = filter_sets._sets.loaded("default")
    assert loaded is not None
    assert len(loaded) == 1
