"""Every page a visitor, a buyer and Centre staff reach in the demo answers,
and the admin pages refuse everyone else."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.apps.basket.models import Basket

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MARKET = {"HTTP_HOST": "market.localhost:8000"}


def test_catalogue_lists_public_products(client, catalogue):
    response = client.get(reverse("catalogue:index"), **MARKET)

    assert response.status_code == 200
    assert [p.pk for p in response.context["products"]] == [
        catalogue[kind].pk for kind in (COURSE, SERVICE, DIGITAL, PHYSICAL)
    ]
    assert response.context["paginator"].count == 4


def test_catalogue_sorted_by_price(client, catalogue):
    response = client.get(reverse("catalogue:index"), {"sort_by": "price-desc"})

    assert [p.pk for p in response.context["products"]] == [
        catalogue[kind].pk for kind in (PHYSICAL, SERVICE, DIGITAL, COURSE)
    ]


def test_unknown_sort_is_ignored_not_an_error(client, catalogue):
    response = client.get(reverse("catalogue:index"), {"sort_by": "drop table"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 4


def test_page_past_the_end_is_not_found(client, catalogue):
    response = client.get(reverse("catalogue:index"), {"page": "99"})

    assert response.status_code == 404


def test_category_page(client, catalogue):
    category = catalogue["category"]

    response = client.get(category.get_absolute_url())

    assert response.status_code == 200
    assert response.context["category"] == category
    assert [p.pk for p in response.context["products"]] == [catalogue[PHYSICAL].pk]


def test_category_page_with_an_old_slug_redirects(client, catalogue):
    category = catalogue["category"]
    wrong = reverse(
        "catalogue:category", kwargs={"category_slug": "old", "pk": category.pk}
    )

    response = client.get(wrong)

    assert response.status_code == 301
    assert response["Location"] == category.get_absolute_url()


def test_search_finds_a_product_typed_without_azerbaijani_letters(client, catalogue):
    response = client.get(reverse("search:search"), {"q": "quba xalcasi"})

    assert response.status_code == 200
    assert [p.pk for p in response.context["products"]] == [catalogue[PHYSICAL].pk]
    assert response.context["query"] == "quba xalcasi"


def test_resident_list_and_shop(client, catalogue, resident):
    listing = client.get(reverse("residents:list"))
    shop = client.get(resident.get_absolute_url())

    assert listing.status_code == 200
    assert list(listing.context["residents"]) == [resident]
    assert shop.status_code == 200
    assert shop.context["resident"] == resident
    assert {p.pk for p in shop.context["products"]} == {
        catalogue[kind].pk for kind in (PHYSICAL, DIGITAL, SERVICE, COURSE)
    }
    assert "Mərkəzin rezidenti, Cultech proqramı, 2025 axını" in shop.content.decode()


def test_resident_shop_in_russian(client, catalogue, resident):
    with translation.override("ru"):
        url = resident.get_absolute_url()

    shop = client.get(url)

    assert url == "/ru/shop/residents/xalca-atelier/"
    assert "Резидент Центра, программа Cultech, поток 2025" in shop.content.decode()


def test_unknown_resident_shop_is_not_found(client, db):
    response = client.get(reverse("residents:shop", kwargs={"slug": "nobody"}))

    assert response.status_code == 404


@pytest.mark.parametrize("kind", [PHYSICAL, DIGITAL, SERVICE, COURSE])
def test_product_page_of_each_kind(client, catalogue, kind):
    product = catalogue[kind]

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert response.context["product"] == product


def test_add_to_basket_then_sign_in_to_check_out(client, catalogue):
    product = catalogue[PHYSICAL]
    add_url = reverse("basket:add", kwargs={"pk": product.pk})

    added = client.post(add_url, {"quantity": 2})
    basket_page = client.get(reverse("basket:summary"))
    checkout = client.get(reverse("checkout:index"), follow=True)

    assert added.status_code == 302
    basket = Basket.objects.get()
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [
        (product.pk, 2)
    ]
    assert basket_page.status_code == 200
    shown = basket_page.context["basket"]
    assert (shown.total_incl_tax, shown.currency) == (Decimal("900.00"), "AZN")
    # Goods that ship can be bought as a guest: the checkout's first step
    # asks for an e-mail (or to sign in) instead of sending to sign-in.
    assert checkout.status_code == 200
    assert checkout.redirect_chain == []
    assert checkout.request["PATH_INFO"] == reverse("checkout:index")
    assert "oscar/checkout/gateway.html" in [t.name for t in checkout.templates]


def test_signed_in_buyer_reaches_the_shipping_step(client, buyer, catalogue):
    client.force_login(buyer)
    client.post(
        reverse("basket:add", kwargs={"pk": catalogue[PHYSICAL].pk}), {"quantity": 1}
    )

    checkout = client.get(reverse("checkout:index"), follow=True)

    assert checkout.status_code == 200
    assert checkout.redirect_chain == [(reverse("checkout:shipping-address"), 302)]


@pytest.mark.parametrize("path", ["/cms/", "/dashboard/"])
def test_staff_reach_the_admins(client, staff, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/cms/", "/dashboard/"])
def test_admins_refuse_anonymous_visitors(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("path", ["/cms/", "/dashboard/"])
def test_admins_refuse_buyers(client, buyer, path):
    client.force_login(buyer)

    response = client.get(path)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_viewing_a_product_writes_nothing(client, buyer, catalogue):
    from oscar.apps.analytics.models import ProductRecord, UserProductView

    client.force_login(buyer)

    response = client.get(catalogue[PHYSICAL].get_absolute_url())

    assert response.status_code == 200
    assert ProductRecord.objects.count() == 0
    assert UserProductView.objects.count() == 0


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_product_page_of_an_unreviewed_listing_is_not_found(
    client, catalogue, resident, status
):
    product = catalogue[PHYSICAL]
    product.review_status = status
    product.save()
    owner = UserFactory()
    resident.partner.users.add(owner)

    anonymous = client.get(product.get_absolute_url())
    client.force_login(owner)
    preview = client.get(product.get_absolute_url())

    assert anonymous.status_code == 404
    assert preview.status_code == 200


def test_product_page_of_a_suspended_resident_is_not_found(client, catalogue, resident):
    resident.status = "suspended"
    resident.save()

    response = client.get(catalogue[DIGITAL].get_absolute_url())

    assert response.status_code == 404
