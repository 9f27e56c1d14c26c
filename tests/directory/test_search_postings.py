"""The postings each process holds in memory for ranking (directory/search_postings.py), and
the result type the search returns: they follow every change to the index, and a page of
results is the same in every process."""

import pytest

from sozialraum.directory import search, search_postings
from sozialraum.directory.models import Service
from sozialraum.directory.search import index_services, rebuild_search_index, search_services

from .factories import OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def offer(name: str, short: str = "") -> Service:
    service = ServiceFactory(
        name=name, short_description=short, organization=OrganizationFactory(name="Verein")
    )
    index_services([service.pk])
    return service


def names(query: str) -> list[str]:
    return [service.name for service in search_services(Service.objects.public(), query)]


def test_a_service_indexed_after_the_postings_were_loaded_is_found_by_its_new_words():
    shop = offer("Nachbarschaftsladen", "Lebensmittel für alle.")
    assert names("lebensmittel") == ["Nachbarschaftsladen"]
    shop.short_description = "Kleidung und Möbel."
    shop.save()
    index_services([shop.pk])
    assert names("lebensmittel") == []
    assert names("möbel") == ["Nachbarschaftsladen"]
    offer("Kleiderkammer", "Kleidung für Kinder.")
    assert sorted(names("kleidung")) == ["Kleiderkammer", "Nachbarschaftsladen"]


def test_a_deleted_service_leaves_the_postings():
    offer("Tafel Nord", "Lebensmittel.")
    gone = offer("Tafel Süd", "Lebensmittel.")
    assert len(names("tafel")) == 2
    gone.delete()
    assert names("tafel") == ["Tafel Nord"]
    assert search_postings.current_postings("default").services() == 1


def test_a_rebuilt_index_is_followed():
    offer("Tafel", "Lebensmittel.")
    assert names("tafel") == ["Tafel"]
    before = search_postings.current_postings("default")
    rebuild_search_index()
    after = search_postings.current_postings("default")
    assert after is not before
    assert names("tafel") == ["Tafel"]


def test_postings_committed_late_are_read_on_the_next_check(monkeypatch):
    """A transaction that took its posting ids before another but committed after it (possible
    on PostgreSQL) is found by the look-back: later checks read again what came after the
    state of a while ago."""
    offer("Tafel", "Lebensmittel.")
    assert names("tafel") == ["Tafel"]
    loaded = search_postings.current_postings("default")
    late = offer("Kleiderkammer", "Kleidung.")
    # pretend this process had seen the newest posting id (the late one's) at a recent check
    loaded.state = search_postings._state("default")
    loaded.seen.append((loaded.checked + 990, loaded.state[0]))
    assert names("kleidung") == []  # not noticed yet: the state is unchanged
    monkeypatch.setattr(search_postings.time, "monotonic", lambda: loaded.checked + 1000)
    monkeypatch.setattr(search_postings, "_load", None)  # must not need a full reload
    assert names("kleidung") == [late.name]


def test_a_search_in_another_thread_keeps_the_copy_it_started_with():
    offer("Tafel", "Lebensmittel.")
    first = search_postings.current_postings("default")
    size = len(first.ids)
    offer("Kleiderkammer", "Kleidung.")
    second = search_postings.current_postings("default")
    assert second is not first
    assert len(first.ids) == size  # unchanged: refreshed on a copy


@pytest.mark.parametrize("send_ids", [True, False])
def test_filters_apply_whether_the_matches_are_sent_or_all_filtered_ids_read(monkeypatch, send_ids):
    monkeypatch.setattr(search, "MAX_IDS_TO_SEND", 10_000 if send_ids else 0)
    organization = OrganizationFactory(name="Verein")
    for name in ("Tafel Nord", "Tafel Süd"):
        service = ServiceFactory(name=name, short_description="Essen.", organization=organization)
        index_services([service.pk])
    offer("Tafel West", "Essen.")
    found = search_services(Service.objects.public().filter(organization=organization), "tafel")
    assert [service.name for service in found] == ["Tafel Nord", "Tafel Süd"]


def test_results_count_slice_and_carry_their_rank():
    for number in range(5):
        offer(f"Tafel {number}", "Lebensmittel.")
    offer("Kleiderkammer", "Lebensmittel und Kleidung.")
    found = search_services(Service.objects.public(), "tafel lebensmittel")
    assert found.count() == len(found) == 5
    assert [service.name for service in found[1:3]] == ["Tafel 1", "Tafel 2"]
    assert found[0].name == "Tafel 0"
    assert found[0].search_rank == found.ranks[0] > 0
    with pytest.raises(IndexError):
        found[5]
    assert found.queryset.count() == 5
    assert found.ids(slice(0, 2)) == [service.pk for service in found[0:2]]


def test_equal_ranks_are_ordered_by_name_then_id_in_every_process():
    for _ in range(3):
        offer("Tafel", "Lebensmittel.")
    first = search_services(Service.objects.public(), "tafel").ranked
    search_postings.forget_postings()
    assert search_services(Service.objects.public(), "tafel").ranked == first
    assert first == sorted(first, key=lambda pk: pk.hex)


@pytest.mark.django_db(transaction=True)
def test_a_server_process_loads_the_postings_when_it_starts():
    offer("Tafel", "Lebensmittel.")
    search_postings.warm_up_in_background().join(timeout=30)
    loaded = search_postings._postings.loaded("default")
    assert loaded is not None
    assert loaded.services() == 1


def test_a_failed_warm_up_is_left_to_the_first_search(monkeypatch, caplog):
    def broken(using, records=None):
        raise RuntimeError("no tables yet")

    monkeypatch.setattr(search_postings, "current_postings", broken)
    search_postings.warm_up_in_background().join(timeout=30)
    assert "not loaded at start-up" in caplog.text
