# ruff: noqa: F811 - test functions take the imported fixtures by name
"""A hostile stranger, a hostile resident and a sharp buyer against selling
abroad: every hole found is pinned here by a test."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.apps.address.models import Country
from oscar.apps.basket.models import Basket
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import PHYSICAL
from checkout.models import CheckoutPayment, Refund
from checkout.services import order_line_refund, parcel_refund
from market.currencies.money import convert, convert_line
from market.export import services
from market.export.countries import country_name
from market.export.models import Parcel, ParcelStatus, ShippingRate, WeightBand
from market.export.papers import commercial_invoice_pdf, customs_declaration_pdf
from market.export.pricing import basket_parcels
from market.payments import client as payments_client
from market.payouts.selectors import order_ledger_sum
from market.residents.models import ResidentStatus
from tests.factories import ProductFactory, ResidentFactory
from tests.factories.shipping import ship_with
from tests.market.export import test_shipping as shipping
from tests.market.export.conftest import print_profile
from tests.market.export.test_papers import _text, make_parcel

# The Berlin fixtures, shared with test_shipping (pytest finds them here).
from tests.market.export.test_shipping import placed  # noqa: F401
from tests.stripe_fixtures import ADDRESS, place, stripe_get

pytestmark = pytest.mark.django_db
D = Decimal


def ensure_country(code: str, name: str) -> None:
    Country.objects.get_or_create(
        iso_3166_1_a2=code,
        defaults={"name": name, "printable_name": name, "is_shipping_country": True},
    )


def _queries(client, url) -> int:
    client.get(url)  # the session and caches warm up first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_residents_parcels_page_does_not_query_per_parcel(resident, owner, buyer):
    client = Client()
    client.force_login(owner)
    url = reverse("resident_dashboard:parcels")
    make_parcel(resident, buyer, number="100001")
    one = _queries(client, url)
    for number in ("100002", "100003", "100004"):
        make_parcel(resident, buyer, number=number)
    four = _queries(client, url)
    assert four == one


def test_the_buyers_order_page_does_not_query_per_parcel(resident, buyer):
    parcel = make_parcel(resident, buyer)
    client = Client()
    client.force_login(buyer)
    url = reverse("customer:order", kwargs={"order_number": parcel.order.number})
    one = _queries(client, url)
    for _other in range(3):
        other = ResidentFactory()
        Parcel.objects.create(
            order=parcel.order,
            partner=other.partner,
            country="DE",
            carrier="EMS",
            min_days=1,
            max_days=2,
            weight_grams=1,
            charge=D("1.00"),
            amount=D("0.54"),
            currency="EUR",
        )
    four = _queries(client, url)
    assert four == one


def test_papers_of_markup_titles_huge_quantities_and_no_attributes(resident, buyer):
    parcel = make_parcel(
        resident,
        buyer,
        lines=[
            (
                "<b>Xalça</b> & <para>",
                "<font size=99>Rug</font> & </para>",
                "1.00",
                99999,
                {},
            ),
        ],
    )
    invoice = _text(commercial_invoice_pdf(parcel))
    cn23 = _text(customs_declaration_pdf(parcel))
    assert "<font size=99>Rug</font> & </para>" in invoice
    assert "<font size=99>Rug</font> & </para>" in cn23


@pytest.mark.parametrize(
    ("carrier", "number"),
    [
        ("", "EE1\u202eZA321"),  # right-to-left override: reads "EE1123AZ"
        ("", "EE1\u2066X\u2069"),  # a bidi isolate
        ("", "EE1\u200bX"),  # a zero-width space
        ("", "EE1\x00"),
        ("", "EE1\nBcc: x@y.z"),
        ("DHL\u202e SME", "EE1"),
    ],
)
def test_tracking_with_bidi_controls_or_control_bytes_is_refused(
    resident, owner, buyer, carrier, number
):
    parcel = make_parcel(resident, buyer)
    services.parcel_move(parcel=parcel, user=owner, status=ParcelStatus.PACKED)
    with pytest.raises(ValidationError) as refused:
        services.parcel_move(
            parcel=parcel,
            user=owner,
            status=ParcelStatus.SHIPPED,
            carrier=carrier,
            tracking_number=number,
        )
    parcel.refresh_from_db()
    with translation.override("az"):
        assert refused.value.messages == [
            _("Write this on one line, without line breaks or control characters.")
        ]
    assert (parcel.status, parcel.carrier, parcel.tracking_number) == (
        ParcelStatus.PACKED,
        "Azərpoçt EMS",
        "",
    )


# --- Checkout and money: the Berlin basket (tests/market/export/test_shipping).


def _to_preview_then_move(client, carpet, country_fields):
    """The carpet to Berlin by DHL, then the buyer changes the address and
    goes straight to the preview (never back to the delivery step)."""
    step = shipping._to_delivery_step(client, [(carpet, 1)])
    parcel = step.context["parcels"][0]
    dhl = next(o for o in parcel.options if o.carrier == "DHL Express")
    client.post(
        reverse("checkout:shipping-method"),
        {f"parcel-{parcel.partner_id}": dhl.rate_id},
    )
    moved = client.post(
        reverse("checkout:shipping-address"), {**ADDRESS, **country_fields}
    )
    assert moved.status_code == 302
    return client.get(reverse("checkout:preview"))


def test_a_new_country_after_the_delivery_step_is_priced_for_that_country(
    buyer, berlin, rates, stripe_settings, localstripe_url
):
    carpet, _print = berlin
    client = shipping._client(buyer)
    preview = _to_preview_then_move(
        client, carpet, {"country": "AZ", "line4": "Bakı", "postcode": "AZ1000"}
    )
    response = place(client)
    payment = CheckoutPayment.objects.get()
    assert preview.status_code == 200
    assert response["Location"] == reverse("checkout:pay")
    # The frozen parcel goes where the address says, at that zone's price.
    assert [(p["country"], p["carrier"], p["price"]) for p in payment.parcels] == [
        ("AZ", "Pick-up at the Centre, Baku", "0.00")
    ]
    assert payment.shipping_address["country_id"] == "AZ"
    assert payment.amount == convert_line(
        unit_price=D("450.00"), quantity=1, rate=rates["EUR"], currency="EUR"
    )


def test_a_new_country_the_parcel_cannot_reach_is_refused_at_pay(
    buyer, berlin, rates, stripe_settings, localstripe_url
):
    carpet, _print = berlin
    ensure_country("TR", "Türkiye")
    client = shipping._client(buyer)
    _to_preview_then_move(
        client, carpet, {"country": "TR", "line4": "Ankara", "postcode": "06100"}
    )
    response = place(client)
    record = StockRecord.objects.get(product=carpet)
    with translation.override("az"):
        expected = _("“%(title)s” does not ship to %(country)s.") % {
            "title": carpet.get_title(),
            "country": country_name("TR", "az"),
        }
    assert response["Location"] == reverse("basket:summary")
    assert expected in [str(m) for m in response.wsgi_request._messages]
    assert not CheckoutPayment.objects.exists()
    assert (record.num_allocated or 0) == 0
    assert Basket.objects.get(owner=buyer).status == Basket.OPEN


@pytest.mark.parametrize("choice", ["x", None, 10**9, "other-zone"])
def test_tampered_session_choices_fall_back_to_the_cheapest_offered(
    buyer, berlin, rates, choice
):
    carpet, print_ = berlin
    client = shipping._client(buyer)
    step = shipping._to_delivery_step(client, [(carpet, 1)])
    partner = step.context["parcels"][0].partner_id
    if choice == "other-zone":
        # A rate of the other resident's profile to the same country.
        choice = ShippingRate.objects.get(carrier="Azərpoçt").pk
    session = client.session
    session["parcel_choices"] = {str(partner): choice}
    session.save()
    again = client.get(reverse("checkout:shipping-method"))
    assert again.status_code == 200
    assert [(p.chosen.carrier, p.price) for p in again.context["parcels"]] == [
        ("Azərpoçt EMS", D("70.00"))
    ]


def test_a_failed_stripe_refund_on_cancel_is_a_message_not_a_500(
    placed, owner, resident, monkeypatch
):
    parcel = shipping._parcel_of(resident)
    order = parcel.order
    ledger = order_ledger_sum(order=order)

    def refuse(**kwargs):
        raise payments_client.PaymentProviderError("Stripe is down.")

    monkeypatch.setattr(payments_client, "refund_create", refuse)
    client = shipping._client(owner)
    response = client.post(
        reverse("resident_dashboard:parcel-cancel", kwargs={"pk": parcel.pk}),
        {"reason": "Damaged"},
    )
    parcel.refresh_from_db()
    with translation.override("az"):
        expected = _("Stripe refused the refund; nothing was changed: %(message)s") % {
            "message": "Stripe is down."
        }
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [expected]
    assert parcel.status == ParcelStatus.PAID
    assert Refund.objects.count() == 0
    assert order_ledger_sum(order=order) == ledger


def test_a_partial_line_refund_then_cancel_refunds_each_unit_once(
    placed, other_owner, other_resident, staff, localstripe_url, rates
):
    _buyer_client, payment = placed
    parcel = shipping._parcel_of(other_resident)
    order = parcel.order
    line = parcel.lines.get()  # the print, 2 units
    order_line_refund(line=line, quantity=1, user=staff, reason="One was torn")
    client = shipping._client(other_owner)
    cancel = reverse("resident_dashboard:parcel-cancel", kwargs={"pk": parcel.pk})
    client.post(cancel, {"reason": "Out of paper"})
    client.post(cancel, {"reason": "Out of paper"})  # a second tab
    staff_client = shipping._client(staff)
    staff_client.post(
        reverse("payments_parcel_end", args=[parcel.pk]),
        {"status": "cancelled", "reason": "again"},
    )
    eur = rates["EUR"]
    refunds = list(Refund.objects.order_by("pk"))
    at_stripe = stripe_get(
        localstripe_url, f"/v1/refunds?payment_intent={payment.payment_intent_id}"
    )["data"]
    assert [(r.quantity, r.total, r.parcel_id) for r in refunds] == [
        (1, D("80.00"), None),
        (1, D("80.00"), None),
        (1, D("30.00"), parcel.pk),
    ]
    assert sum(r.amount for r in refunds) == 2 * convert_line(
        unit_price=D("80.00"), quantity=1, rate=eur, currency="EUR"
    ) + convert(D("30.00"), rate=eur, currency="EUR")
    assert sorted(r["amount"] for r in at_stripe) == sorted(
        int(r.amount * 100) for r in refunds
    )
    assert order_ledger_sum(order=order) == order.total_incl_tax - D("190.00")
    assert StockRecord.objects.get(product=line.product).num_allocated == 0


def test_a_suspended_resident_moves_no_parcel(placed, owner, resident):
    parcel = shipping._parcel_of(resident)
    resident.status = ResidentStatus.SUSPENDED
    resident.save(update_fields=["status"])
    client = shipping._client(owner)
    move = client.post(
        reverse("resident_dashboard:parcel-move", kwargs={"pk": parcel.pk}),
        {"status": "packed"},
    )
    cancel = client.post(
        reverse("resident_dashboard:parcel-cancel", kwargs={"pk": parcel.pk}),
        {"reason": "x"},
    )
    with pytest.raises(PermissionDenied):
        services.parcel_move(parcel=parcel, user=owner, status=ParcelStatus.PACKED)
    parcel.refresh_from_db()
    assert (move.status_code, cancel.status_code) == (403, 403)
    assert parcel.status == ParcelStatus.PAID
    assert Refund.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ([], ParcelStatus.SHIPPED),  # paid -> shipped skips packed
        ([ParcelStatus.PACKED, ParcelStatus.SHIPPED], ParcelStatus.PACKED),
        (
            [ParcelStatus.PACKED, ParcelStatus.SHIPPED, ParcelStatus.DELIVERED],
            ParcelStatus.PACKED,
        ),
        ([ParcelStatus.PACKED, ParcelStatus.SHIPPED], ParcelStatus.PAID),
        ([], ParcelStatus.CANCELLED),  # only through the refund
        ([], ParcelStatus.RETURNED),
        ([], "PACKED"),
    ],
)
def test_steps_out_of_order_are_refused_and_change_nothing(
    placed, owner, resident, path, status
):
    parcel = shipping._parcel_of(resident)
    for step in path:
        services.parcel_move(
            parcel=parcel, user=owner, status=step, tracking_number="T1"
        )
    parcel.refresh_from_db()
    before = (parcel.status, parcel.tracking_number, parcel.shipped_at)
    client = shipping._client(owner)
    client.post(
        reverse("resident_dashboard:parcel-move", kwargs={"pk": parcel.pk}),
        {
            "status": status,
            f"p{parcel.pk}-tracking_number": "T2",
            "charge": "0",
            "partner": "1",
        },
    )
    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number, parcel.shipped_at) == before


def test_a_cancelled_parcel_moves_no_more(placed, owner, resident):
    parcel = shipping._parcel_of(resident)
    parcel_refund(
        parcel=parcel, user=owner, reason="Damaged", status=ParcelStatus.CANCELLED
    )
    for status in ParcelStatus.values:
        with pytest.raises(ValidationError):
            services.parcel_move(
                parcel=parcel, user=owner, status=status, tracking_number="T1"
            )
    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.CANCELLED


def test_a_parcels_price_does_not_depend_on_the_order_of_the_basket(
    buyer, resident, berlin
):
    """Two listings of one resident on two profiles travel as one parcel.
    Priced by the first line's profile, a buyer who put the resident's print
    (flat, free over 300 AZN) in first got the 5.2 kg carpet sent free."""
    carpet, _other_print = berlin
    print_ = ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Kiçik çap",
        price=D("80.00"),
        num_in_stock=5,
        attributes={"weight_grams": 1000},
    )
    ship_with(print_, print_profile(resident))
    print_first = shipping._basket(buyer, (print_, 1), (carpet, 1))
    carpet_first = shipping._basket(buyer, (carpet, 1), (print_, 1))

    quotes = [
        basket_parcels(basket.all_lines(), country="DE")
        for basket in (print_first, carpet_first)
    ]

    # 6.2 kg by the carpets' profile (the dearer one): EMS 70, DHL 120.
    assert [
        [(o.carrier, o.price) for o in parcels[0].options] for parcels in quotes
    ] == [[("Azərpoçt EMS", D("70.00")), ("DHL Express", D("120.00"))]] * 2


def test_the_destination_switcher_refuses_strangers_and_open_redirects(client, buyer):
    url = reverse("export:set-destination")
    got = client.get(url, {"country": "DE"})
    away = client.post(url, {"country": "DE", "next": "https://evil.example/x"})
    scheme = client.post(url, {"country": "FR", "next": "javascript:alert(1)"})
    slashes = client.post(url, {"country": "NL", "next": "//evil.example"})
    lower = client.post(url, {"country": "it", "next": "/basket/"})
    assert got.status_code == 405
    assert [r["Location"] for r in (away, scheme, slashes, lower)] == [
        "/",
        "/",
        "/",
        "/basket/",
    ]
    assert client.session["destination_country"] == "NL"


def test_a_shipping_price_raised_after_the_preview_is_not_charged_unseen(
    buyer, berlin, rates, stripe_settings, localstripe_url
):
    carpet, _print = berlin
    client = shipping._client(buyer)
    shipping._to_delivery_step(client, [(carpet, 1)])
    client.post(reverse("checkout:shipping-method"))
    preview = client.get(reverse("checkout:preview"))
    assert preview.context["shipping_charge"].incl_tax == D("70.00")
    for band in WeightBand.objects.filter(price=D("70.00")):
        band.price = D("140.00")
        band.save()
    response = place(client)
    with translation.override("az"):
        expected = _("The basket total changed. Please check it again.")
    assert expected in [str(m) for m in response.wsgi_request._messages]
    assert not CheckoutPayment.objects.exists()
