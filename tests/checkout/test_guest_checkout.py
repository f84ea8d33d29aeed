"""Guest checkout: a visitor without an account buys goods that ship with
an e-mail address, through the same steps, holds, Stripe payment, ledger
and parcels as a signed-in buyer; the confirmation goes to that address with
a signed link to the order's status page; the thank-you page offers an
account. Anything that needs an account (a file, a course seat, a service)
is refused at every door, and nothing is created."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from catalogue.models import StockHold
from checkout import services
from checkout.models import CheckoutPayment, CheckoutStatus
from checkout.services.errors import CheckoutRefused
from checkout.views import SESSION_KEY
from market.accounts.models import User
from market.export.models import Parcel
from market.payouts.models import LedgerEntry
from market.payouts.selectors import order_ledger_sum
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.market.accounts.helpers import link_in, mails_to
from tests.stripe_fixtures import ADDRESS, ensure_countries, pay, place

pytestmark = pytest.mark.django_db

GUEST = "guest@example.com"


@pytest.fixture
def guest():
    ensure_countries()
    return Client()


def _add(client, *products):
    for product in products:
        response = client.post(
            reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}
        )
        assert response.status_code == 302


def _give_email(client, email=GUEST):
    return client.post(reverse("checkout:index"), {"email": email})


def _to_preview(client):
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response["Location"] == reverse("checkout:shipping-method")
    assert client.get(reverse("checkout:shipping-method")).status_code == 200
    return client.post(reverse("checkout:shipping-method"), follow=True)


def _nothing_created():
    return (
        CheckoutPayment.objects.count(),
        Order.objects.count(),
        StockHold.objects.count(),
        LedgerEntry.objects.count(),
    ) == (0, 0, 0, 0)


def _digital(catalogue):
    return catalogue[DIGITAL].children.get()


def test_a_guest_buys_a_carpet_and_is_offered_an_account(
    guest, catalogue, rates, stripe_settings, django_capture_on_commit_callbacks
):
    carpet = catalogue[PHYSICAL]
    _add(guest, carpet)

    gateway = guest.get(reverse("checkout:index"))
    given = _give_email(guest, "Guest@Example.COM")
    preview = _to_preview(guest)
    placed = place(guest)
    payment = CheckoutPayment.objects.get()
    held = StockHold.objects.count()
    pay(payment)
    with django_capture_on_commit_callbacks(execute=True):
        returned = guest.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )
    thank_you = guest.get(reverse("checkout:thank-you"))

    order = Order.objects.get()
    payment.refresh_from_db()
    assert gateway.status_code == 200
    assert b'id="guest-email-form"' in gateway.content
    assert given["Location"] == reverse("checkout:shipping-address")
    assert preview.status_code == 200
    assert placed["Location"] == reverse("checkout:pay")
    assert (payment.user, payment.guest_email) == (None, "Guest@example.com")
    assert held == 1
    assert returned["Location"] == reverse("checkout:thank-you")
    assert payment.status == CheckoutStatus.PLACED
    assert (order.user, order.guest_email) == (None, "Guest@example.com")
    assert order.total_incl_tax == Decimal("450.00")
    assert order_ledger_sum(order=order) == Decimal("450.00")
    assert Parcel.objects.filter(order=order).count() == 1
    assert StockHold.objects.count() == 0
    assert not User.objects.filter(email__iexact=GUEST).exists()
    (confirmation,) = mails_to("Guest@example.com")
    status_path = link_in(confirmation)
    assert status_path == (
        f"/shop/accounts/order-status/{order.number}/{order.verification_hash()}/"
    )
    assert thank_you.status_code == 200
    assert b'id="guest-account-offer"' in thank_you.content
    assert f'href="{status_path}"'.encode() in thank_you.content
    # This session sees its order at once; the page names the order.
    status = guest.get(status_path)
    assert status.status_code == 200
    assert order.number.encode() in status.content


def test_the_account_offer_mails_a_link_that_makes_the_account_with_the_order(
    guest, catalogue, rates, stripe_settings
):
    order = _guest_order(guest, catalogue)

    offered = guest.post(reverse("checkout:guest-account-offer"))
    mail = mails_to(GUEST)[-1]
    claim = link_in(mail)
    form = guest.get(claim)
    made = guest.post(
        claim, {"password1": "kelaghayi silk 1908", "password2": "kelaghayi silk 1908"}
    )

    user = User.objects.get(email=GUEST)
    order.refresh_from_db()
    assert offered["Location"] == reverse("checkout:thank-you")
    assert claim.startswith("/shop/accounts/guest-orders/")
    assert form.status_code == 200
    assert made["Location"] == reverse("customer:order-list")
    assert (user.is_active, user.email_confirmed) == (True, True)
    assert user.check_password("kelaghayi silk 1908")
    assert order.user == user
    assert guest.get(reverse("customer:order-list")).status_code == 200
    # Spent for making an account: the address has one now.
    assert Client().get(claim)["Location"].startswith("/shop/accounts/login/?next=")


def _guest_order(client, catalogue, email=GUEST):
    """A guest's whole purchase of the carpet; the order."""
    _add(client, catalogue[PHYSICAL])
    _give_email(client, email)
    _to_preview(client)
    place(client)
    payment = CheckoutPayment.objects.get(pk=client.session[SESSION_KEY])
    pay(payment)
    response = client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    assert response["Location"] == reverse("checkout:thank-you")
    payment.refresh_from_db()
    return payment.order


def test_an_address_with_an_account_buys_as_a_guest_and_claims_only_when_signed_in(
    guest, buyer, catalogue, rates, stripe_settings
):
    order = _guest_order(guest, catalogue, email=buyer.email)
    guest.post(reverse("checkout:guest-account-offer"))
    claim = link_in(mails_to(buyer.email)[-1])
    stranger = UserFactory(email="stranger@example.az")
    as_stranger = Client()
    as_stranger.force_login(stranger)

    anonymous = Client().get(claim)
    refused = as_stranger.post(claim)
    order.refresh_from_db()
    user_after_refusal = order.user
    owner = Client()
    owner.force_login(buyer)
    shown = owner.get(claim)
    claimed = owner.post(claim)

    order.refresh_from_db()
    assert anonymous["Location"] == "/shop/accounts/login/?" + urlencode(
        {"next": claim}
    )
    assert refused.status_code == 403
    assert user_after_refusal is None
    assert shown.status_code == 200
    assert claimed["Location"] == reverse("customer:order-list")
    assert order.user == buyer
    # The account's password never changed.
    assert User.objects.get(pk=buyer.pk).check_password(DEFAULT_PASSWORD)


def test_a_forged_claim_link_is_refused(guest):
    response = guest.get("/shop/accounts/guest-orders/not-a-token/")

    assert response.status_code == 400
    assert User.objects.count() == 0


def test_a_wrong_hash_or_another_guests_order_is_not_shown(
    guest, catalogue, rates, stripe_settings
):
    order = _guest_order(guest, catalogue)
    right = order.verification_hash()
    other_number = order.number[:-1] + ("1" if order.number[-1] != "1" else "2")

    wrong_hash = Client().get(f"/shop/accounts/order-status/{order.number}/x{right}/")
    forged = Client().get(
        f"/shop/accounts/order-status/{order.number}/{order.number}:abcdef/"
    )
    other_order = Client().get(f"/shop/accounts/order-status/{other_number}/{right}/")
    wrong_form = Client().post(
        f"/shop/accounts/order-status-form/{order.number}/x{right}/",
        {"email": GUEST},
    )
    # The right link, in another session, asks for the address first.
    elsewhere = Client().get(f"/shop/accounts/order-status/{order.number}/{right}/")

    assert wrong_hash.status_code == 404
    assert forged.status_code == 404
    assert other_order.status_code == 404
    assert wrong_form.status_code == 404
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == (
        f"/shop/accounts/order-status-form/{order.number}/{right}/"
    )


@pytest.mark.parametrize(
    "email",
    [
        "guest@example.com\r\nBcc: victim@example.com",
        "guest@example.com\n",
        " guest@example.com",
        '"guest\r\n"@example.com',
        "guest@example.com, victim@example.com",
        "guest\u2028@example.com",
        "not an address",
    ],
)
def test_an_email_with_odd_bytes_is_refused(guest, catalogue, email):
    _add(guest, catalogue[PHYSICAL])

    response = _give_email(guest, email)

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert "checkout_data" not in guest.session or not guest.session[
        "checkout_data"
    ].get("guest", {}).get("email")


def test_an_email_with_a_null_byte_is_a_bad_request(guest, catalogue):
    _add(guest, catalogue[PHYSICAL])

    response = _give_email(guest, "guest@exa\x00mple.com")

    assert response.status_code == 400
    assert "checkout_data" not in guest.session


def test_the_guest_email_step_is_rate_limited_per_session(guest, catalogue):
    _add(guest, catalogue[PHYSICAL])

    answers = [
        _give_email(guest, f"guest{index}@example.com").status_code
        for index in range(11)
    ]

    assert answers == [302] * 10 + [429]


@pytest.mark.parametrize("kind", [DIGITAL, COURSE, SERVICE])
def test_the_gateway_refuses_a_guest_basket_that_needs_an_account(
    guest, catalogue, kind
):
    product = _digital(catalogue) if kind == DIGITAL else catalogue[kind]
    _add(guest, catalogue[PHYSICAL], product)

    response = guest.get(reverse("checkout:index"))
    posted = _give_email(guest)

    assert response.status_code == 403
    content = response.content.decode()
    assert 'id="guest-refused"' in content
    assert 'href="/shop/accounts/login/?next=%2Fshop%2Fcheckout%2F"' in content
    assert _needs_an_account(product) in content
    assert posted.status_code == 403
    assert _nothing_created()


def test_every_later_door_refuses_a_guest_with_a_digital_line(guest, catalogue):
    # The address was given while the basket held only the carpet.
    _add(guest, catalogue[PHYSICAL])
    _give_email(guest)
    _to_preview(guest)
    _add(guest, _digital(catalogue))
    gateway = reverse("checkout:index")

    answers = {
        name: getattr(guest, method)(reverse(name), data)
        for name, method, data in [
            ("checkout:shipping-address", "get", {}),
            ("checkout:shipping-address", "post", ADDRESS),
            ("checkout:shipping-method", "get", {}),
            ("checkout:shipping-method", "post", {}),
            ("checkout:payment-method", "get", {}),
            ("checkout:payment-details", "get", {}),
            ("checkout:preview", "get", {}),
            ("checkout:preview", "post", {"action": "place_order"}),
        ]
    }
    pay_doors = [
        guest.get(reverse("checkout:pay")),
        guest.post(reverse("checkout:pay-cancel")),
        guest.get(reverse("checkout:return"), {"payment_intent": "pi_x"}),
        guest.get(reverse("checkout:return-status")),
    ]

    assert {name: r["Location"] for name, r in answers.items()} == dict.fromkeys(
        answers, gateway
    )
    assert [r.status_code for r in pay_doors] == [302, 404, 302, 404]
    assert _nothing_created()
    assert Basket.objects.get().status == Basket.OPEN


def test_the_pay_doors_refuse_a_guest_payment_for_a_digital_basket(
    guest, catalogue, rates
):
    # A payment row that the checkout would never make (as if written around
    # it): the pay pages still refuse to act on it.
    _add(guest, catalogue[PHYSICAL], _digital(catalogue))
    basket = Basket.objects.get()
    session = guest.session
    session["checkout_data"] = {"guest": {"email": GUEST}}
    payment = CheckoutPayment.objects.create(
        basket=basket,
        guest_email=GUEST,
        total=Decimal("465.00"),
        currency="AZN",
        rate=Decimal("1"),
        amount=Decimal("465.00"),
        language="az",
        shipping_method_code="parcels",
        expires_at="2100-01-01T00:00:00Z",
        payment_intent_id="pi_forged",
    )
    session[SESSION_KEY] = payment.pk
    session.save()

    answers = [
        guest.get(reverse("checkout:pay")),
        guest.post(reverse("checkout:pay-confirm"), {"payment_method": "pm_card"}),
        guest.post(reverse("checkout:pay-cancel")),
        guest.get(reverse("checkout:return"), {"payment_intent": "pi_forged"}),
        guest.get(reverse("checkout:return-status")),
    ]

    payment.refresh_from_db()
    assert [r.status_code for r in answers] == [302, 404, 404, 302, 404]
    assert answers[0]["Location"] == reverse("basket:summary")
    assert payment.status == CheckoutStatus.AWAITING_PAYMENT
    assert Order.objects.count() == 0
    assert StockHold.objects.count() == 0


def test_checkout_begin_refuses_a_guest_basket_with_a_course(catalogue, rates):
    basket = Basket.objects.create()
    basket.strategy = services.prepared(basket, None).strategy
    basket.add_product(catalogue[COURSE], 1)

    with pytest.raises(CheckoutRefused) as refusal:
        services.checkout_begin(
            basket=basket,
            user=None,
            guest_email=GUEST,
            shipping_address=None,
            shipping_method=None,
            order_total=None,
            currency="AZN",
            language="az",
        )

    assert str(refusal.value.message) == _needs_an_account(catalogue[COURSE])
    assert _nothing_created()


def test_another_guests_payment_is_not_reachable_by_its_intent(
    guest, catalogue, rates, stripe_settings
):
    _add(guest, catalogue[PHYSICAL])
    _give_email(guest)
    _to_preview(guest)
    place(guest)
    payment = CheckoutPayment.objects.get()
    pay(payment)
    intruder = Client()
    _add(intruder, catalogue[PHYSICAL])
    _give_email(intruder, GUEST)  # even with the same address

    response = intruder.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )

    payment.refresh_from_db()
    assert response["Location"] == reverse("basket:summary")
    assert payment.status == CheckoutStatus.AWAITING_PAYMENT
    assert Order.objects.count() == 0


def test_the_confirmation_link_is_in_the_guests_language(
    catalogue, rates, stripe_settings
):
    guest = Client()
    ensure_countries()
    _add(guest, catalogue[PHYSICAL])
    guest.post("/en/shop/checkout/", {"email": GUEST})
    guest.post("/en/shop/checkout/shipping-address/", ADDRESS)
    guest.post("/en/shop/checkout/shipping-method/")
    guest.post("/en/shop/checkout/preview/", {"action": "place_order"})
    payment = CheckoutPayment.objects.get()
    pay(payment)
    guest.get(
        "/en/shop/checkout/return/", {"payment_intent": payment.payment_intent_id}
    )

    order = Order.objects.get()
    body = mails_to(GUEST)[0].body
    assert re.search(
        rf"https?://[^/\s]+/en/shop/accounts/order-status/{order.number}/", body
    )
    assert len(mails_to(GUEST)) == 1


@pytest.mark.parametrize("extra_lines", [0, 2])
def test_the_guest_rule_asks_the_same_queries_whatever_the_lines(
    catalogue, resident, django_assert_num_queries, extra_lines
):
    """The one rule asked at every door reads every line's kind at once (the
    checkout pages' other per-line reads are the basket's own: its header
    summary and Oscar's availability check, the same when signed in)."""
    from checkout.selectors import guest_refusal
    from tests.factories import ProductFactory

    basket = Basket.objects.create()
    basket.strategy = services.prepared(basket, None).strategy
    basket.add_product(catalogue[PHYSICAL], 1)
    for index in range(extra_lines):
        basket.add_product(
            ProductFactory(
                resident=resident,
                kind=PHYSICAL,
                title=f"Kəlağayı {index}",
                upc=f"T-KELAGHAYI-{index}",
                price=Decimal("60.00"),
                num_in_stock=5,
            ),
            1,
        )
    basket.add_product(catalogue[SERVICE], 1)
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = services.prepared(basket, None).strategy
    basket.all_lines()  # the lines, read once by every checkout page

    # One for every line's kind; the rest name the refused item (its title).
    with django_assert_num_queries(4):
        refusal = guest_refusal(basket)

    assert refusal is not None
    assert refusal.startswith("“")


def _needs_an_account(product) -> str:
    """The refusal as the (Azerbaijani) page says it."""
    with translation.override("az"):
        return gettext(
            "“%(title)s” needs an account: downloads, course seats, services "
            "and studio time are kept in it. Sign in or create an account to "
            "buy it; goods that ship can be bought without one."
        ) % {"title": product.get_title()}
