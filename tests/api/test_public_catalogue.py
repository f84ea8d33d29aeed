"""The public catalogue of the API: products, residents and categories, with
no token, in the language and currency asked for, cacheable (ETag, 304).
Nothing hidden by the one rule "may this be sold now" shows, even when the
search index has not caught up."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from catalogue.models import Product, ProductImage, ReviewStatus
from market.api.paging import MAX_OFFSET, offset_cursor
from market.currencies.models import ExchangeRate
from market.residents.models import Resident, ResidentStatus
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    ResidentFactory,
    VariantFactory,
    course_product,
    licence_option,
)
from tests.factories.shipping import ships_to

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Make products inside this context and they are indexed for search,
    as the site does when the transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def _problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_a_physical_good_as_the_list_shows_it(client, catalogue, resident):
    physical = catalogue[PHYSICAL]

    response = client.get("/api/v1/products", {"kind": PHYSICAL})

    assert response.status_code == 200
    body = response.json()
    assert body["items"] == [
        {
            "id": physical.pk,
            "slug": "quba-xalcasi",
            "url": f"{BASE}/en/shop/catalogue/quba-xalcasi_{physical.pk}/",
            "title": "Quba xalçası",
            "kind": "physical",
            "resident": {
                "id": resident.pk,
                "name": "Xalça Atelier",
                "slug": "xalca-atelier",
                "url": f"{BASE}/en/shop/residents/xalca-atelier/",
            },
            "price": "450.00",
            "currency": "AZN",
            "availability": {
                "code": "low-stock",
                "label": "Only 3 left",
                "available": True,
                "stock": 3,
            },
            "licences": None,
            "ships_to": ["AZ", "DE", "GE", "TR"],
            "images": [],
        }
    ]
    assert body["total"] == 1
    assert body["next"] is None
    # Facets are counted with every other facet's selection (as the sidebar).
    assert body["facets"]["kind"] == [
        {"value": COURSE, "count": 1},
        {"value": DIGITAL, "count": 1},
        {"value": PHYSICAL, "count": 1},
        {"value": SERVICE, "count": 1},
    ]
    assert body["facets"]["resident"] == [{"value": str(resident.pk), "count": 1}]


def test_every_kind_says_its_availability_like_the_card(client, catalogue):
    response = client.get("/api/v1/products", {"sort_by": "price-asc"})

    by_kind = {item["kind"]: item for item in response.json()["items"]}
    assert {kind: item["availability"]["code"] for kind, item in by_kind.items()} == {
        PHYSICAL: "low-stock",
        DIGITAL: "instant-download",
        SERVICE: "made-to-order",
        COURSE: "enrolment-open",
    }
    assert by_kind[COURSE]["availability"] == {
        "code": "enrolment-open",
        "label": "Enrolment open",
        "available": True,
        "stock": 12,
    }
    assert by_kind[DIGITAL]["price"] == "15.00"
    assert by_kind[DIGITAL]["licences"] == [
        {
            "code": "personal",
            "name": "Personal",
            "variant_id": catalogue[DIGITAL].children.get().pk,
            "price": "15.00",
            "available": True,
        }
    ]
    assert by_kind[DIGITAL]["ships_to"] is None
    assert by_kind[SERVICE]["availability"]["label"] == "Made to order"
    assert [item["price"] for item in response.json()["items"]] == [
        "0.00",
        "15.00",
        "40.00",
        "450.00",
    ]


def test_the_detail_has_the_description_and_the_variants(client, catalogue):
    digital = catalogue[DIGITAL]
    variant = digital.children.get()

    response = client.get(f"/api/v1/products/{digital.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Muğam nümunələri"
    assert body["description"] == ""
    assert body["variants"] == [
        {
            "id": variant.pk,
            "title": "Muğam nümunələri (Personal)",
            "licence": "personal",
            "price": "15.00",
            "available": True,
        }
    ]


def test_a_product_hidden_by_review_is_nowhere(client, catalogue, resident):
    physical = catalogue[PHYSICAL]
    # Hidden without the index hearing of it: the API still asks the rule.
    Product.objects.filter(pk=physical.pk).update(review_status=ReviewStatus.PENDING)

    listed = client.get("/api/v1/products")
    detail = client.get(f"/api/v1/products/{physical.pk}")
    missing = client.get("/api/v1/products/999999")

    assert physical.pk not in _ids(listed)
    assert len(_ids(listed)) == 3
    (shop,) = client.get("/api/v1/residents").json()["items"]
    assert shop["products"] == 3
    assert _problem(detail, 404) == _problem(missing, 404)


def test_a_suspended_residents_products_are_nowhere(
    client, catalogue, other_resident, indexed
):
    with indexed():
        theirs = ProductFactory(
            resident=other_resident, kind=PHYSICAL, title="Nərd", price=Decimal("80")
        )
    assert theirs.pk in _ids(client.get("/api/v1/products"))

    Resident.objects.filter(pk=other_resident.pk).update(
        status=ResidentStatus.SUSPENDED
    )

    assert theirs.pk not in _ids(client.get("/api/v1/products"))
    assert client.get(f"/api/v1/products/{theirs.pk}").status_code == 404
    assert client.get(f"/api/v1/residents/{other_resident.slug}").status_code == 404
    assert other_resident.pk not in _ids(client.get("/api/v1/residents"))


def test_titles_come_in_the_language_asked_for(client, resident, indexed):
    with indexed():
        product = ProductFactory(
            resident=resident,
            title="Kəlağayı",
            title_en="Silk headscarf",
            title_ru="Кялагаи",
            description="<p>İpək</p>",
            description_en="<p>Silk</p>",
        )

    def title(**params):
        headers = params.pop("headers", {})
        response = client.get(f"/api/v1/products/{product.pk}", params, **headers)
        return response.json()["title"], response.json()["description"]

    assert title() == ("Silk headscarf", "<p>Silk</p>")
    assert title(lang="az") == ("Kəlağayı", "<p>İpək</p>")
    assert title(lang="ru") == ("Кялагаи", "<p>İpək</p>")
    assert title(headers={"HTTP_ACCEPT_LANGUAGE": "ru"}) == ("Кялагаи", "<p>İpək</p>")
    listed = client.get("/api/v1/products", {"lang": "ru"}).json()["items"]
    assert [item["title"] for item in listed] == ["Кялагаи"]


def test_prices_in_the_currency_asked_for(client, catalogue):
    ExchangeRate.objects.create(
        currency="USD",
        rate=Decimal("0.5882"),
        effective_date=timezone.localdate(),
        source="test",
    )

    response = client.get(
        "/api/v1/products", {"currency": "USD", "kind": PHYSICAL, "price_max": "265"}
    )
    detail = client.get(f"/api/v1/products/{catalogue[DIGITAL].pk}?currency=USD")

    # 450.00 AZN x 0.5882 = 264.69 USD; 15.00 x 0.5882 = 8.823 -> 8.82.
    (item,) = response.json()["items"]
    assert (item["price"], item["currency"]) == ("264.69", "USD")
    assert (detail.json()["price"], detail.json()["currency"]) == ("8.82", "USD")
    assert detail.json()["variants"][0]["price"] == "8.82"
    # The price limit is in the currency asked for: 264.69 is not below 264.
    assert (
        _ids(
            client.get(
                "/api/v1/products",
                {"currency": "USD", "kind": PHYSICAL, "price_max": "264"},
            )
        )
        == []
    )


def test_an_unknown_currency_is_a_problem(client, catalogue):
    problem = _problem(client.get("/api/v1/products?currency=GBP"), 422)
    assert problem["detail"] == "Prices are given in AZN, USD, EUR, not in “GBP”."

    # EUR is sold in, but has no rate: also refused, never shown in AZN.
    problem = _problem(
        client.get(f"/api/v1/products/{catalogue[PHYSICAL].pk}?currency=EUR"), 422
    )
    assert problem["detail"] == "Prices in EUR are not available at the moment."


def test_a_price_that_is_not_a_number_is_a_problem(client, catalogue):
    problem = _problem(client.get("/api/v1/products?price_min=cheap"), 422)
    assert problem["detail"] == (
        "price_min: Enter a price as a number, for example 25 or 19.99."
    )


def test_a_forged_cursor_is_a_problem(client, catalogue):
    for cursor in ("not-a-cursor", "MA", offset_cursor(MAX_OFFSET + 1)):
        problem = _problem(client.get("/api/v1/products", {"cursor": cursor}), 422)
        assert problem["detail"] == (
            "The cursor is not one this API gave: follow `next` as it is."
        )


def test_pages_follow_the_cursor(client, resident, indexed):
    with indexed():
        made = [
            ProductFactory(resident=resident, title=f"Item {n:02d}") for n in range(21)
        ]

    first = client.get("/api/v1/products", {"sort_by": "title"}).json()
    second = client.get(
        "/api/v1/products", {"sort_by": "title", "cursor": first["next"]}
    ).json()

    assert first["total"] == second["total"] == 21
    assert [item["title"] for item in first["items"]] == [
        f"Item {n:02d}" for n in range(20)
    ]
    assert [item["id"] for item in second["items"]] == [made[20].pk]
    assert second["next"] is None


def test_etag_and_not_modified(client, catalogue):
    url = f"/api/v1/products/{catalogue[PHYSICAL].pk}"
    first = client.get(url)

    assert first["Cache-Control"] == "public, max-age=60"
    assert first["Vary"] == "Accept-Language, Cookie"
    # Nothing of the caller's is in what a shared cache keeps.
    assert not first.cookies
    etag = first["ETag"]
    assert etag.startswith('"')
    assert len(etag) == 34

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=60"

    # Another language is another body, so another tag: served in full.
    other = client.get(url, {"lang": "ru"}, HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200
    assert other["ETag"] != etag
    # A stale tag gets the body.
    assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def _with_images(product, count: int = 2):
    for number in range(count):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), (120, 20 * number, 40)).save(buffer, "JPEG")
        ProductImage.objects.create(
            product=product,
            original=SimpleUploadedFile(f"p{number}.jpg", buffer.getvalue()),
            display_order=number,
        )
    return product


def _licensed(resident, title: str):
    """A digital good with two licence tiers."""
    personal = VariantFactory(
        resident=resident,
        parent__kind=DIGITAL,
        parent__title=title,
        price=Decimal("15.00"),
        attributes={"licence": licence_option("personal")},
    )
    VariantFactory(
        resident=resident,
        parent=personal.parent,
        price=Decimal("60.00"),
        attributes={"licence": licence_option("commercial")},
    )
    return personal.parent


def test_images_are_absolute_addresses(client, resident, indexed):
    with indexed():
        product = _with_images(ProductFactory(resident=resident), 2)

    images = client.get(f"/api/v1/products/{product.pk}").json()["images"]

    assert [image.rsplit("/", 1)[-1][:2] for image in images] == ["p0", "p1"]
    assert all(image.startswith(f"{BASE}/media/") for image in images)


def _list_queries(client) -> int:
    client.get("/api/v1/products")  # what a process reads once is not counted
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/products").status_code == 200
    return len(captured)


def _shipped(resident):
    product = _with_images(ProductFactory(resident=resident, kind=PHYSICAL))
    ships_to(product, ["DE", "FR"])
    return product


def test_the_list_costs_the_same_queries_for_1_or_5_products(
    client, resident, other_resident, indexed
):
    with indexed():
        _shipped(resident)
    one = _list_queries(client)

    with indexed():
        for owner in (resident, other_resident, other_resident, resident):
            _shipped(owner)

    assert len(_ids(client.get("/api/v1/products"))) == 5
    assert _list_queries(client) == one


def test_every_shape_of_product_costs_the_same_queries_for_1_or_3_each(
    client, resident, other_resident, indexed
):
    # Queries depend on what is shown (variants, shipping, courses), never on
    # how many: one of each shape costs what three of each cost.
    def one_of_each(owner, number):
        _shipped(owner)
        _licensed(owner, f"Naxışlar {number}")
        course_product(resident=owner, title=f"Dərs {number}")

    with indexed():
        one_of_each(resident, 0)
    one = _list_queries(client)

    with indexed():
        one_of_each(other_resident, 1)
        one_of_each(resident, 2)

    listed = client.get("/api/v1/products").json()["items"]
    assert len(listed) == 9
    assert sorted(len(item["licences"] or ()) for item in listed) == [0] * 6 + [2] * 3
    assert _list_queries(client) == one


def test_residents_cost_the_same_queries_for_1_or_3(client, resident):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/residents").status_code == 200
        return len(captured)

    queries()
    one = queries()
    ResidentFactory()
    ResidentFactory()
    assert len(_ids(client.get("/api/v1/residents"))) == 3
    assert queries() == one


def test_residents_list_and_detail(client, catalogue, resident, other_resident):
    Resident.objects.filter(pk=resident.pk).update(
        bio="<p>Xalçalar</p>", bio_en="<p>Carpets</p>"
    )

    listed = client.get("/api/v1/residents").json()
    by_slug = client.get("/api/v1/residents/xalca-atelier").json()
    by_id = client.get(f"/api/v1/residents/{resident.pk}").json()

    assert listed["items"] == [
        {
            "id": other_resident.pk,
            "name": "Oyun Studiyası",
            "slug": "oyun-studiyasi",
            "url": f"{BASE}/en/shop/residents/oyun-studiyasi/",
            "programme": "gametech",
            "city": "Baku",
            "bio": "",
            "logo": None,
            "products": 0,
        },
        by_slug,
    ]
    assert by_slug == by_id
    assert by_slug["bio"] == "<p>Carpets</p>"
    assert by_slug["products"] == 4
    assert _problem(client.get("/api/v1/residents/nobody"), 404)["type"] == (
        "/api/v1/problems/not-found"
    )


def test_an_applicant_is_not_a_public_resident(client):
    applicant = ResidentFactory(status=ResidentStatus.APPLIED, slug="applicant")

    assert _ids(client.get("/api/v1/residents")) == []
    assert client.get(f"/api/v1/residents/{applicant.pk}").status_code == 404


def test_the_category_tree(client):
    carpets = CategoryFactory(name="Xalçalar", slug="xalcalar", name_en="Carpets")
    silk = carpets.add_child(name="İpək", slug="ipek", name_en="Silk")
    hidden = carpets.add_child(name="Gizli", slug="gizli", is_public=False)

    response = client.get("/api/v1/categories")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": carpets.pk,
            "name": "Carpets",
            "slug": "xalcalar",
            "parent": None,
            "url": f"{BASE}/en/shop/catalogue/category/xalcalar_{carpets.pk}/",
        },
        {
            "id": silk.pk,
            "name": "Silk",
            "slug": "ipek",
            "parent": carpets.pk,
            "url": f"{BASE}/en/shop/catalogue/category/xalcalar/ipek_{silk.pk}/",
        },
    ]
    assert hidden.pk not in [row["id"] for row in response.json()]
    assert client.get("/api/v1/categories?lang=az").json()[1]["name"] == "İpək"


def test_ids_that_are_not_ascii_numbers_find_nothing(client, catalogue, resident):
    # "²" is a digit to Python's str.isdigit, not a number to int().
    assert client.get("/api/v1/residents/²").status_code == 404
    response = client.get("/api/v1/products", {"resident": ["²", "x"]})
    assert response.status_code == 200
    assert _ids(response) == []
    mine = client.get("/api/v1/products", {"resident": [str(resident.pk)]})
    assert len(_ids(mine)) == 4


def test_a_course_whose_enrolment_closed_says_so(client, resident, indexed):
    with indexed():
        course = course_product(
            resident=resident,
            title="Muğam dərsi",
            capacity=8,
            enrolment_closes_at=timezone.now() - timedelta(days=1),
        )

    body = client.get(f"/api/v1/products/{course.pk}").json()

    assert body["availability"] == {
        "code": "enrolment-closed",
        "label": "Enrolment closed",
        "available": False,
        "stock": 8,
    }


def test_the_schema_documents_the_caching(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path in ("/products", "/products/{product_id}", "/categories", "/residents"):
        operation = schema["paths"][f"/api/v1{path}"]["get"]
        assert operation["tags"] == ["public"]
        assert set(operation["responses"]["200"]["headers"]) == {
            "ETag",
            "Cache-Control",
            "Vary",
        }
        assert operation["responses"]["304"]["description"] == "Not Modified"
        assert "content" not in operation["responses"]["304"]
        assert [p["name"] for p in operation["parameters"]].count("If-None-Match") == 1
    # The token endpoints are not cached.
    assert "304" not in schema["paths"]["/api/v1/me/orders"]["get"]["responses"]


def test_no_next_cursor_beyond_the_deepest_page(client, resident, indexed, monkeypatch):
    # Offsets above MAX_OFFSET are refused, so no page points at one.
    monkeypatch.setattr("market.api.public.MAX_OFFSET", 19)
    monkeypatch.setattr("market.api.paging.MAX_OFFSET", 19)
    with indexed():
        for n in range(21):
            ProductFactory(resident=resident, title=f"Item {n:02d}")

    first = client.get("/api/v1/products").json()

    assert first["total"] == 21
    assert len(first["items"]) == 20
    assert first["next"] is None
    _problem(client.get("/api/v1/products", {"cursor": offset_cursor(20)}), 422)


def test_sold_out_and_tiers_off_sale(client, resident, indexed):
    with indexed():
        sold_out = ProductFactory(resident=resident, num_in_stock=0, price=Decimal("9"))
        licensed = _licensed(resident, "Şriftlər")
    licensed.children.update(is_public=False)

    gone = client.get(f"/api/v1/products/{sold_out.pk}").json()
    tiers = client.get(f"/api/v1/products/{licensed.pk}").json()

    assert (gone["price"], gone["availability"]) == (
        "9.00",
        {"code": "sold-out", "label": "Sold out", "available": False, "stock": 0},
    )
    # No tier on sale: no price and no tiers, as the card shows none.
    assert tiers["price"] is None
    assert tiers["licences"] == []
    assert tiers["variants"] == []
    assert tiers["availability"]["available"] is False


def test_a_search_of_one_letter_words(client, catalogue):
    response = client.get("/api/v1/products", {"q": "u i"})

    assert response.status_code == 200
    # "üçün" and "intellekt" start like the words typed, once folded.
    assert [item["title"] for item in response.json()["items"]] == [
        "Animasiya üçün süni intellekt"
    ]
