"""The database backend on whichever database the suite runs on: SQLite FTS5
by default, PostgreSQL full-text search when DATABASE_URL points there."""

from decimal import Decimal

import pytest

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from catalogue.models import ReviewStatus
from market.residents.models import ResidentStatus
from search.backends import ProductQuery, Sort, get_backend
from search.models import ProductDocument
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _ids(query: ProductQuery, offset: int = 0, limit: int = 50) -> list[int]:
    return get_backend().search_products(query, offset=offset, limit=limit).product_ids


def test_saving_a_product_indexes_it_after_commit(catalogue):
    physical = catalogue[PHYSICAL]

    document = ProductDocument.objects.get(product=physical)

    assert document.text == "quba xalcasi t phys physical good xalcalar xalca atelier"


def test_keyword_matches_with_or_without_azerbaijani_letters(catalogue):
    physical = catalogue[PHYSICAL]

    assert _ids(ProductQuery(text="xalçası")) == [physical.pk]
    assert _ids(ProductQuery(text="XALCASI")) == [physical.pk]
    assert _ids(ProductQuery(text="quba xal")) == [physical.pk]


def test_every_word_must_match(catalogue):
    assert _ids(ProductQuery(text="quba studiya")) == []


def test_a_variant_title_finds_its_parent(catalogue):
    assert _ids(ProductQuery(text="personal")) == [catalogue[DIGITAL].pk]


def test_browsing_lists_every_public_product_newest_first(catalogue):
    page = get_backend().search_products(ProductQuery(), offset=0, limit=2)

    assert page.total == 4
    assert page.product_ids == [catalogue[COURSE].pk, catalogue[SERVICE].pk]


def test_sorting_by_price_uses_the_lowest_stock_record_price(catalogue):
    ascending = _ids(ProductQuery(sort=Sort.PRICE_ASC))
    descending = _ids(ProductQuery(sort=Sort.PRICE_DESC))

    expected = [COURSE, DIGITAL, SERVICE, PHYSICAL]  # 0, 15, 40, 450 AZN
    assert ascending == [catalogue[kind].pk for kind in expected]
    assert descending == [catalogue[kind].pk for kind in reversed(expected)]


def test_category_filter(catalogue):
    query = ProductQuery(category_ids=[catalogue["category"].pk])

    assert _ids(query) == [catalogue[PHYSICAL].pk]


def test_resident_filter(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = ProductFactory(title="Keramika vaza", price=Decimal("30.00"))
    partner_id = other.stockrecords.get().partner_id

    assert _ids(ProductQuery(partner_id=partner_id)) == [other.pk]
    assert _ids(ProductQuery(text="vaza")) == [other.pk]


def test_suspended_resident_products_disappear_at_once(catalogue, resident):
    resident.status = ResidentStatus.SUSPENDED
    resident.save()

    assert _ids(ProductQuery()) == []
    assert _ids(ProductQuery(text="quba")) == []


def test_private_products_are_not_listed(catalogue):
    catalogue[SERVICE].is_public = False
    catalogue[SERVICE].save()

    listed = _ids(ProductQuery())

    assert catalogue[SERVICE].pk not in listed
    assert len(listed) == 3


def test_deleting_a_product_removes_its_document(
    catalogue, django_capture_on_commit_callbacks
):
    service = catalogue[SERVICE]
    service_pk = service.pk

    with django_capture_on_commit_callbacks(execute=True):
        service.delete()

    assert not ProductDocument.objects.filter(product_id=service_pk).exists()
    assert _ids(ProductQuery(text="studiyasi")) == []


def test_rebuild_indexes_every_parent_and_standalone(catalogue):
    ProductDocument.objects.all().delete()

    count = get_backend().rebuild()

    assert count == 4
    assert _ids(ProductQuery(text="animasiya")) == [catalogue[COURSE].pk]


def test_apostrophes_and_quotes_in_a_query_are_harmless(catalogue):
    assert _ids(ProductQuery(text='quba" OR 1=1 --')) == []
    assert _ids(ProductQuery(text="'")) == _ids(ProductQuery())


@pytest.mark.parametrize("status", [ReviewStatus.PENDING, ReviewStatus.REJECTED])
def test_listings_not_approved_by_staff_are_hidden(catalogue, status):
    catalogue[PHYSICAL].review_status = status
    catalogue[PHYSICAL].save()

    assert catalogue[PHYSICAL].pk not in _ids(ProductQuery())
    assert _ids(ProductQuery(text="quba")) == []
