"""The German-aware search: what a person typing a query notices (directory/search.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F

from sozialraum.directory.models import SearchPosting, Service
from sozialraum.directory.search import index_services, search_services

from .factories import (
    AttributeFactory,
    OrganizationFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

pytestmark = pytest.mark.django_db


def offer(name: str, short: str = "", description: str = "", **fields) -> Service:
    """An indexed service; its organization's name matches none of the tests' queries."""
    fields.setdefault("organization", OrganizationFactory(name="Nachbarschaftsverein"))
    service = ServiceFactory(name=name, short_description=short, description=description, **fields)
    index_services([service.pk])
    return service


def names(query: str, services=None) -> list[str]:
    queryset = services if services is not None else Service.objects.public()
    return [service.name for service in search_services(queryset, query)]


def top(query: str, count: int = 3) -> list[str]:
    return names(query)[:count]


# --- Words ---------------------------------------------------------------------------------------


def test_inflected_forms_find_each_other():
    offer("Tafel Moabit", "Wir geben Lebensmittel an Menschen mit wenig Geld aus.")
    offer("Sprachcafé", "Deutsch üben beim Kaffee.")
    assert names("lebensmittels") == ["Tafel Moabit"]
    assert names("Tafeln") == ["Tafel Moabit"]


def test_umlauts_may_be_typed_as_ae_oe_ue_or_left_out():
    offer("Beratung für Geflüchtete", "Hilfe bei Ämtern und Anträgen.")
    assert names("gefluechtete") == ["Beratung für Geflüchtete"]
    assert names("aemter") == ["Beratung für Geflüchtete"]
    assert names("Geflüchtete") == ["Beratung für Geflüchtete"]
    assert names("gefluchtete") == ["Beratung für Geflüchtete"]


def test_stop_words_alone_find_nothing_and_do_not_dilute_a_query():
    offer("Schuldnerberatung", "Wir helfen bei Schulden.")
    offer("Die Tür", "Ein Treffpunkt für die Nachbarschaft und für alle.")
    assert names("die und für") == []
    assert top("die schulden", 1) == ["Schuldnerberatung"]


def test_empty_query_returns_everything_by_name():
    offer("Zentrum B")
    offer("Anlaufstelle A")
    assert names("   ") == ["Anlaufstelle A", "Zentrum B"]


def test_nothing_matches_returns_no_services():
    offer("Schuldnerberatung", "Wir helfen bei Schulden.")
    assert names("Quantenphysik") == []


# --- Compound words ------------------------------------------------------------------------------


def test_separate_words_find_the_compound():
    offer("Schuldnerberatung der Diakonie", "Kostenlose Hilfe, vertraulich.")
    offer("Erziehungsberatung", "Für Eltern mit Fragen zur Erziehung.")
    offer("Kleiderkammer", "Kleidung für wenig Geld.")
    assert top("beratung schulden", 1) == ["Schuldnerberatung der Diakonie"]
    assert "Kleiderkammer" not in names("beratung schulden")


def test_the_compound_finds_the_separate_words():
    offer("Beratung bei Schulden", "Wir helfen, wenn Rechnungen sich stapeln.")
    offer("Beratung für Familien", "Wenn es zu Hause schwierig ist.")
    offer("Kleiderkammer", "Kleidung für wenig Geld.")
    assert top("schuldnerberatung", 1) == ["Beratung bei Schulden"]
    assert "Kleiderkammer" not in names("schuldnerberatung")


def test_a_part_of_a_compound_finds_it():
    offer("Frauenhaus Mitte", "Schutz vor Gewalt, Tag und Nacht.")
    offer("Wohnungssicherung", "Wenn die Wohnung in Gefahr ist.")
    assert names("frauen") == ["Frauenhaus Mitte"]
    assert names("sicherung") == ["Wohnungssicherung"]
    assert names("wohnung")[0] == "Wohnungssicherung"


def test_hyphenated_words_match_with_and_without_hyphen():
    offer("Sozial-Beratung im Kiez", "Fragen zu Geld und Ämtern.")
    assert names("sozialberatung") == ["Sozial-Beratung im Kiez"]
    assert names("sozial beratung") == ["Sozial-Beratung im Kiez"]


# --- Colloquial phrases, synonyms, English ------------------------------------------------------


def test_colloquial_rent_debt_finds_housing_and_debt_help():
    offer("Wohnungssicherung", "Hilfe bei drohendem Wohnungsverlust und Mietschulden.")
    offer("Schuldnerberatung", "Wir helfen bei Schulden.")
    offer("Sprachcafé", "Deutsch üben beim Kaffee.")
    found = names("kein geld für miete")
    assert set(found[:2]) == {"Wohnungssicherung", "Schuldnerberatung"}
    assert "Sprachcafé" not in found
    assert set(names("ich habe kein Geld für die Miete")[:2]) == set(found[:2])


def test_free_food_finds_the_food_bank():
    offer("Tafel Wedding", "Lebensmittelausgabe jeden Dienstag.")
    offer("Kleiderkammer", "Kleidung für wenig Geld.")
    offer("Sprachcafé", "Deutsch üben beim Kaffee.")
    assert top("essen umsonst", 1) == ["Tafel Wedding"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("debt advice", "Schuldnerberatung"),
        ("women's shelter", "Frauenhaus"),
        ("food bank", "Tafel"),
    ],
)
def test_english_queries_find_german_offers(query, expected):
    offer("Schuldnerberatung", "Kostenlose Hilfe bei Schulden.")
    offer("Frauenhaus", "Schutz vor häuslicher Gewalt.")
    offer("Tafel", "Lebensmittel für Menschen mit wenig Geld.")
    offer("Sprachcafé", "Deutsch üben beim Kaffee.")
    assert top(query, 1) == [expected]


def test_english_translation_is_searchable():
    offer(
        "Kiezstube",
        "Offener Treff.",
        short_description_en="Drop-in centre with a laundry service.",
    )
    assert names("laundry") == ["Kiezstube"]


# --- Typos ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Schuldnerbratung", "Schuldnerberatung"),
        ("fraunhaus", "Frauenhaus"),
        ("Frauehnaus", "Frauenhaus"),
        ("lebensmitel", "Tafel"),
    ],
)
def test_typos_are_forgiven(query, expected):
    offer("Schuldnerberatung", "Kostenlose Hilfe bei Schulden.")
    offer("Frauenhaus", "Schutz vor häuslicher Gewalt.")
    offer("Tafel", "Lebensmittel für Menschen mit wenig Geld.")
    assert top(query, 1) == [expected]


def test_a_correctly_spelled_word_is_not_treated_as_a_typo():
    offer("Mieterberatung", "Rat bei Ärger mit dem Vermieter.")
    offer("Mietenberatung", "Prüfung der Mieterhöhung.")
    assert top("mieterberatung", 1) == ["Mieterberatung"]


# --- Ranking -------------------------------------------------------------------------------------


def test_name_beats_short_description_beats_description_beats_terms_and_organization():
    term = TaxonomyTermFactory(name="Sucht")
    in_terms = offer("Treffpunkt Nord", "Offener Treff.")
    AttributeFactory(service=in_terms, taxonomy_term=term)
    index_services([in_terms.pk])
    offer(
        "Café am Markt", "Offener Treff.", organization=OrganizationFactory(name="Suchthilfe e. V.")
    )
    offer("Beratung im Kiez", "Offener Treff.", "Auch bei Sucht beraten wir.")
    offer("Treffpunkt Süd", "Wir beraten bei Sucht.")
    offer("Suchtberatung", "Offener Treff.")
    assert names("sucht")[:3] == ["Suchtberatung", "Treffpunkt Süd", "Beratung im Kiez"]
    assert set(names("sucht")[3:]) == {"Treffpunkt Nord", "Café am Markt"}


def test_services_matching_every_word_rank_above_those_matching_some():
    offer("Beratung", "Wir beraten Familien in allen Lebenslagen.")
    offer("Schulden", "Information zum Thema Schulden.")
    offer("Offener Treff", "Beratung und Hilfe bei Schulden, ohne Termin.")
    assert top("beratung schulden", 1) == ["Offener Treff"]


def test_search_rank_is_annotated_best_first():
    offer("Suchtberatung", "Hilfe bei Sucht.")
    offer("Treffpunkt", "", "Auch bei Sucht.")
    ranks = [s.search_rank for s in search_services(Service.objects.public(), "sucht")]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] > ranks[1] > 0


# --- Which services appear -----------------------------------------------------------------------


def test_defunct_and_inactive_never_appear_temporarily_closed_do():
    offer("Tafel Ost", "Lebensmittel.", status=Service.Status.DEFUNCT)
    offer("Tafel West", "Lebensmittel.", status=Service.Status.INACTIVE)
    offer("Tafel Süd", "Lebensmittel.", status=Service.Status.TEMPORARILY_CLOSED)
    offer("Tafel Nord", "Lebensmittel.")
    assert sorted(names("tafel")) == ["Tafel Nord", "Tafel Süd"]
    # Even when a caller forgets public():
    assert sorted(names("tafel", Service.objects.all())) == ["Tafel Nord", "Tafel Süd"]


def test_callers_filters_are_kept():
    organization = OrganizationFactory()
    offer("Tafel Nord", "Lebensmittel.", organization=organization)
    offer("Tafel Süd", "Lebensmittel.")
    services = Service.objects.public().filter(organization=organization)
    assert names("tafel", services) == ["Tafel Nord"]
    assert search_services(services, "tafel").count() == 1


def test_usable_as_a_subquery():
    offer("Tafel Nord", "Lebensmittel.")
    offer("Kleiderkammer", "Kleidung.")
    pks = search_services(Service.objects.public(), "tafel").queryset.values("pk")
    assert list(Service.objects.filter(pk__in=pks).values_list("name", flat=True)) == ["Tafel Nord"]


# --- Keeping the index current -------------------------------------------------------------------


def test_a_service_saved_without_indexing_is_found_anyway():
    ServiceFactory(name="Schuldnerberatung", short_description="Hilfe bei Schulden.")
    assert names("schulden") == ["Schuldnerberatung"]


def test_a_change_without_reindexing_is_noticed():
    service = offer("Sprachcafé", "Deutsch üben.")
    service.name = "Tafel"
    service.save()
    assert names("tafel") == ["Tafel"]
    assert names("sprachcafe") == []


def test_a_service_changed_with_an_older_timestamp_is_noticed_by_its_count():
    offer("Tafel", "Lebensmittel.")
    ServiceFactory(name="Kleiderkammer")
    Service.objects.filter(name="Kleiderkammer").update(
        modified=F("modified") - datetime.timedelta(days=365)
    )
    assert names("kleiderkammer") == ["Kleiderkammer"]


def test_index_follows_terms_and_organization_after_index_services():
    service = offer("Treffpunkt", "Offener Treff.")
    assert names("migration") == []
    AttributeFactory(service=service, taxonomy_term=TaxonomyTermFactory(name="Migration"))
    index_services([service.pk])
    assert names("migration") == ["Treffpunkt"]


def test_deleting_a_service_removes_it_from_the_index():
    service = offer("Tafel", "Lebensmittel.")
    service.delete()
    assert names("tafel") == []
    assert not SearchPosting.objects.exists()


def test_rebuild_command_indexes_every_service():
    ServiceFactory(name="Tafel")
    ServiceFactory(name="Kleiderkammer")
    SearchPosting.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchPosting.objects.filter(service__name="Tafel").exists()
    assert names("kleiderkammer") == ["Kleiderkammer"]


def test_many_stale_services_are_indexed_over_several_searches(monkeypatch):
    from sozialraum.directory import search

    monkeypatch.setattr(search, "MAX_REINDEX_PER_SEARCH", 1)
    ServiceFactory(name="Tafel Nord", short_description="Lebensmittel.")
    ServiceFactory(name="Tafel Süd", short_description="Lebensmittel.")
    assert len(names("tafel")) == 1
    assert sorted(names("tafel")) == ["Tafel Nord", "Tafel Süd"]
