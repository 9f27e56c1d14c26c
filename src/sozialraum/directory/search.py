"""German-aware search over services (the web page, the widget and the HSDS API use it).

Contract: `search_services(services, query)` narrows a Service queryset to the services that
match `query`, annotates each with `search_rank` (higher is better) and orders best first.
An empty query returns the queryset unchanged (ordered by name).
Write paths call `index_services(ids)` after changing services.
"""

import uuid
from collections.abc import Iterable

from django.db.models import F, Q, QuerySet, Value

from .models import Service


def search_services(services: QuerySet[Service], query: str) -> QuerySet[Service]:
    query = query.strip()
    if not query:
        return services.order_by("name")
    condition = Q()
    for word in query.split():
        condition |= Q(name__icontains=word) | Q(description__icontains=word)
    return (
        services.filter(condition)
        .annotate(search_rank=Value(1.0))
        .order_by(F("search_rank").desc(), "name")
    )


def index_services(service_ids: Iterable[uuid.UUID]) -> None:
    """Bring the search index up to date for these services (after any write to them or to
    what belongs to them: translations, terms, locations). Write paths call it after saving."""
