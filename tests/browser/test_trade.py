"""Wholesale quotes in Chromium: a business buyer in Berlin asks a shop for
fifty scarves from the product page (telling who they are the first time),
the resident answers from the dashboard with a volume price and shipping
from their profile, the buyer accepts and pays at localstripe, and the
parcel exists with its customs papers. Screenshots of every quote page at
1366 and 390 px go to $TRADE_SHOTS (or the test's tmp_path)."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.kinds import PHYSICAL
from checkout.models import CheckoutPayment, CheckoutStatus
from market.export.models import Parcel
from market.trade import services
from market.trade.models import (
    BusinessProfile,
    QuoteRequest,
    QuoteRequestStatus,
    QuoteStatus,
)
from tests.browser.cards import fill_card
from tests.browser.test_accessibility import AXE, _session_cookie, _violations
from tests.factories import ProductFactory, UserFactory
from tests.factories.shipping import ship_with, shipping_profile
from tests.stripe_fixtures import ensure_countries

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

D = Decimal


def _signed_in(page, live_server, user):
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


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _scarves(resident):
    product = ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Kəlağayı",
        upc="T-SCARF",
        price=D("30.00"),
        num_in_stock=60,
        attributes={
            "weight_grams": 100,
            "hs_code": "6214.10",
            "country_of_origin": "AZ",
        },
    )
    ship_with(
        product,
        shipping_profile(
            resident=resident,
            name="Scarves",
            zones=[
                (
                    "Europe",
                    ["DE", "FR"],
                    [
                        {
                            "carrier": "Azərpoçt EMS",
                            "min_days": 7,
                            "max_days": 14,
                            "first_item": D("12.00"),
                            "each_additional": D("0.50"),
                        }
                    ],
                )
            ],
        ),
    )
    return product


def test_a_business_asks_the_resident_quotes_the_buyer_pays(
    browser, page, live_server, resident, owner, rates, stripe_settings
):
    ensure_countries()
    scarves = _scarves(resident)
    buyer = UserFactory(email="anna@galerie-nord.de", first_name="Anna")
    _signed_in(page, live_server, buyer)

    # From the product page, a business asks: first who they are.
    with translation.override("en"):
        page.goto(live_server.url + scarves.get_absolute_url())
    page.locator(".product-maker-quote a").click()
    page.wait_for_url("**/shop/quotes/business/**")
    page.fill("#id_company_name", "Galerie Nord GmbH")
    page.locator("#id_country").select_option("DE")
    page.fill("#id_tax_number", "DE123456789")
    page.locator(".business-profile-form button[type=submit]").click()
    page.wait_for_url(f"**/shop/quotes/ask/{resident.slug}/**")
    record = scarves.stockrecords.get()
    page.fill(f"#id_quantity_{record.pk}", "50")
    page.locator("#id_destination").select_option("DE")
    page.fill("#id_message", "Fifty scarves for our spring show, please.")
    page.locator(".quote-ask-form button[type=submit]").click()
    page.wait_for_url("**/shop/quotes/*-*/")
    request = QuoteRequest.objects.get()
    assert "Waiting for a quote" in page.locator(".quote-status").inner_text()

    # The resident answers with a volume price; shipping from the profile.
    resident_context = browser.new_context(locale="en-GB")
    resident_page = resident_context.new_page()
    resident_page.set_default_timeout(15_000)
    _signed_in(resident_page, live_server, owner)
    resident_page.goto(live_server.url + _url("resident_dashboard:quote-requests"))
    resident_page.get_by_role("link", name=request.number).click()
    line = request.lines.get()
    assert resident_page.input_value(f"#id_price_{line.pk}") == "30.00"
    resident_page.fill(f"#id_price_{line.pk}", "24.00")
    resident_page.fill("#id_lead_time_days", "10")
    resident_page.fill("#id_terms", "Paid in full before shipping.")
    resident_page.locator(".quote-form button[type=submit]").click()
    resident_page.wait_for_load_state()
    assert "1236.50 AZN" in resident_page.locator(".quote-total").inner_text()

    # The buyer accepts and pays through the checkout.
    page.goto(live_server.url + _url("trade:request", request.reference))
    assert "1236.50 AZN" in page.locator(".quote-total").inner_text()
    page.locator(".quote-accept-form button[type=submit]").click()
    page.wait_for_url("**/basket/")
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
    assert "Azərpoçt EMS" in page.content()
    page.locator("#choose-delivery").click()
    page.wait_for_url("**/payment-details/")
    page.locator("#view_preview").click()
    page.wait_for_url("**/preview/")
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/pay/")
    fill_card(page)
    page.locator("#pay-button").click()
    page.wait_for_url("**/checkout/thank-you/")

    payment = CheckoutPayment.objects.get()
    quote = request.quotes.get()
    request.refresh_from_db()
    assert (payment.status, payment.total) == (CheckoutStatus.PLACED, D("1236.50"))
    assert (quote.status, request.status) == (
        QuoteStatus.PAID,
        QuoteRequestStatus.PAID,
    )
    parcel = Parcel.objects.get(order=payment.order)
    assert (parcel.country, parcel.carrier, parcel.charge) == (
        "DE",
        "Azərpoçt EMS",
        D("36.50"),
    )
    # The parcel's customs papers, for the resident who ships it.
    for paper in ("parcel-invoice", "parcel-cn23"):
        response = resident_page.request.get(
            live_server.url + _url(f"resident_dashboard:{paper}", parcel.pk)
        )
        assert response.status == 200, paper
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    resident_context.close()


def _shots_data(resident, owner):
    scarves = _scarves(resident)
    buyer = UserFactory(email="anna@galerie-nord.de", first_name="Anna")
    BusinessProfile.objects.create(
        user=buyer,
        company_name="Galerie Nord GmbH",
        country="DE",
        tax_number="DE123456789",
    )
    record = scarves.stockrecords.get()
    request = services.quote_request_create(
        buyer=buyer,
        resident=resident,
        lines=[services.LineWish(record.pk, 50)],
        destination="DE",
        wanted_by=timezone.localdate() + timezone.timedelta(days=30),
        message="Fifty scarves for our spring show.",
        language="en",
    )
    services.quote_message_add(
        request=request, author=owner, body="Which colours would you like?"
    )
    services.quote_offer(
        request=request,
        by=owner,
        prices={request.lines.get().pk: D("24.00")},
        lead_time_days=10,
        shipping=services.ShippingAnswer(from_profile=True),
        valid_until=timezone.localdate() + timezone.timedelta(days=14),
        terms="Paid in full before shipping.",
    )
    open_request = services.quote_request_create(
        buyer=buyer,
        resident=resident,
        lines=[services.LineWish(record.pk, 12)],
        destination="FR",
        wanted_by=None,
        message="",
        language="en",
    )
    return scarves, buyer, request, open_request


def test_screenshots_of_the_quote_pages(
    browser, live_server, resident, owner, tmp_path
):
    scarves, buyer, request, open_request = _shots_data(resident, owner)
    folder = Path(os.environ.get("TRADE_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "buyer": [
            ("ask", lambda lang: _url("trade:ask", resident.slug, language=lang)
             + f"?product={scarves.pk}"),
            ("business", lambda lang: _url("trade:business", language=lang)),
            ("mine", lambda lang: _url("trade:mine", language=lang)),
            ("request", lambda lang: _url("trade:request", request.reference,
                                          language=lang)),
        ],
        "resident": [
            ("dashboard-list", lambda lang: _url("resident_dashboard:quote-requests",
                                                 language=lang)),
            ("dashboard-request", lambda lang: _url(
                "resident_dashboard:quote-request", open_request.reference,
                language=lang)),
            ("dashboard-quoted", lambda lang: _url(
                "resident_dashboard:quote-request", request.reference,
                language=lang)),
        ],
    }  # fmt: skip
    for width in (1366, 390):
        for side, user in (("buyer", buyer), ("resident", owner)):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            _signed_in(page, live_server, user)
            for language in ("en", "az", "ru"):
                for name, url in pages[side]:
                    response = page.goto(live_server.url + url(language))
                    assert response.status == 200, (name, language)
                    # Nothing scrolls sideways.
                    assert page.evaluate(
                        "document.documentElement.scrollWidth <= window.innerWidth + 1"
                    ), (name, language, width)
                    page.screenshot(
                        path=str(folder / f"{name}-{language}-{width}.png"),
                        full_page=True,
                    )
            context.close()
    # (The deposit journey's shots may share $TRADE_SHOTS: not counted here.)
    shots = [
        path for path in folder.glob("*.png") if not path.name.startswith("balance-")
    ]
    assert len(shots) == 7 * 3 * 2


def test_a_deposit_then_the_balance_asked_for_and_paid(
    browser, page, live_server, resident, owner, rates, stripe_settings, tmp_path
):
    """80 scarves made to order with 30 % paid at checkout: the resident
    asks for the balance from the dashboard, the buyer pays it on its own
    page at localstripe, and both pages say so. Screenshots of the balance
    pages (az, en, ru; 1366 and 390 px) go to $TRADE_SHOTS."""
    from checkout.models import BalancePayment, BalanceStatus
    from market.trade.models import TradeTerms
    from tests.market.trade.test_checkout import (
        _accepted_in_basket,
        _pay,
        _to_preview,
    )

    ensure_countries()
    scarves = _scarves(resident)
    buyer = UserFactory(email="anna@galerie-nord.de", first_name="Anna")
    BusinessProfile.objects.create(
        user=buyer, company_name="Galerie Nord GmbH", country="DE"
    )
    TradeTerms.objects.create(resident=resident, makes_to_order=True)
    with translation.override("en"):
        request = services.quote_request_create(
            buyer=buyer,
            resident=resident,
            lines=[services.LineWish(scarves.stockrecords.get().pk, 80)],
            destination="DE",
            wanted_by=None,
            message="Eighty, in your colours.",
            language="en",
        )
        quote = services.quote_offer(
            request=request,
            by=owner,
            prices={request.lines.get().pk: D("20.00")},
            lead_time_days=20,
            shipping=services.ShippingAnswer(from_profile=True),
            valid_until=timezone.localdate() + timezone.timedelta(days=14),
            terms="30 % now, the rest when ready.",
            deposit_percent=30,
        )
        services.quote_accept(quote=quote, by=buyer)
    client = _accepted_in_basket(quote, buyer)
    _to_preview(client)
    payment = _pay(client)
    assert payment.charge_now == D("495.45")
    folder = Path(os.environ.get("TRADE_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    # The resident: the balance due, and the button asking for it.
    resident_context = browser.new_context(locale="en-GB")
    resident_page = resident_context.new_page()
    resident_page.set_default_timeout(15_000)
    _signed_in(resident_page, live_server, owner)
    resident_page.goto(
        live_server.url + _url("resident_dashboard:quote-request", request.reference)
    )
    assert "1156.05 AZN" in resident_page.locator(".quote-balance").inner_text()
    resident_page.locator("#ask-balance").click()
    resident_page.wait_for_load_state()
    assert "The buyer is asked to pay the balance." in resident_page.content()

    # The buyer pays it on its own page, with the same card form.
    page.set_default_timeout(15_000)
    _signed_in(page, live_server, buyer)
    page.goto(live_server.url + _url("trade:request", request.reference))
    assert "Due" in page.locator(".quote-balance-state").inner_text()
    page.locator("#pay-balance").click()
    page.wait_for_url("**/balance/")
    assert "1,156.05" in page.locator("#pay-amount").inner_text()
    fill_card(page)
    page.locator("#pay-button").click()
    page.wait_for_url(f"**{_url('trade:request', request.reference)}")
    assert "the balance is paid" in page.content()
    assert "Paid" in page.locator(".quote-balance-state").inner_text()
    balance = BalancePayment.objects.get()
    assert (balance.status, balance.amount) == (BalanceStatus.PAID, D("1156.05"))

    # Screenshots: one balance due (a second order), the paid one, both sides.
    BalancePayment.objects.filter(pk=balance.pk).update(
        status=BalanceStatus.DUE, paid_at=None
    )
    # axe: no critical or serious violation on the balance pages.
    axe_path = AXE / "axe.min.js"
    if axe_path.exists():
        axe = axe_path.read_text(encoding="utf-8")
        for user, name in (
            (buyer, "trade:request"),
            (buyer, "trade:balance"),
            (owner, "resident_dashboard:quote-request"),
        ):
            client = Client()
            client.force_login(user)
            url = live_server.url + _url(name, request.reference, language="az")
            for width in (1366, 390):
                assert (
                    _violations(
                        browser,
                        url,
                        axe,
                        [_session_cookie(client, live_server)],
                        width=width,
                    )
                    == []
                ), (name, width)
    for width in (1366, 390):
        for side, user, name in (
            ("buyer", buyer, "trade:request"),
            ("buyer", buyer, "trade:balance"),
            ("resident", owner, "resident_dashboard:quote-request"),
        ):
            context = browser.new_context(viewport={"width": width, "height": 900})
            shot = context.new_page()
            _signed_in(shot, live_server, user)
            for language in ("en", "az", "ru"):
                url = _url(name, request.reference, language=language)
                response = shot.goto(live_server.url + url)
                assert response.status == 200, (name, language)
                assert shot.evaluate(
                    "document.documentElement.scrollWidth <= window.innerWidth + 1"
                ), (name, language, width)
                shot.screenshot(
                    path=str(
                        folder
                        / f"balance-{side}-{name.split(':')[1]}-{language}-{width}.png"
                    ),
                    full_page=True,
                )
            context.close()
    resident_context.close()
