"""Asking for a quote: the business profile, the request and its refusals
(each refusal stores nothing and mails nobody)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalogue.kinds import COURSE, PHYSICAL
from catalogue.models import ReviewStatus
from market.mail.models import OutgoingEmail
from market.residents.models import ResidentStatus
from market.trade import services
from market.trade.models import (
    BusinessProfile,
    QuoteRequest,
    QuoteRequestStatus,
    TradeTerms,
)
from market.trade.services import LineWish, QuoteRefused
from tests.factories import ProductFactory, UserFactory
from tests.market.trade.conftest import ask, in_days, record_of


def _nothing_stored():
    assert QuoteRequest.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_a_business_profile_is_saved_tidied(buyer):
    profile = services.business_profile_save(
        user=buyer,
        company_name="  Galerie   Nord GmbH ",
        country="de",
        tax_number="de 123 456 789",
    )

    profile.refresh_from_db()
    assert (profile.company_name, profile.country, profile.tax_number) == (
        "Galerie Nord GmbH",
        "DE",
        "DE123456789",
    )


@pytest.mark.parametrize(
    ("company_name", "country", "tax_number"),
    [
        ("", "DE", ""),
        ("Galerie\x07Nord", "DE", ""),
        ("Galerie Nord", "XX", ""),
        ("Galerie Nord", "DE", "<script>"),
        ("Galerie Nord", "DE", "ABCDEF"),
        ("Galerie Nord", "DE", "1" * 41),
    ],
)
def test_a_business_profile_that_does_not_pass_is_not_saved(
    buyer, company_name, country, tax_number
):
    with pytest.raises(ValidationError):
        services.business_profile_save(
            user=buyer,
            company_name=company_name,
            country=country,
            tax_number=tax_number,
        )

    assert BusinessProfile.objects.count() == 0


def test_a_business_asks_for_a_quote(business_buyer, resident, owner, scarves):
    resident.language = "ru"
    resident.save(update_fields=["language"])

    request = ask(business_buyer, resident, scarves, quantity=50)

    request.refresh_from_db()
    assert (
        request.status,
        request.company_name,
        request.company_country,
        request.tax_number,
        request.destination,
        request.wanted_by,
        request.message,
        request.buyer_language,
        request.answered_at,
    ) == (
        QuoteRequestStatus.OPEN,
        "Galerie Nord GmbH",
        "DE",
        "DE123456789",
        "DE",
        in_days(30),
        "Fifty scarves for our spring show.",
        "en",
        None,
    )
    assert list(
        request.lines.values_list("product_id", "quantity", "made_to_order")
    ) == [(scarves.pk, 50, False)]
    mail = OutgoingEmail.objects.get()
    assert mail.to == ["owner@xalca.az"]
    # In the resident's language (Russian), whatever language the buyer used.
    assert mail.subject == (f"Запрос предложения {request.number} от Galerie Nord GmbH")
    assert "Kəlağayı × 50" in mail.body
    assert "(Германия)" in mail.body
    assert mail.body.split("Назначение:")[1].split("\n")[0] == " Германия"


def test_more_than_in_stock_only_from_a_shop_that_makes_to_order(
    business_buyer, resident, owner, scarves
):
    with pytest.raises(QuoteRefused) as refusal:
        ask(business_buyer, resident, scarves, quantity=200)
    assert refusal.value.message == (
        "Only 60 of “Kəlağayı” are in stock, and this shop does not make to order."
    )
    _nothing_stored()

    TradeTerms.objects.create(resident=resident, makes_to_order=True)
    request = ask(business_buyer, resident, scarves, quantity=200)

    assert list(request.lines.values_list("quantity", "made_to_order")) == [(200, True)]


def test_a_buyer_without_a_business_profile_is_refused(buyer, resident, scarves):
    with pytest.raises(QuoteRefused) as refusal:
        ask(buyer, resident, scarves)

    assert refusal.value.message == "Tell us about your business first."
    _nothing_stored()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quantity": 0}, "Ask for between 1 and 100000 units of “Kəlağayı”."),
        ({"quantity": 100_001}, "Ask for between 1 and 100000 units of “Kəlağayı”."),
        ({"wanted_by": in_days(-1)}, "The wished delivery date is in the past."),
        (
            {"wanted_by": in_days(800)},
            "Choose a wished delivery date within two years.",
        ),
        ({"destination": "ZZ"}, "Choose a destination country from the list."),
        ({"message": "<b>hi</b>"}, "Write it as plain text, without HTML."),
        (
            {"message": "hi\x00there"},
            "The text contains characters that cannot be sent.",
        ),
        ({"message": "x" * 4001}, "Keep it under 4000 characters."),
    ],
)
def test_bad_input_is_refused(business_buyer, resident, scarves, change, message):
    with pytest.raises(QuoteRefused) as refusal:
        ask(business_buyer, resident, scarves, **change)

    assert refusal.value.message == message
    _nothing_stored()


def test_only_products_the_public_may_buy(
    business_buyer, resident, other_resident, scarves
):
    hidden = ProductFactory(resident=resident, title="Draft", is_public=False)
    pending = ProductFactory(
        resident=resident, title="Pending", review_status=ReviewStatus.PENDING
    )
    course = ProductFactory(resident=resident, kind=COURSE, title="Course")
    elsewhere = ProductFactory(resident=other_resident, kind=PHYSICAL, title="Other")

    for product, message in [
        (hidden, "“Draft” is not on sale at the moment."),
        (pending, "“Pending” is not on sale at the moment."),
        (course, "Courses are not sold by quote."),
        (elsewhere, "Choose products of this shop."),
    ]:
        with pytest.raises(QuoteRefused) as refusal:
            ask(business_buyer, resident, product, quantity=1)
        assert refusal.value.message == message
    _nothing_stored()


def test_a_product_listed_twice_is_refused(business_buyer, resident, scarves):
    record = record_of(scarves)
    with pytest.raises(QuoteRefused) as refusal:
        services.quote_request_create(
            buyer=business_buyer,
            resident=resident,
            lines=[LineWish(record.pk, 5), LineWish(record.pk, 7)],
            destination="DE",
            wanted_by=None,
            message="",
            language="en",
        )

    assert refusal.value.message == (
        "A product is listed twice: give one line per product."
    )
    _nothing_stored()


def test_a_closed_shop_and_its_own_people_are_refused(
    business_buyer, resident, owner, scarves
):
    BusinessProfile.objects.create(user=owner, company_name="Me", country="AZ")
    with pytest.raises(QuoteRefused) as refusal:
        ask(owner, resident, scarves)
    assert refusal.value.message == "You cannot ask your own shop for a quote."

    resident.status = ResidentStatus.SUSPENDED
    resident.save(update_fields=["status"])
    with pytest.raises(QuoteRefused) as refusal:
        ask(business_buyer, resident, scarves)
    assert refusal.value.message == "This shop is closed at the moment."
    _nothing_stored()


def test_a_flood_of_requests_to_one_shop_is_refused(
    business_buyer, resident, owner, scarves
):
    # Other quantities each time: the same request again is a repeat.
    for quantity in (2, 3, 4):
        ask(business_buyer, resident, scarves, quantity=quantity)
    mails = OutgoingEmail.objects.count()

    with pytest.raises(QuoteRefused) as refusal:
        ask(business_buyer, resident, scarves, quantity=5)

    assert refusal.value.message == (
        "You already have 3 requests waiting with this shop. Add to one of them "
        "with a message instead."
    )
    assert (QuoteRequest.objects.count(), OutgoingEmail.objects.count()) == (3, mails)


def test_the_buyer_withdraws_and_the_shop_is_told(asked, business_buyer):
    request = services.quote_request_withdraw(request=asked, by=business_buyer)

    request.refresh_from_db()
    assert request.status == QuoteRequestStatus.WITHDRAWN
    assert OutgoingEmail.objects.last().subject == (
        f"{request.number} təklif sorğusu geri götürüldü"
    )


def test_nobody_else_withdraws(asked, other_buyer, owner):
    mails = OutgoingEmail.objects.count()
    for stranger in (other_buyer, owner, UserFactory()):
        with pytest.raises(QuoteRefused):
            services.quote_request_withdraw(request=asked, by=stranger)

    asked.refresh_from_db()
    assert asked.status == QuoteRequestStatus.OPEN
    assert OutgoingEmail.objects.count() == mails


def test_a_sane_amount_is_stored_exactly(business_buyer, resident, scarves):
    request = ask(business_buyer, resident, scarves, quantity=60)

    assert request.lines.get().quantity == 60
    assert scarves.stockrecords.get().price == Decimal("30.00")
