"""One rule decides "may this be sold now" (market.residents.selectors:
`public_products` as a query, `listing_refusal` on rows in hand), and every
door asks it: Oscar's basket add and update, checkout begin, the pay page,
placement, one-click enrolment, sponsored codes, the waitlist, choosers,
sitemaps and search. Each refusal leaves nothing changed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.apps.basket.models import Basket, Line
from oscar.apps.order.models import Order
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from catalogue.models import Product, ReviewStatus, StockHold
from checkout.models import CheckoutPayment, CheckoutStatus
from market.learning.models import Seat, SponsoredQuota, WaitlistEntry
from market.learning.services import SeatsUnavailable, enrolment_create
from market.learning.services.sponsors import sponsored_seat_redeem
from market.learning.services.waitlist import waitlist_join, waitlist_offer_next
from market.residents.models import Resident, ResidentStatus
from market.residents.selectors import (
    listing_refusal,
    product_is_listed,
    public_products,
)
from market.residents.strategy import Selector
from tests.factories import ProductFactory, ResidentFactory, UserFactory, course_product
from tests.stripe_fixtures import ensure_countries, pay, place, start_checkout

pytestmark = pytest.mark.django_db

CLOSED = ["waiting for review", "rejected", "withdrawn", "shop suspended"]


@pytest.fixture(autouse=True)
def english():
    """Refusals are compared in English (the catalogues translate them)."""
    with translation.override("en"):
        yield


def _refusal(title: str, how: str) -> str:
    if how == "shop suspended":
        return f"“{title}” is not on sale at the moment: its shop is closed."
    return f"“{title}” is not on sale at the moment."


def _close(product, how: str) -> None:
    """Take `product` off sale the way staff or its resident would."""
    if how == "waiting for review":
        Product.objects.filter(pk=product.pk).update(review_status=ReviewStatus.PENDING)
    elif how == "rejected":
        Product.objects.filter(pk=product.pk).update(
            review_status=ReviewStatus.REJECTED
        )
    elif how == "withdrawn":
        Product.objects.filter(pk=product.pk).update(is_public=False)
    else:
        Resident.objects.filter(partner__stockrecords__product=product).update(
            status=ResidentStatus.SUSPENDED
        )


@pytest.mark.parametrize("review_status", list(ReviewStatus))
@pytest.mark.parametrize("is_public", [True, False])
@pytest.mark.parametrize(
    "resident_status", [ResidentStatus.APPROVED, ResidentStatus.SUSPENDED]
)
def test_the_rule_as_a_query_and_on_rows_gives_the_same_answer(
    review_status, is_public, resident_status
):
    resident = ResidentFactory(status=resident_status)
    product = ProductFactory(resident=resident, kind=PHYSICAL, num_in_stock=2)
    Product.objects.filter(pk=product.pk).update(
        review_status=review_status, is_public=is_public
    )
    product = Product.objects.get(pk=product.pk)
    expected = (
        review_status == ReviewStatus.LIVE
        and is_public
        and resident_status == ResidentStatus.APPROVED
    )

    assert product_is_listed(product) is expected
    assert (listing_refusal(product) is None) is expected
    record = product.stockrecords.get()
    assert (listing_refusal(product, record) is None) is expected


def test_a_variant_follows_its_parents_listing(catalogue):
    tier = catalogue[DIGITAL].children.get()
    assert listing_refusal(tier) is None

    _close(catalogue[DIGITAL], "waiting for review")

    tier = Product.objects.get(pk=tier.pk)
    assert (
        listing_refusal(tier) == "“Muğam nümunələri (Personal)” is not on sale "
        "at the moment."
    )
    assert not public_products().filter(pk=catalogue[DIGITAL].pk).exists()


@pytest.fixture
def buyer_client(buyer):
    client = Client()
    client.force_login(buyer)
    ensure_countries()
    return client


@pytest.mark.parametrize("how", CLOSED)
def test_a_closed_listing_cannot_be_added_to_a_basket_by_its_id(
    buyer_client, catalogue, how
):
    carpet = catalogue[PHYSICAL]
    _close(carpet, how)

    response = buyer_client.post(
        reverse("basket:add", kwargs={"pk": carpet.pk}), {"quantity": 1}
    )

    assert response.status_code in (302, 404)
    assert Line.objects.count() == 0


@pytest.mark.parametrize("how", CLOSED)
def test_a_basket_made_before_the_listing_closed_cannot_be_updated_or_checked_out(
    buyer_client, catalogue, rates, stripe_settings, how
):
    carpet = catalogue[PHYSICAL]
    buyer_client.post(reverse("basket:add", kwargs={"pk": carpet.pk}), {"quantity": 1})
    line = Line.objects.get()
    _close(carpet, how)

    update = buyer_client.post(
        reverse("basket:summary"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(line.pk),
            "form-0-quantity": "2",
        },
    )
    checkout = buyer_client.get(reverse("checkout:index"))
    paying = place(buyer_client)

    line.refresh_from_db()
    assert update.status_code in (200, 302)
    assert line.quantity == 1
    assert checkout["Location"] == reverse("basket:summary")
    assert paying["Location"] == reverse("basket:summary")
    assert CheckoutPayment.objects.count() == 0
    assert StockHold.objects.count() == 0


def _begin(user, basket):
    from oscar.apps.checkout.calculators import OrderTotalCalculator
    from oscar.apps.shipping.methods import Free

    from checkout.services import checkout_begin, prepared

    basket = prepared(basket, user)
    method = Free()
    return checkout_begin(
        basket=basket,
        user=user,
        shipping_address=None,
        shipping_method=method,
        order_total=OrderTotalCalculator().calculate(basket, method.calculate(basket)),
        currency="AZN",
        language="az",
    )


@pytest.mark.parametrize("how", CLOSED)
def test_checkout_begin_refuses_a_closed_listing_and_holds_nothing(
    buyer, catalogue, rates, stripe_settings, how
):
    from checkout.services import CheckoutRefused

    carpet = catalogue[PHYSICAL]
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    basket.add_product(carpet, 1)
    _close(carpet, how)

    with pytest.raises(CheckoutRefused) as refusal:
        _begin(buyer, basket)

    assert str(refusal.value.message) == _refusal(carpet.get_title(), how)
    assert CheckoutPayment.objects.count() == 0
    assert StockHold.objects.count() == 0
    assert Basket.objects.get(pk=basket.pk).status == Basket.OPEN


@pytest.mark.parametrize("how", CLOSED)
def test_paid_after_the_listing_closed_is_refunded_not_placed(
    buyer_client,
    catalogue,
    rates,
    stripe_settings,
    localstripe_url,
    django_capture_on_commit_callbacks,
    how,
):
    carpet = catalogue[PHYSICAL]
    start_checkout(buyer_client, [carpet])
    place(buyer_client)
    payment = CheckoutPayment.objects.get()
    pay(payment)
    _close(carpet, how)

    with django_capture_on_commit_callbacks(execute=True):
        response = buyer_client.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )

    payment.refresh_from_db()
    record = StockRecord.objects.get(product=carpet)
    assert b'data-state="refunded"' in response.content
    assert payment.status == CheckoutStatus.REFUNDED
    assert payment.refund_id.startswith("re_")
    assert Order.objects.count() == 0
    assert (record.num_in_stock, record.num_allocated or 0) == (3, 0)
    assert StockHold.objects.count() == 0


def test_the_pay_page_gives_back_the_hold_when_the_shop_closes_before_paying(
    buyer_client, catalogue, rates, stripe_settings
):
    carpet = catalogue[PHYSICAL]
    start_checkout(buyer_client, [carpet])
    place(buyer_client)
    _close(carpet, "shop suspended")

    response = buyer_client.get(reverse("checkout:pay"))

    payment = CheckoutPayment.objects.get()
    assert response["Location"] == reverse("basket:summary")
    assert payment.status == CheckoutStatus.RELEASED
    assert StockHold.objects.count() == 0
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN


@pytest.fixture
def free_course(resident):
    start = timezone.now() + timedelta(days=10)
    return course_product(
        resident=resident,
        title="Xalçaçılıq",
        capacity=2,
        sessions=[(start, start + timedelta(hours=2))],
    )


@pytest.mark.parametrize("how", CLOSED)
def test_a_closed_free_course_cannot_be_enrolled_in(free_course, buyer, how):
    _close(free_course, how)

    with pytest.raises(SeatsUnavailable) as refusal:
        enrolment_create(product=free_course, learner=buyer)

    assert str(refusal.value.message) == _refusal("Xalçaçılıq", how)
    assert Seat.objects.count() == 0
    assert StockRecord.objects.get(product=free_course).num_allocated in (0, None)


@pytest.mark.parametrize("how", CLOSED)
def test_posting_to_the_enrol_url_of_a_closed_course_enrols_nobody(
    buyer_client, free_course, how
):
    _close(free_course, how)

    response = buyer_client.post(
        reverse("learning:enrol", kwargs={"pk": free_course.pk})
    )

    assert response.status_code in (302, 404)
    assert Seat.objects.count() == 0


def test_a_sponsored_code_of_a_closed_course_seats_nobody(free_course, buyer):
    quota = SponsoredQuota.objects.create(
        course=free_course.course, sponsor="Fond", seats=5
    )
    _close(free_course, "shop suspended")

    with pytest.raises(SeatsUnavailable):
        sponsored_seat_redeem(product=free_course, learner=buyer, code=quota.code)

    assert Seat.objects.count() == 0


def test_the_waitlist_of_a_closed_course_takes_nobody_and_offers_nothing(
    free_course, resident
):
    first, second, waiting, late = (
        UserFactory(email=f"{name}@example.az")
        for name in ("first", "second", "waiting", "late")
    )
    enrolment_create(product=free_course, learner=first)
    enrolment_create(product=free_course, learner=second)
    waitlist_join(product=free_course, learner=waiting)
    StockRecord.objects.filter(product=free_course).update(num_in_stock=3)
    _close(free_course, "waiting for review")

    offered = waitlist_offer_next(product_id=free_course.pk)
    with pytest.raises(SeatsUnavailable):
        waitlist_join(product=free_course, learner=late)

    assert offered == []
    assert list(WaitlistEntry.objects.values_list("learner__email", "status")) == [
        ("waiting@example.az", "waiting")
    ]


def test_choosers_and_sitemaps_list_only_what_may_be_sold(
    staff, catalogue, sites, client
):
    carpet, course = catalogue[PHYSICAL], catalogue[COURSE]
    _close(carpet, "waiting for review")
    client.force_login(staff)

    chooser = client.get(reverse("product_chooser:choose")).json()["html"]
    sitemap = (
        Client().get("/sitemap-products.xml", HTTP_HOST="market.localhost")
    ).content.decode()

    assert "Quba xalçası" not in chooser
    assert "Animasiya üçün süni intellekt" in chooser
    assert carpet.get_absolute_url() not in sitemap
    assert course.get_absolute_url() in sitemap


def test_the_strategy_refuses_a_second_seat_and_over_the_physical_limit(
    catalogue, buyer, settings
):
    settings.MARKET_HOLD_LIMITS = {"physical": 2, "course": 1}
    strategy = Selector().strategy(user=buyer)
    carpet, course = catalogue[PHYSICAL], catalogue[COURSE]

    carpet_policy = strategy.fetch_for_product(carpet).availability
    course_policy = strategy.fetch_for_product(course).availability

    assert carpet_policy.is_purchase_permitted(2) == (True, "")
    assert carpet_policy.is_purchase_permitted(3) == (
        False,
        "one buyer may buy at most 2 of these at a time",
    )
    assert course_policy.is_purchase_permitted(1) == (True, "")
    assert course_policy.is_purchase_permitted(2)[0] is False


def test_the_strategy_counts_live_holds_and_forgets_run_out_ones(catalogue, buyer):
    carpet = catalogue[PHYSICAL]
    record = carpet.stockrecords.get()
    now = timezone.now()
    StockHold.objects.create(
        stockrecord=record,
        key="checkout:1",
        quantity=2,
        reserved_until=now + timedelta(minutes=5),
    )
    StockHold.objects.create(
        stockrecord=record,
        key="checkout:2",
        quantity=1,
        reserved_until=now - timedelta(seconds=1),
    )

    policy = Selector().strategy(user=buyer).fetch_for_product(carpet).availability

    assert policy.num_available == 1
    assert policy.is_purchase_permitted(1) == (True, "")
    assert policy.is_purchase_permitted(2)[0] is False


def test_a_free_course_price_is_unchanged_by_the_rule(catalogue, buyer):
    info = Selector().strategy(user=buyer).fetch_for_product(catalogue[COURSE])
    assert (info.price.incl_tax, info.price.currency) == (Decimal("0.00"), "AZN")
