"""The Berlin journey in Chromium: a buyer in Germany paying in EUR buys a
hand-knotted carpet, a sample pack and a course seat; sees the carpet's
shipping to Germany before buying, chooses the carrier for the one parcel
(files and seats never ship), reads the import duties notice, pays; the
resident packs the parcel and ships it with a tracking link; the buyer sees
the link on the order page."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from checkout.models import CheckoutPayment, CheckoutStatus
from market.currencies.money import convert
from market.export.countries import country_name
from market.export.models import Parcel, ParcelStatus
from market.residents.strategy import Selector
from tests.browser.cards import fill_card
from tests.factories.shipping import carpet_profile, ship_with
from tests.stripe_fixtures import ensure_countries

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TRACKING = "https://track.azerpost.az/?code=EE123456789AZ"


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_berlin_journey_ends_with_a_tracking_link(
    browser, page, live_server, buyer, owner, resident, catalogue, rates,
    stripe_settings, tmp_path,
):  # fmt: skip
    ensure_countries()
    carpet = catalogue[PHYSICAL]
    ship_with(carpet, carpet_profile(resident))
    course = catalogue[COURSE]
    course.stockrecords.update(price=Decimal("25.00"))
    track = catalogue[DIGITAL].children.get()
    _sign_in(page, live_server, buyer)

    # The buyer says where they are and what they pay in, once.
    page.goto(live_server.url + carpet.get_absolute_url())
    page.locator("#currency-switcher-select").select_option("EUR")
    page.locator(".currency-switcher button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("#destination-switcher-select").select_option("DE")
    page.locator(".destination-switcher button[type=submit]").click()
    page.wait_for_load_state()
    offer = page.locator(".product_main .shipping-offer, .shipping-offer").first
    ems = convert(Decimal("70.00"), rate=rates["EUR"], currency="EUR")
    price = f"{ems}\xa0€".replace(".", ",")  # Azerbaijani decimals
    with translation.override("az"):
        expected_offer = _(
            "Ships to %(country)s from %(price)s, %(min)s–%(max)s days, by %(carrier)s"
        ) % {
            "country": country_name("DE", "az"),
            "price": price,
            "min": 7,
            "max": 14,
            "carrier": "Azərpoçt EMS",
        }
    assert offer.inner_text().strip() == expected_offer

    # Carpet, sample pack and course seat in one basket.
    basket = Basket.open.get(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    for product in (carpet, track, course):
        basket.add_product(product, 1)

    page.goto(live_server.url + reverse("checkout:index"))
    page.wait_for_url("**/shipping-address/")
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Schmidt")
    page.fill("#id_line1", "Hauptstraße 5")
    page.fill("#id_line4", "Berlin")
    page.fill("#id_postcode", "10115")
    page.locator("#id_country").select_option("DE")
    page.locator("#new_shipping_address button[type=submit]").click()
    page.wait_for_url("**/shipping-method/")

    # One parcel (the carpet); the cheapest carrier is chosen, DHL offered.
    parcels = page.locator("fieldset.parcel")
    assert parcels.count() == 1
    assert "Quba xalçası" in parcels.first.inner_text()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(tmp_path / f"delivery-{width}.png"), full_page=True)
    page.get_by_label("DHL Express", exact=False).check()
    page.locator("#choose-delivery").click()
    page.wait_for_url("**/payment-details/")
    page.locator("#view_preview").click()
    page.wait_for_url("**/preview/")
    assert page.locator("#duties-notice").is_visible()
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/pay/")
    fill_card(page)
    page.locator("#pay-button").click()
    page.wait_for_url("**/checkout/thank-you/")

    payment = CheckoutPayment.objects.get()
    parcel = Parcel.objects.get()
    assert payment.status == CheckoutStatus.PLACED
    assert (payment.currency, parcel.carrier, parcel.charge) == (
        "EUR",
        "DHL Express",
        Decimal("120.00"),
    )
    assert [line.product_id for line in parcel.lines.all()] == [carpet.pk]

    # The resident packs it and hands it to the carrier.
    resident_context = browser.new_context(locale="en-GB")
    resident_page = resident_context.new_page()
    resident_page.set_default_timeout(15_000)
    _sign_in(resident_page, live_server, owner)
    resident_page.goto(live_server.url + reverse("resident_dashboard:parcels"))
    card = resident_page.locator(f"#parcel-{parcel.pk}")
    card.locator("form button[type=submit]").first.click()
    resident_page.wait_for_load_state()
    card = resident_page.locator(f"#parcel-{parcel.pk}")
    card.locator(f"#id_p{parcel.pk}-tracking_number").fill("EE123456789AZ")
    card.locator(f"#id_p{parcel.pk}-tracking_url").fill(TRACKING)
    card.locator(".parcel-ship-form button[type=submit]").click()
    resident_page.wait_for_load_state()
    resident_context.close()

    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number) == (
        ParcelStatus.SHIPPED,
        "EE123456789AZ",
    )

    # The buyer follows it from the order page.
    order = Order.objects.get()
    page.goto(
        live_server.url
        + reverse("customer:order", kwargs={"order_number": order.number})
    )
    link = page.locator(f"#parcel-{parcel.pk} a.tracking-link")
    assert link.get_attribute("href") == TRACKING
    page.screenshot(path=str(tmp_path / "order.png"), full_page=True)
