"""Wholesale quotes for the demo: two business buyers (a gallery in Berlin,
a design shop in Tbilisi) and quote requests to a resident who ships
abroad, one in every state: waiting, quoted, accepted, paid (placed
through the checkout's own placing, its parcel made), declined, withdrawn,
expired and closed unanswered, with messages on the way.

Everything goes through the services; the past is made by passing `now`.
Safe to run again: nothing is added once any request exists."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import ShippingAddress

from catalogue.kinds import PHYSICAL
from catalogue.stock import units_free
from checkout.models import CheckoutPayment
from checkout.services import charge_amount, shipping_parts
from checkout.services.begin import _address_data
from checkout.services.fulfil import place_and_record
from checkout.services.holds import holds_take
from checkout.services.quotes import deposit_split, quote_basket_fill
from market.currencies.selectors import RateUnavailable, rate_for
from market.export.models import ListingShipping
from market.export.pricing import profile_countries
from market.export.shipping import Repository
from market.residents.models import Resident
from market.residents.selectors import public_products
from market.residents.strategy import Selector
from market.trade import services
from market.trade.models import QuoteRequest, TradeTerms

from .records import demo_user

D = Decimal
BUSINESS_PASSWORD = "demo-business-2026"  # noqa: S105 (demo only)
BUYERS = [
    # email, first and last name, company, country, tax number, language
    (
        "gallery@creative-market.az",
        "Anna",
        "Schmidt",
        "Galerie Nord GmbH",
        "DE",
        "DE123456789",
        "en",
    ),
    (
        "shop@creative-market.az",
        "Nino",
        "Beridze",
        "Tbilisi Design Shop",
        "GE",
        "",
        "ru",
    ),
]
BERLIN = {
    "first_name": "Anna",
    "last_name": "Schmidt",
    "line1": "Hauptstraße 5",
    "line4": "Berlin",
    "postcode": "10115",
    "country_id": "DE",
}


def _buyers():
    people = []
    for email, first, last, company, country, tax, language in BUYERS:
        user = demo_user(
            email=email, password=BUSINESS_PASSWORD, first_name=first, last_name=last
        )
        services.business_profile_save(
            user=user, company_name=company, country=country, tax_number=tax
        )
        people.append((user, language))
    return people


def _stocked_listing():
    """A public physical listing that ships to Germany and Georgia, with
    units in stock, and its resident."""
    listings = (
        ListingShipping.objects.filter(
            product__in=public_products().filter(product_class__slug=PHYSICAL),
            profile__resident__isnull=False,
        )
        .select_related("product", "profile")
        .order_by("product__pk")
    )
    for listing in listings:
        record = listing.product.stockrecords.select_related("partner").first()
        if record is None or units_free(record) < 40:
            continue
        if not {"DE", "GE"} <= profile_countries(listing.profile):
            continue
        resident = Resident.objects.filter(partner=record.partner).first()
        if resident is not None:
            return resident, record
    return None, None


def _ask(buyer, language, resident, record, quantity, *, destination, now, message=""):
    return services.quote_request_create(
        buyer=buyer,
        resident=resident,
        lines=[services.LineWish(record.pk, quantity)],
        destination=destination,
        wanted_by=timezone.localdate(now) + datetime.timedelta(days=45),
        message=message,
        language=language,
        now=now,
    )


def _offer(
    request, owner, *, share, now, shipping=None, valid_days=21, deposit_percent=0
):
    """A quote at `share` of the retail price (a volume price)."""
    return services.quote_offer(
        request=request,
        by=owner,
        prices={
            line.pk: (line.stockrecord.price * D(share)).quantize(D("0.01"))
            for line in request.lines.select_related("stockrecord")
        },
        lead_time_days=12,
        shipping=shipping or services.ShippingAnswer(from_profile=True),
        valid_until=timezone.localdate(now) + datetime.timedelta(days=valid_days),
        terms=(
            "A deposit now, the rest when the pieces are ready; each wrapped in "
            "tissue paper."
            if deposit_percent
            else "Paid in full through the site; each piece wrapped in tissue paper."
        ),
        deposit_percent=deposit_percent,
        now=now,
    )


def _pay(quote, buyer, now) -> None:
    """The buyer pays the accepted quote: its basket, the quoted parcel to
    Berlin, the checkout's holding and placing (no card: the demo has no
    Stripe)."""
    basket = Basket.objects.create(owner=buyer)
    quote_basket_fill(basket=basket, quote=quote, user=buyer)
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy(user=buyer)
    address = ShippingAddress(**BERLIN)
    method = Repository().get_shipping_methods(basket, shipping_addr=address)[0]
    try:
        currency, rate = "EUR", rate_for(currency="EUR", now=now)
    except RateUnavailable:
        currency, rate = "AZN", D("1")
    total = basket.total_incl_tax + method.calculate(basket).incl_tax
    amount = charge_amount(basket, shipping_parts(method), rate=rate, currency=currency)
    # A quote with a deposit: its share now, the rest due before shipping.
    balance_total, balance_amount = deposit_split(
        basket, total=total, amount=amount, rate=rate, currency=currency
    )
    payment = CheckoutPayment.objects.create(
        basket=basket,
        user=buyer,
        total=total,
        currency=currency,
        rate=rate,
        amount=amount,
        balance_total=balance_total,
        balance_amount=balance_amount,
        language="en",
        shipping_address=_address_data(address),
        shipping_method_code=method.code,
        parcels=method.snapshot(),
        expires_at=now + datetime.timedelta(minutes=30),
    )
    holds_take(payment=payment, basket=basket, now=now)
    basket.freeze()
    place_and_record(payment)


@transaction.atomic
def demo_quotes() -> int:
    """Two business buyers and a request in every state; returns how many
    requests were made (none when some exist, or nothing ships abroad)."""
    if QuoteRequest.objects.exists():
        return 0
    resident, record = _stocked_listing()
    if resident is None:
        return 0
    owner = resident.partner.users.order_by("pk").first()
    (gallery, gallery_language), (shop, shop_language) = _buyers()
    now = timezone.now()
    ago = lambda days: now - datetime.timedelta(days=days)  # noqa: E731

    # Closed unanswered, and expired: made in the past, then followed up.
    _ask(shop, shop_language, resident, record, 6, destination="GE", now=ago(12))
    expired = _ask(
        gallery, gallery_language, resident, record, 8, destination="DE", now=ago(30)
    )
    _offer(expired, owner, share="1", now=ago(29), valid_days=7)
    services.quotes_follow_up(now=now)

    waiting = _ask(
        gallery,
        gallery_language,
        resident,
        record,
        12,
        destination="DE",
        now=ago(1),
        message="Twelve for our winter window: can you gift-wrap them?",
    )
    services.quote_message_add(
        request=waiting,
        author=owner,
        body="Yes, in our linen bags. I will send prices tomorrow.",
        now=ago(0.5),
    )
    quoted = _ask(
        shop, shop_language, resident, record, 10, destination="GE", now=ago(3)
    )
    _offer(quoted, owner, share="0.85", now=ago(2))
    accepted = _ask(
        gallery, gallery_language, resident, record, 5, destination="DE", now=ago(4)
    )
    services.quote_accept(
        quote=_offer(accepted, owner, share="0.9", now=ago(3)),
        by=gallery,
        now=ago(2),
    )
    paid = _ask(
        gallery, gallery_language, resident, record, 10, destination="DE", now=ago(6)
    )
    quote = _offer(
        paid,
        owner,
        share="0.8",
        now=ago(5),
        shipping=services.ShippingAnswer(
            from_profile=False,
            amount=D("45.00"),
            carrier="DHL Express (one box)",
            min_days=3,
            max_days=5,
        ),
    )
    services.quote_accept(quote=quote, by=gallery, now=ago(4))
    _pay(quote, gallery, now)
    declined = _ask(
        shop, shop_language, resident, record, 15, destination="GE", now=ago(8)
    )
    services.quote_request_decline(
        request=declined,
        by=owner,
        reason="We cannot make fifteen before your date; ask us again in spring.",
        now=ago(7),
    )
    withdrawn = _ask(
        gallery, gallery_language, resident, record, 3, destination="DE", now=ago(9)
    )
    services.quote_request_withdraw(request=withdrawn, by=gallery, now=ago(8))
    # Made to order, with a 30 % deposit paid: the balance is due before
    # the parcel ships (the gallery pays it from the request's page).
    TradeTerms.objects.update_or_create(
        resident=resident, defaults={"makes_to_order": True}
    )
    record.refresh_from_db()
    made = _ask(
        gallery,
        gallery_language,
        resident,
        record,
        units_free(record) + 20,
        destination="DE",
        now=ago(5),
        message="For our opening: more than you have, made in your colours.",
    )
    quote = _offer(
        made,
        owner,
        share="0.75",
        now=ago(4),
        deposit_percent=30,
        shipping=services.ShippingAnswer(
            from_profile=False,
            amount=D("60.00"),
            carrier="DHL Express (two boxes)",
            min_days=3,
            max_days=5,
        ),
    )
    services.quote_accept(quote=quote, by=gallery, now=ago(3))
    _pay(quote, gallery, now)
    return QuoteRequest.objects.count()
