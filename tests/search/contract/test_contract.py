"""What every search backend must do (fixtures in conftest.py)."""

from decimal import Decimal

import pytest
from django.db import transaction

from market.residents.models import ResidentStatus
from search.backends import Facet, FacetCount, PriceBand, ProductQuery, Sort
from search.models import SynonymGroup

from .conftest import reindex

pytestmark = pytest.mark.django_db

BANDS = (
    PriceBand(key="0-100", lower=None, upper=Decimal("100")),
    PriceBand(key="100-400", lower=Decimal("100"), upper=Decimal("400")),
    PriceBand(key="400-", lower=Decimal("400"), upper=None),
)


def _names(backend, shop, query: ProductQuery) -> list[str]:
    page = backend.search_products(query, offset=0, limit=50)
    by_id = {
        product.pk: name for name, product in shop.items() if hasattr(product, "upc")
    }
    return [by_id[pk] for pk in page.product_ids]


def _found(backend, shop, text: str) -> set[str]:
    return set(_names(backend, shop, ProductQuery(text=text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Azerbaijani with and without its letters, any case.
        ("Quba xalçası", {"carpet"}),
        ("quba xalcasi", {"carpet"}),
        ("QUBA XALÇASI", {"carpet"}),
        ("şirvan", {"kilim"}),
        ("sirvan", {"kilim"}),
        # Cyrillic transliteration of the Azerbaijani name.
        ("халча", {"carpet", "kilim"}),
        ("Ширван", {"kilim"}),
        # The English and Russian names the resident gave.
        ("carpet", {"carpet", "kilim"}),
        ("Shirvan kilim", {"kilim"}),
        ("ковёр", {"carpet", "kilim"}),
        ("ковер", {"carpet", "kilim"}),
        ("килим", {"kilim"}),
        ("mugham", {"samples"}),
        # Latin spelling of a Russian name.
        ("kerami", {"vase"}),
        # Singular and plural.
        ("carpets", {"carpet", "kilim"}),
        ("xalçalar", {"carpet", "kilim"}),
        ("kilims", {"kilim"}),
        ("kilimi", {"kilim"}),
        # One typo in a word of five letters or more.
        ("carpte", {"carpet"}),
        ("kilmi", {"kilim"}),
        ("animasya", {"animation"}),
        ("producton", {"production"}),
        # No typo forgiven in shorter words.
        ("vasa", set()),
        # Every word must match.
        ("quba kilim", set()),
        # The resident's name finds their products.
        ("Səslər", {"samples", "production"}),
        # Quotes and operators are just characters.
        ('quba" OR 1=1 --', set()),
        ("'", {"carpet", "kilim", "vase", "samples", "animation", "production"}),
    ],
)
def test_matching(backend, shop, text, expected):
    assert _found(backend, shop, text) == expected


def test_synonyms_come_from_the_editable_list(backend, shop):
    SynonymGroup.objects.all().delete()
    assert _found(backend, shop, "rug") == set()

    SynonymGroup.objects.create(terms="rug, xalça, ковёр")

    # The kilim is in the category "Xalçalar".
    assert _found(backend, shop, "rug") == {"carpet", "kilim"}
    assert _found(backend, shop, "rugs") == {"carpet", "kilim"}


def test_the_shipped_synonyms_cover_core_terms(backend, shop):
    assert _found(backend, shop, "keramika") == {"vase"}
    assert _found(backend, shop, "pottery") == {"vase"}
    assert _found(backend, shop, "ковры") == {"carpet", "kilim"}
    assert _found(backend, shop, "music") == {"production"}


def test_a_title_match_ranks_above_a_description_match(backend, shop):
    assert _names(backend, shop, ProductQuery(text="quba")) == ["carpet"]
    shop["vase"].description = "<p>Quba naxışlı gil vaza.</p>"
    shop["vase"].save()
    reindex(backend)

    assert _names(backend, shop, ProductQuery(text="quba")) == ["carpet", "vase"]


def test_sorts(backend, shop):
    def order(sort):
        return _names(backend, shop, ProductQuery(sort=sort))

    assert order(Sort.PRICE_ASC) == [
        "animation",
        "samples",
        "vase",
        "production",
        "kilim",
        "carpet",
    ]
    assert order(Sort.PRICE_DESC) == [
        "carpet",
        "kilim",
        "production",
        "vase",
        "samples",
        "animation",
    ]
    assert order(Sort.NEWEST) == [
        "production",
        "animation",
        "samples",
        "vase",
        "kilim",
        "carpet",
    ]
    assert order(Sort.TITLE) == [
        "animation",
        "vase",
        "samples",
        "production",
        "carpet",
        "kilim",
    ]


def test_paging_and_total(backend, shop):
    page = backend.search_products(ProductQuery(sort=Sort.PRICE_ASC), offset=2, limit=2)

    assert page.total == 6
    assert page.product_ids == [shop["vase"].pk, shop["production"].pk]


def _facets(backend, query):
    return backend.search_products(query, offset=0, limit=0).facets


def test_facet_counts(backend, shop):
    facets = _facets(backend, ProductQuery(facets=True, price_bands=BANDS))

    weaver, sound = str(shop["weaver"].partner_id), str(shop["sound"].partner_id)
    assert facets == {
        "kind": [
            FacetCount("physical", 3),
            FacetCount("course", 2),
            FacetCount("digital", 1),
        ],
        "category": sorted(
            [
                FacetCount(str(shop["crafts"].pk), 3),
                FacetCount(str(shop["carpets"].pk), 2),
                FacetCount(str(shop["courses"].pk), 2),
                FacetCount(str(shop["ceramics"].pk), 1),
            ],
            key=lambda item: (-item.count, item.value),
        ),
        "programme": [FacetCount("cultech", 4), FacetCount("music", 2)],
        "resident": sorted(
            [FacetCount(weaver, 4), FacetCount(sound, 2)],
            key=lambda item: (-item.count, item.value),
        ),
        # From the shipping profiles: only the carpet ships to Turkey.
        "ships_to": [
            FacetCount("AZ", 3),
            FacetCount("DE", 3),
            FacetCount("TR", 1),
        ],
        "language": [FacetCount("az", 1), FacetCount("en", 1)],
        "level": [FacetCount("beginner", 1), FacetCount("intermediate", 1)],
        "region": [FacetCount("Bakı", 1), FacetCount("online", 1)],
        # The kilim is sold out.
        "in_stock": [FacetCount("1", 5)],
        "price": [
            FacetCount("0-100", 3),
            FacetCount("100-400", 2),
            FacetCount("400-", 1),
        ],
    }


def test_facet_counts_are_disjunctive(backend, shop):
    query = ProductQuery(
        facets=True, price_bands=BANDS, filters={Facet.KIND: ["physical"]}
    )

    page = backend.search_products(query, offset=0, limit=50)

    assert page.total == 3
    # The kind facet still offers the other kinds, counted without its own
    # selection; every other facet is narrowed to physical goods.
    assert page.facets["kind"] == [
        FacetCount("physical", 3),
        FacetCount("course", 2),
        FacetCount("digital", 1),
    ]
    assert page.facets["programme"] == [FacetCount("cultech", 3)]
    assert page.facets["price"] == [
        FacetCount("0-100", 1),
        FacetCount("100-400", 1),
        FacetCount("400-", 1),
    ]
    assert page.facets["language"] == []


def test_values_of_one_facet_are_alternatives(backend, shop):
    query = ProductQuery(filters={Facet.KIND: ["digital", "course"]})

    assert set(_names(backend, shop, query)) == {
        "samples",
        "animation",
        "production",
    }


def test_ships_to_germany_under_a_price(backend, shop):
    # 200 EUR at 1.9 AZN per EUR: 380 AZN.
    query = ProductQuery(
        filters={Facet.SHIPS_TO: ["DE"]},
        price_max=Decimal("380.00"),
        sort=Sort.PRICE_ASC,
        facets=True,
        price_bands=BANDS,
    )

    page = backend.search_products(query, offset=0, limit=50)

    assert _names(backend, shop, query) == ["vase", "kilim"]
    # The carpet (the only one shipping to Turkey) costs too much.
    assert page.facets["ships_to"] == [FacetCount("AZ", 2), FacetCount("DE", 2)]
    # The price facet is counted without the price selection itself.
    assert page.facets["price"] == [
        FacetCount("0-100", 1),
        FacetCount("100-400", 1),
        FacetCount("400-", 1),
    ]


def test_price_bounds_are_exact_to_the_cent(backend, shop):
    def names(**bounds):
        return set(_names(backend, shop, ProductQuery(**bounds)))

    assert names(price_min=Decimal("320.00"), price_max=Decimal("320.00")) == {"kilim"}
    assert names(price_min=Decimal("319.995"), price_max=Decimal("320.004")) == {
        "kilim"
    }
    assert names(price_min=Decimal("320.001")) == {"carpet"}


def test_price_band_selection(backend, shop):
    query = ProductQuery(filters={Facet.PRICE: ["0-100", "400-"]}, price_bands=BANDS)

    assert set(_names(backend, shop, query)) == {
        "carpet",
        "vase",
        "samples",
        "animation",
    }


def test_in_stock_and_course_facets(backend, shop):
    assert "kilim" not in _names(
        backend, shop, ProductQuery(filters={Facet.IN_STOCK: ["1"]})
    )
    assert _names(
        backend,
        shop,
        ProductQuery(filters={Facet.LANGUAGE: ["en"], Facet.LEVEL: ["intermediate"]}),
    ) == ["production"]
    assert _names(backend, shop, ProductQuery(filters={Facet.REGION: ["Bakı"]})) == [
        "animation"
    ]


def test_scopes_of_category_resident_and_kind_pages(backend, shop):
    by_category = ProductQuery(category_ids=[shop["crafts"].pk], sort=Sort.PRICE_ASC)
    by_resident = ProductQuery(partner_id=shop["sound"].partner_id, sort=Sort.PRICE_ASC)
    by_kind = ProductQuery(product_class_slug="course", sort=Sort.PRICE_ASC)

    assert _names(backend, shop, by_category) == ["vase", "kilim", "carpet"]
    assert _names(backend, shop, by_resident) == ["samples", "production"]
    assert _names(backend, shop, by_kind) == ["animation", "production"]


def test_a_suspended_residents_products_disappear_before_any_reindexing(backend, shop):
    sound = shop["sound"]
    # No on-commit callback runs here: the backend is not told.
    sound.status = ResidentStatus.SUSPENDED
    sound.save()

    page = backend.search_products(
        ProductQuery(facets=True, price_bands=BANDS), offset=0, limit=50
    )

    assert len(page.product_ids) == 4
    assert page.total == 4
    assert shop["samples"].pk not in page.product_ids
    assert page.facets["programme"] == [FacetCount("cultech", 4)]
    assert backend.suggest("mug") == []


def test_hidden_and_unreviewed_products_leave_on_reindex(backend, shop):
    shop["vase"].is_public = False
    shop["vase"].save()
    shop["kilim"].review_status = "pending"
    shop["kilim"].save()

    assert reindex(backend) == 4
    assert _found(backend, shop, "vaza") == set()
    assert _found(backend, shop, "kilim") == set()


def test_suggestions_complete_titles_in_every_language(backend, shop):
    assert backend.suggest("qub") == [shop["carpet"].pk]
    assert backend.suggest("Кубин") == [shop["carpet"].pk]
    assert backend.suggest("music prod") == [shop["production"].pk]
    assert backend.suggest("zzz") == []
    assert backend.suggest("") == []


def test_index_documents_adds_and_removes(
    backend, shop, django_capture_on_commit_callbacks
):
    from search.documents import documents_for

    with transaction.atomic():
        shop["vase"].is_public = False
        shop["vase"].save()
    documents, removed = documents_for([shop["vase"].pk, shop["carpet"].pk])

    backend.index_documents(documents, removed)
    refresh = getattr(backend, "refresh", None)
    if refresh is not None:
        refresh()

    assert removed == {shop["vase"].pk}
    assert _found(backend, shop, "vaza") == set()
    assert _found(backend, shop, "quba") == {"carpet"}
