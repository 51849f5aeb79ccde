"""Catalogue queries: search, filters, the Table 1 grid and the platform page's data.

Plain functions over querysets so the views stay thin and the queries are testable without HTTP.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    pass

# The framework questions whose options describe a platform's organisation model and its
# employment relation (codes from fixtures/framework.yaml). The catalogue filters on them.
PROFILE_FILTER_QUESTIONS: dict[str, str] = {
    "organisation_model": "organisatiemodel",
    "employment_relation": "arbeidsrelatie",
}


def search_platforms(queryset: QuerySet, query: str) -> QuerySet:
    """Full-text search with the Dutch configuration on PostgreSQL; icontains on SQLite."""
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("name", weight="A", config="dutch")
            + SearchVector("description", weight="B", config="dutch")
            + SearchVector("segments__name_nl", weight="C", config="dutch")
        )
        search_query = SearchQuery(query, config="dutch", search_type="websearch")
        matching = (
            queryset.model.objects.annotate(search=vector)
            .filter(Q(search=search_query) | Q(name__icontains=query))
            .values("pk")
        )
        return queryset.filter(pk__in=matching).annotate(
            rank=SearchRank(SearchVector("name", config="dutch"), search_query)
        )
    terms = query.split()
    for term in terms:
        matching = queryset.model.objects.filter(
            Q(name__icontains=term)
            | Q(description__icontains=term)
            | Q(segments__name_nl__icontains=term)
        ).values("pk")
        queryset = queryset.filter(pk__in=matching)
    return queryset
