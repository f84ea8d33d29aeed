"""Selling abroad: shipping profiles priced per parcel (one per resident),
chosen at the delivery step, frozen at "Pay", charged in one PaymentIntent,
written to the ledger, and each parcel moved through its lifecycle."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from checkout.models import CheckoutPayment, Refund
from checkout.services import order_line_refund, parcel_refund
from market.currencies.money import convert, convert_line
from market.export import services
from market.export.countries import COUNTRY_CODES, country_name
from market.export.models import Parcel, ParcelStatus, WeightBand
from market.export.pricing import basket_parcels, option_price
from market.payouts.models import EntryKind, LedgerEntry
from market.payouts.selectors import order_ledger_sum
from market.residents.strategy import Selector
from tests.factories.shipping import shipping_profile
from tests.stripe_fixtures import (
    ADDRESS,
    ensure_countries,
    pay,
    place,
    stripe_get,
)

pytestmark = pytest.mark.django_db
D = Decimal
EU = ["DE", "FR", "NL", "IT"]


def _basket(user, *items):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def test_a_rate_prices_by_weight_band_and_item_and_is_free_over_its_threshold(
    resident,
):
    profile = shipping_profile(
        resident=resident,
        zones=[
            (
                "EU",
                EU,
                [
                    {
                        "carrier": "EMS",
                        "min_days": 7,
                        "max_days": 14,
                        "first_item": D("2.00"),
                        "each_additional": D("1.50"),
                        "free_over": D("500.00"),
                        "bands": [(2000, "30.00"), (10000, "70.00")],
                    }
                ],
            )
        ],
    )
    rate = profile.zones.get().rates.get()

    def price(grams, items, goods):
        return option_price(rate, weight_grams=grams, items=items, goods=D(goods))

    assert price(2000, 1, "10.00") == D("32.00")  # band 1 + first item
    assert price(2001, 3, "10.00") == D("75.00")  # band 2 + 2 + 2 x 1.50
    assert price(10001, 1, "10.00") is None  # too heavy for this carrier
    assert price(10001, 1, "500.00") == D("0.00")  # free from 500 AZN


def test_each_residents_goods_are_one_parcel_and_files_and_seats_never_ship(
    buyer, catalogue, berlin
):
    carpet, print_ = berlin
    track = catalogue[DIGITAL].children.get()
    basket = _basket(
        buyer, (carpet, 1), (print_, 2), (track, 1), (catalogue[COURSE], 1)
    )

    parcels = basket_parcels(basket.all_lines(), country="DE")

    assert [
        (p.seller, [line.product for line in p.lines], p.weight_grams, p.goods)
        for p in parcels
    ] == [
        ("Xalça Atelier", [carpet], 5200, D("450.00")),
        ("Oyun Studiyası", [print_], 2000, D("160.00")),
    ]
    assert [
        [(o.carrier, o.price, o.min_days, o.max_days) for o in p.options]
        for p in parcels
    ] == [
        [("Azərpoçt EMS", D("70.00"), 7, 14), ("DHL Express", D("120.00"), 3, 5)],
        [("Azərpoçt", D("30.00"), 10, 20)],
    ]
    # The cheapest is chosen until the buyer picks another.
    assert [p.chosen.carrier for p in parcels] == ["Azərpoçt EMS", "Azərpoçt"]
    dhl = parcels[0].options[1].rate_id
    chosen = basket_parcels(
        basket.all_lines(), country="DE", choices={str(parcels[0].partner_id): dhl}
    )
    assert [p.price for p in chosen] == [D("120.00"), D("30.00")]


def test_a_parcel_that_cannot_travel_says_which_item_and_why(buyer, berlin):
    carpet, print_ = berlin

    not_served = basket_parcels(_basket(buyer, (print_, 1)).all_lines(), country="TR")
    too_heavy = basket_parcels(_basket(buyer, (carpet, 2)).all_lines(), country="DE")

    with translation.override("az"):
        assert not_served[0].refusal == _(
            "“%(title)s” does not ship to %(country)s."
        ) % {"title": "Şəbəkə çapı", "country": country_name("TR", "az")}
        assert too_heavy[0].refusal == _(
            "The parcel from %(seller)s (%(grams)s g) is too heavy to send to "
            "%(country)s; take an item out or ask the seller."
        ) % {
            "seller": "Xalça Atelier",
            "grams": 10400,
            "country": country_name("DE", "az"),
        }
    assert not_served[0].chosen is None
    assert too_heavy[0].chosen is None


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    ensure_countries()
    return client


def _to_delivery_step(client, items, currency="EUR"):
    for product, quantity in items:
        client.post(
            reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
        )
    client.post(reverse("currencies:set"), {"currency": currency, "next": "/"})
    client.get(reverse("checkout:index"))
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content[:2000]
    return client.get(reverse("checkout:shipping-method"))


def _buy_berlin(client, catalogue, berlin, *, dhl=False):
    """Carpet + print + sample pack + course seat to Berlin, in EUR, paid."""
    carpet, print_ = berlin
    course = catalogue[COURSE]
    course.stockrecords.update(price=D("25.00"))
    track = catalogue[DIGITAL].children.get()
    step = _to_delivery_step(
        client, [(carpet, 1), (print_, 2), (track, 1), (course, 1)]
    )
    parcels = step.context["parcels"]
    choice = {}
    if dhl:
        choice[f"parcel-{parcels[0].partner_id}"] = parcels[0].options[1].rate_id
    chosen = client.post(reverse("checkout:shipping-method"), choice)
    assert chosen.status_code == 302, chosen.content[:3000]
    preview = client.get(reverse("checkout:preview"))
    response = place(client)
    assert response["Location"] == reverse("checkout:pay")
    payment = CheckoutPayment.objects.get()
    pay(payment)
    client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    payment.refresh_from_db()
    return step, preview, payment


def test_the_berlin_basket_pays_each_parcels_shipping_once_to_its_resident(
    buyer,
    catalogue,
    berlin,
    resident,
    other_resident,
    rates,
    stripe_settings,
    localstripe_url,
    django_capture_on_commit_callbacks,
):
    client = _client(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        step, preview, payment = _buy_berlin(client, catalogue, berlin, dhl=True)

    eur = rates["EUR"]
    lines = (
        convert_line(unit_price=D("450.00"), quantity=1, rate=eur, currency="EUR")
        + convert_line(unit_price=D("80.00"), quantity=2, rate=eur, currency="EUR")
        + convert_line(unit_price=D("15.00"), quantity=1, rate=eur, currency="EUR")
        + convert_line(unit_price=D("25.00"), quantity=1, rate=eur, currency="EUR")
    )
    shipping = convert(D("120.00"), rate=eur, currency="EUR") + convert(
        D("30.00"), rate=eur, currency="EUR"
    )
    order = Order.objects.get()
    parcels = list(order.parcels.order_by("pk"))
    assert step.status_code == 200
    assert b'id="choose-delivery"' in step.content
    assert b'id="duties-notice"' in preview.content
    assert (payment.status, payment.currency, payment.amount) == (
        "placed",
        "EUR",
        lines + shipping,
    )
    assert stripe_get(
        localstripe_url, f"/v1/payment_intents/{payment.payment_intent_id}"
    )["amount"] == int((lines + shipping) * 100)
    assert (order.shipping_incl_tax, order.total_incl_tax) == (
        D("150.00"),
        D("450.00") + D("160.00") + D("15.00") + D("25.00") + D("150.00"),
    )
    assert [
        (
            p.partner_id,
            p.carrier,
            p.charge,
            p.amount,
            p.currency,
            p.weight_grams,
            p.country,
            p.status,
            [line.product_id for line in p.lines.all()],
        )
        for p in parcels
    ] == [
        (
            resident.partner_id,
            "DHL Express",
            D("120.00"),
            convert(D("120.00"), rate=eur, currency="EUR"),
            "EUR",
            5200,
            "DE",
            ParcelStatus.PAID,
            [berlin[0].pk],
        ),
        (
            other_resident.partner_id,
            "Azərpoçt",
            D("30.00"),
            convert(D("30.00"), rate=eur, currency="EUR"),
            "EUR",
            2000,
            "DE",
            ParcelStatus.PAID,
            [berlin[1].pk],
        ),
    ]
    shipping_entries = LedgerEntry.objects.filter(kind=EntryKind.SHIPPING).order_by(
        "pk"
    )
    assert [(e.account_id, e.amount) for e in shipping_entries] == [
        (resident.pk, D("120.00")),
        (other_resident.pk, D("30.00")),
    ]
    # No commission on shipping unless configured; the books balance.
    assert not LedgerEntry.objects.filter(key__startswith="commission:parcel:").exists()
    assert order_ledger_sum(order=order) == order.total_incl_tax
    assert order.status == "Paid"


def test_shipping_is_frozen_at_pay_whatever_the_resident_changes_meanwhile(
    buyer,
    catalogue,
    berlin,
    rates,
    stripe_settings,
    localstripe_url,
):
    carpet, _print = berlin
    client = _client(buyer)
    _to_delivery_step(client, [(carpet, 1)])
    client.post(reverse("checkout:shipping-method"))
    place(client)
    payment = CheckoutPayment.objects.get()
    # The resident doubles the price while the buyer types their card.
    for band in WeightBand.objects.filter(price=D("70.00")):
        band.price = D("140.00")
        band.save()

    pay(payment)
    client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    payment.refresh_from_db()

    parcel = Parcel.objects.get()
    assert payment.status == "placed"
    assert payment.parcels[0]["price"] == "70.00"
    assert (parcel.charge, parcel.order.shipping_incl_tax) == (D("70.00"), D("70.00"))
    assert payment.amount == convert_line(
        unit_price=D("450.00"), quantity=1, rate=rates["EUR"], currency="EUR"
    ) + convert(D("70.00"), rate=rates["EUR"], currency="EUR")


def test_a_posted_option_the_parcel_does_not_offer_is_refused(buyer, berlin, rates):
    carpet, _print = berlin
    client = _client(buyer)
    step = _to_delivery_step(client, [(carpet, 1)])
    partner = step.context["parcels"][0].partner_id

    response = client.post(
        reverse("checkout:shipping-method"), {f"parcel-{partner}": "999999"}
    )

    with translation.override("az"):
        expected = _("That delivery option is not offered.")
    assert response.status_code == 400
    assert expected in [str(m) for m in response.wsgi_request._messages]
    assert "parcel_choices" not in client.session


@pytest.fixture
def placed(
    buyer,
    catalogue,
    berlin,
    rates,
    stripe_settings,
    localstripe_url,
    django_capture_on_commit_callbacks,
):
    client = _client(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        _step, _preview, payment = _buy_berlin(client, catalogue, berlin)
    mail.outbox.clear()
    return client, payment


def _parcel_of(resident) -> Parcel:
    return Parcel.objects.get(partner=resident.partner)


def test_the_resident_packs_and_ships_and_the_buyer_sees_the_tracking_link(
    placed, owner, resident, django_capture_on_commit_callbacks
):
    buyer_client, payment = placed
    parcel = _parcel_of(resident)
    resident_client = _client(owner)
    move = reverse("resident_dashboard:parcel-move", kwargs={"pk": parcel.pk})

    with django_capture_on_commit_callbacks(execute=True):
        resident_client.post(move, {"status": "packed"})
        resident_client.post(
            move,
            {
                "status": "shipped",
                f"p{parcel.pk}-carrier": "Azərpoçt EMS",
                f"p{parcel.pk}-tracking_number": "EE123456789AZ",
                f"p{parcel.pk}-tracking_url": "https://track.azerpost.az/EE123456789AZ",
            },
        )
    parcel.refresh_from_db()
    page = buyer_client.get(
        reverse("customer:order", kwargs={"order_number": parcel.order.number})
    ).content.decode()

    assert (parcel.status, parcel.tracking_number, parcel.tracking_url) == (
        ParcelStatus.SHIPPED,
        "EE123456789AZ",
        "https://track.azerpost.az/EE123456789AZ",
    )
    assert 'href="https://track.azerpost.az/EE123456789AZ"' in page
    # The other resident's parcel is still waiting: the order is not shipped.
    assert Order.objects.get().status == "Paid"
    assert StockRecord.objects.get(product=parcel.lines.get().product).num_in_stock == 2
    with translation.override(payment.language):
        subject = _("Your parcel of order %(number)s is on its way") % {
            "number": parcel.order.number
        }
    assert [(m.subject, m.to) for m in mail.outbox] == [(subject, [payment.user.email])]
    assert "EE123456789AZ" in mail.outbox[0].body


def test_tracking_must_be_a_number_and_a_web_link(placed, owner, resident):
    parcel = _parcel_of(resident)
    services.parcel_move(parcel=parcel, user=owner, status=ParcelStatus.PACKED)

    for number, url in [("", ""), ("EE1", "javascript:alert(1)"), ("EE1", "ftp://x")]:
        with pytest.raises(ValidationError):
            services.parcel_move(
                parcel=parcel,
                user=owner,
                status=ParcelStatus.SHIPPED,
                tracking_number=number,
                tracking_url=url,
            )

    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number, parcel.tracking_url) == (
        ParcelStatus.PACKED,
        "",
        "",
    )


def test_nobody_else_moves_a_residents_parcel(placed, resident, other_owner, buyer):
    parcel = _parcel_of(resident)
    client = _client(other_owner)

    response = client.post(
        reverse("resident_dashboard:parcel-move", kwargs={"pk": parcel.pk}),
        {"status": "packed"},
    )
    with pytest.raises(PermissionDenied):
        services.parcel_move(parcel=parcel, user=buyer, status=ParcelStatus.PACKED)
    with pytest.raises(PermissionDenied):
        parcel_refund(
            parcel=parcel, user=other_owner, reason="x", status=ParcelStatus.CANCELLED
        )

    parcel.refresh_from_db()
    assert response.status_code == 404
    assert parcel.status == ParcelStatus.PAID
    assert Refund.objects.count() == 0


def test_a_step_the_status_does_not_allow_is_refused(placed, owner, resident):
    parcel = _parcel_of(resident)

    with pytest.raises(ValidationError):
        services.parcel_move(parcel=parcel, user=owner, status=ParcelStatus.DELIVERED)
    with pytest.raises(ValidationError):
        services.parcel_move(parcel=parcel, user=owner, status="lost")

    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.PAID


def test_all_parcels_delivered_completes_the_order(
    placed, owner, other_owner, resident, other_resident
):
    for user, parcel in [
        (owner, _parcel_of(resident)),
        (other_owner, _parcel_of(other_resident)),
    ]:
        for status in (ParcelStatus.PACKED, ParcelStatus.SHIPPED):
            services.parcel_move(
                parcel=parcel, user=user, status=status, tracking_number="T1"
            )
    assert Order.objects.get().status == "Shipped"

    for user, parcel in [
        (owner, _parcel_of(resident)),
        (other_owner, _parcel_of(other_resident)),
    ]:
        services.parcel_move(parcel=parcel, user=user, status=ParcelStatus.DELIVERED)

    order = Order.objects.get()
    assert order.status == "Complete"
    assert set(
        order.lines.filter(parcels__isnull=False).values_list("status", flat=True)
    ) == {"Delivered"}


def test_cancelling_a_parcel_refunds_its_lines_and_shipping_once(
    placed, owner, resident, localstripe_url, rates
):
    _client_, payment = placed
    parcel = _parcel_of(resident)
    client = _client(owner)
    cancel = reverse("resident_dashboard:parcel-cancel", kwargs={"pk": parcel.pk})

    client.post(cancel, {"reason": "The carpet was damaged in the workshop."})
    again = client.post(cancel, {"reason": "twice"})

    parcel.refresh_from_db()
    order = parcel.order
    eur = rates["EUR"]
    refunds = list(Refund.objects.order_by("pk"))
    assert parcel.status == ParcelStatus.CANCELLED
    assert [
        (r.line_id is not None, r.parcel_id, r.total, r.amount) for r in refunds
    ] == [
        (
            True,
            None,
            D("450.00"),
            convert_line(unit_price=D("450.00"), quantity=1, rate=eur, currency="EUR"),
        ),
        (False, parcel.pk, D("70.00"), convert(D("70.00"), rate=eur, currency="EUR")),
    ]
    refunded_at_stripe = stripe_get(
        localstripe_url, f"/v1/refunds?payment_intent={payment.payment_intent_id}"
    )["data"]
    assert sorted(r["amount"] for r in refunded_at_stripe) == sorted(
        int(r.amount * 100) for r in refunds
    )
    assert order_ledger_sum(order=order) == order.total_incl_tax - D("520.00")
    assert again.status_code == 302
    assert Refund.objects.count() == 2
    # The carpet went back to stock; the other parcel is untouched.
    assert (
        StockRecord.objects.get(product=parcel.lines.get().product).num_allocated == 0
    )
    assert order.status == "Paid"


def test_only_staff_take_back_a_returned_parcel(placed, owner, resident, staff):
    parcel = _parcel_of(resident)
    for status in (ParcelStatus.PACKED, ParcelStatus.SHIPPED):
        services.parcel_move(
            parcel=parcel, user=owner, status=status, tracking_number="T1"
        )

    with pytest.raises(PermissionDenied):
        parcel_refund(
            parcel=parcel, user=owner, reason="back", status=ParcelStatus.RETURNED
        )
    assert Refund.objects.count() == 0
    client = _client(staff)
    client.post(
        reverse("payments_parcel_end", args=[parcel.pk]),
        {"status": "returned", "reason": "Refused at the door"},
    )

    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.RETURNED
    assert Refund.objects.filter(parcel=parcel).get().total == D("70.00")


def test_buy_again_is_offered_only_where_it_makes_sense(placed, catalogue):
    client, payment = placed
    order = payment.order
    lines = {line.product.get_product_class().slug: line for line in order.lines.all()}
    page = client.get(
        reverse("customer:order", kwargs={"order_number": order.number})
    ).content.decode()

    digital = client.post(
        reverse(
            "customer:order-line",
            kwargs={"order_number": order.number, "line_id": lines[DIGITAL].pk},
        ),
        {"action": "reorder"},
    )
    missing = client.post(
        reverse(
            "customer:order-line",
            kwargs={"order_number": order.number, "line_id": 999999},
        ),
        {"action": "reorder"},
    )
    whole = client.post(
        reverse("customer:order", kwargs={"order_number": order.number}),
        {"action": "reorder", "order_id": order.pk},
    )

    assert f'id="reorder_line_{lines[PHYSICAL].pk}"' in page
    assert f'id="reorder_line_{lines[DIGITAL].pk}"' not in page
    assert f'id="reorder_line_{lines[COURSE].pk}"' not in page
    with translation.override("az"):
        expected = _("A file licence or a course seat is bought once.")
    assert expected in [str(m) for m in digital.wsgi_request._messages]
    assert missing.status_code == 404
    assert whole.status_code == 302
    assert (
        Basket.objects.filter(owner=payment.user, status=Basket.OPEN).get().num_lines
        == 0
    )


def test_the_buyer_picks_a_country_once_by_name(client, buyer, berlin):
    carpet, _print = berlin
    client.force_login(buyer)

    default = client.get(carpet.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de-DE,de")
    refused = client.post(reverse("export:set-destination"), {"country": "XX"})
    client.post(reverse("export:set-destination"), {"country": "TR", "next": "/"})
    chosen = client.get(carpet.get_absolute_url())

    buyer.refresh_from_db()
    with translation.override("az"):
        ships = _(
            "Ships to %(country)s from %(price)s, %(min)s–%(max)s days, by %(carrier)s"
        ) % {
            "country": country_name("DE", "az"),
            "price": "70,00\xa0₼",
            "min": 7,
            "max": 14,
            "carrier": "Azərpoçt EMS",
        }
        does_not = _("Does not ship to %(country)s") % {
            "country": country_name("TR", "az")
        }
        unknown = _("Choose a country from the list.")
    assert ships in default.content.decode()
    assert [str(m) for m in refused.wsgi_request._messages] == [unknown]
    assert does_not in chosen.content.decode()
    assert buyer.destination_country == "TR"
    assert 'value="TR" selected' in chosen.content.decode()


def test_the_address_form_offers_every_country_by_name(buyer, berlin):
    carpet, _print = berlin
    client = _client(buyer)
    client.post(reverse("basket:add", kwargs={"pk": carpet.pk}), {"quantity": 1})

    page = client.get(reverse("checkout:shipping-address"))
    with translation.override("ru"):
        russian = client.get(reverse("checkout:shipping-address"))

    choices = page.context["form"].fields["country"].choices
    assert choices[0] == ("AZ", country_name("AZ", "az"))
    assert ("JP", country_name("JP", "az")) in choices
    assert len(choices) == len(COUNTRY_CODES)
    assert '<option value="DE">Almaniya</option>' in page.content.decode()
    assert '<option value="DE">Германия</option>' in russian.content.decode()


def test_refunding_every_unit_of_an_unsent_parcel_cancels_it_with_its_shipping(
    placed, resident, staff
):
    parcel = _parcel_of(resident)
    line = parcel.lines.get()

    order_line_refund(line=line, quantity=line.quantity, user=staff, reason="Lost")

    parcel.refresh_from_db()
    order = parcel.order
    assert parcel.status == ParcelStatus.CANCELLED
    assert list(
        Refund.objects.order_by("pk").values_list("line_id", "parcel_id", "total")
    ) == [(line.pk, None, D("450.00")), (None, parcel.pk, D("70.00"))]
    assert order_ledger_sum(order=order) == order.total_incl_tax - D("520.00")
    with pytest.raises(ValidationError):
        services.parcel_move(parcel=parcel, user=staff, status=ParcelStatus.PACKED)


def test_the_service_refuses_tracking_longer_than_its_columns(placed, owner, resident):
    parcel = _parcel_of(resident)
    services.parcel_move(parcel=parcel, user=owner, status=ParcelStatus.PACKED)

    for number, url in [
        ("E" * 101, ""),
        ("EE1", "https://track.example/" + "x" * 480),
        ("EE1", "https://track.example/\u202ecode"),
    ]:
        with pytest.raises(ValidationError):
            services.parcel_move(
                parcel=parcel,
                user=owner,
                status=ParcelStatus.SHIPPED,
                tracking_number=number,
                tracking_url=url,
            )

    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number) == (ParcelStatus.PACKED, "")
