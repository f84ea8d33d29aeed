"""A page of words' matches ranked by relevance is kept under the index's
generation, like the counts (search/backends/database.py): asked again, it
reads nothing; a product indexed meanwhile is found at once."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.kinds import PHYSICAL
from search.backends import ProductQuery, Sort
from search.backends.database import DatabaseBackend
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

TABLES = (
    "search_productdocument",
    "search_synonymgroup",
    "search_searchterm",
    "residents_resident",
)


@pytest.fixture
def carpet_of(resident, django_capture_on_commit_callbacks):
    def make(title):
        with django_capture_on_commit_callbacks(execute=True):
            return ProductFactory(
                resident=resident,
                kind=PHYSICAL,
                title=title,
                price=Decimal("450.00"),
                num_in_stock=3,
            )

    cache.clear()
    return make


def _search(sort=Sort.RELEVANCE, offset=0, limit=24):
    return DatabaseBackend().search_products(
        ProductQuery(text="kilim", sort=sort), offset=offset, limit=limit
    )


def test_the_same_ranked_page_asked_again_reads_nothing(carpet_of):
    first, second = carpet_of("Quba kilimi"), carpet_of("Şirvan kilimi")
    carpet_of("Mis qab")
    page = _search()
    assert sorted(page.product_ids) == sorted([first.pk, second.pk])
    assert page.total == 2

    with CaptureQueriesContext(connection) as queries:
        again = _search()

    assert again.product_ids == page.product_ids
    assert again.total == 2
    # The words are read (synonyms, corrections) and the hidden shops, then
    # nothing: neither the count nor the ranking touches the documents.
    tables = [
        next(t for t in TABLES if t in q["sql"]) for q in queries.captured_queries
    ]
    assert tables == ["search_synonymgroup", "search_searchterm", "residents_resident"]


def test_each_sort_and_page_is_its_own(carpet_of):
    first, second = carpet_of("Quba kilimi"), carpet_of("Şirvan kilimi")
    _search()

    newest = _search(sort=Sort.NEWEST)
    second_page = _search(offset=1, limit=1)

    assert newest.product_ids == [second.pk, first.pk]
    assert len(second_page.product_ids) == 1
    assert second_page.product_ids[0] in {first.pk, second.pk}
    assert second_page.product_ids != _search(offset=0, limit=1).product_ids


def test_a_product_indexed_meanwhile_is_found_at_once(carpet_of):
    first = carpet_of("Quba kilimi")
    assert _search().product_ids == [first.pk]

    later = carpet_of("Qazax kilimi")

    page = _search()
    assert sorted(page.product_ids) == sorted([first.pk, later.pk])
    assert page.total == 2
