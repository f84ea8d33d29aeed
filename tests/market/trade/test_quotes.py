"""Answering a request (a quote, or a decline), accepting a quote, the
thread, and what nobody else may do (each refusal changes nothing)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from market.mail.models import OutgoingEmail
from market.trade import services
from market.trade.models import (
    Quote,
    QuoteMessage,
    QuoteRequestStatus,
    QuoteStatus,
)
from market.trade.services import QuoteRefused, ShippingAnswer
from tests.factories import UserFactory
from tests.market.trade.conftest import in_days, offer

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _state(request):
    request.refresh_from_db()
    return (
        request.status,
        list(request.quotes.values_list("status", flat=True)),
        OutgoingEmail.objects.count(),
    )


def test_the_resident_quotes_a_volume_price_with_shipping_from_the_profile(
    asked, owner, business_buyer
):
    quote = offer(asked, owner, price="24.00")

    asked.refresh_from_db()
    quote.refresh_from_db()
    assert asked.status == QuoteRequestStatus.QUOTED
    assert asked.answered_at == quote.created_at
    # 50 scarves of 100 g: 12.00 for the first, 0.50 for each of 49 more.
    assert (
        quote.status,
        quote.currency,
        quote.shipping_amount,
        quote.shipping_carrier,
        quote.shipping_min_days,
        quote.shipping_max_days,
        quote.lead_time_days,
        quote.valid_until,
    ) == (
        QuoteStatus.OFFERED,
        "AZN",
        D("36.50"),
        "Azərpoçt EMS",
        7,
        14,
        10,
        in_days(14),
    )
    assert quote.shipping_rate_id is not None
    assert list(quote.lines.values_list("quantity", "unit_price")) == [(50, D("24.00"))]
    assert (quote.goods_total(), quote.total()) == (D("1200.00"), D("1236.50"))
    mail = OutgoingEmail.objects.filter(to=["anna@galerie-nord.de"]).get()
    assert mail.subject == f"Xalça Atelier sent a quote for {asked.number}"
    assert "Kəlağayı × 50: 24.00 AZN" in mail.body
    assert "Shipping: 36.50 AZN" in mail.body
    assert "Total: 1236.50 AZN" in mail.body


def test_a_quoted_shipping_amount(asked, owner):
    quote = offer(
        asked,
        owner,
        shipping=ShippingAnswer(
            from_profile=False,
            amount=D("80.00"),
            carrier="DHL Freight",
            min_days=4,
            max_days=6,
        ),
    )

    assert (
        quote.shipping_amount,
        quote.shipping_carrier,
        quote.shipping_min_days,
        quote.shipping_max_days,
        quote.shipping_rate_id,
    ) == (D("80.00"), "DHL Freight", 4, 6, None)


def test_a_destination_the_profile_does_not_serve_needs_a_quoted_amount(
    business_buyer, resident, owner, scarves
):
    from tests.market.trade.conftest import ask

    request = ask(business_buyer, resident, scarves, destination="US")
    before = _state(request)

    with pytest.raises(QuoteRefused) as refusal:
        offer(request, owner)

    assert refusal.value.message == "“Kəlağayı” does not ship to United States."
    assert _state(request) == before


def test_a_new_quote_replaces_the_one_offered(asked, owner):
    first = offer(asked, owner, price="24.00")
    second = offer(asked, owner, price="22.50")

    first.refresh_from_db()
    assert (first.status, second.status) == (
        QuoteStatus.SUPERSEDED,
        QuoteStatus.OFFERED,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"price": "0.00"}, "between 0.01 and 1000000.00"),
        ({"price": "12.345"}, "between 0.01 and 1000000.00"),
        ({"price": "NaN"}, "between 0.01 and 1000000.00"),
        ({"valid_until": in_days(-1)}, "valid from today"),
        ({"valid_until": in_days(181)}, "valid from today"),
        ({"lead_time_days": 366}, "lead time must be between 0 and 365"),
        ({"terms": "<a href=x>terms</a>"}, "plain text"),
        (
            {
                "shipping": ShippingAnswer(
                    from_profile=False, amount=D("-1"), carrier="X", max_days=1
                )
            },
            "shipping must be between 0",
        ),
        (
            {
                "shipping": ShippingAnswer(
                    from_profile=False, amount=D("5"), carrier="", max_days=1
                )
            },
            "Name the carrier",
        ),
        (
            {
                "shipping": ShippingAnswer(
                    from_profile=False,
                    amount=D("5"),
                    carrier="X",
                    min_days=9,
                    max_days=2,
                )
            },
            "delivery days",
        ),
    ],
)
def test_a_quote_out_of_bounds_is_refused(asked, owner, change, message):
    before = _state(asked)

    with pytest.raises(QuoteRefused) as refusal:
        offer(asked, owner, **change)

    assert message in str(refusal.value.message)
    assert _state(asked) == before


def test_only_the_shops_people_answer(asked, other_owner, business_buyer, staff):
    before = _state(asked)
    for stranger in (other_owner, business_buyer, staff, UserFactory()):
        with pytest.raises(QuoteRefused):
            offer(asked, stranger)
        with pytest.raises(QuoteRefused):
            services.quote_request_decline(request=asked, by=stranger, reason="No")

    assert _state(asked) == before


def test_the_resident_declines_with_a_reason(quoted, owner):
    request = services.quote_request_decline(
        request=quoted.request, by=owner, reason="We are sold out until May."
    )

    request.refresh_from_db()
    quoted.refresh_from_db()
    assert (request.status, request.decline_reason, quoted.status) == (
        QuoteRequestStatus.DECLINED,
        "We are sold out until May.",
        QuoteStatus.WITHDRAWN,
    )
    mail = OutgoingEmail.objects.last()
    assert mail.to == ["anna@galerie-nord.de"]
    assert "Reason: We are sold out until May." in mail.body


def test_declining_needs_a_reason(asked, owner):
    before = _state(asked)

    with pytest.raises(QuoteRefused) as refusal:
        services.quote_request_decline(request=asked, by=owner, reason="   ")

    assert refusal.value.message == "Write a message."
    assert _state(asked) == before


def test_the_buyer_accepts_once(quoted, business_buyer):
    accepted = services.quote_accept(quote=quoted, by=business_buyer)
    after = _state(quoted.request)

    with pytest.raises(QuoteRefused) as refusal:
        services.quote_accept(quote=quoted, by=business_buyer)

    assert refusal.value.message == "You have already accepted this quote."
    assert (accepted.status, after[0]) == (
        QuoteStatus.ACCEPTED,
        QuoteRequestStatus.ACCEPTED,
    )
    assert _state(quoted.request) == after
    assert OutgoingEmail.objects.last().subject == (
        f"Galerie Nord GmbH {quoted.request.number} üzrə təklifinizi qəbul etdi"
    )


def test_an_accepted_quote_can_no_longer_be_changed_or_declined(accepted, owner):
    request = accepted.request
    before = _state(request)

    with pytest.raises(QuoteRefused):
        offer(request, owner)
    with pytest.raises(QuoteRefused):
        services.quote_request_decline(request=request, by=owner, reason="No")

    assert _state(request) == before


def test_a_replaced_expired_or_strangers_quote_is_not_accepted(
    asked, owner, business_buyer, other_buyer
):
    first = offer(asked, owner, price="24.00")
    offer(asked, owner, price="23.00")
    with pytest.raises(QuoteRefused) as refusal:
        services.quote_accept(quote=first, by=business_buyer)
    assert refusal.value.message == "This quote can no longer be accepted."

    current = asked.quotes.get(status=QuoteStatus.OFFERED)
    with pytest.raises(QuoteRefused):
        services.quote_accept(quote=current, by=other_buyer)
    Quote.objects.filter(pk=current.pk).update(valid_until=in_days(-1))
    before = _state(asked)
    with pytest.raises(QuoteRefused) as refusal:
        services.quote_accept(quote=current, by=business_buyer)

    assert refusal.value.message == "This quote has expired; ask the seller again."
    assert _state(asked) == before


def test_a_message_goes_to_the_other_side(asked, owner, business_buyer):
    services.quote_message_add(
        request=asked,
        author=owner,
        body="Which colours?",
        attachment=SimpleUploadedFile("palette.pdf", PDF),
    )
    services.quote_message_add(
        request=asked, author=business_buyer, body="Red and white, please."
    )

    first, second = QuoteMessage.objects.order_by("pk")
    assert (first.from_resident, first.attachment_type, first.attachment_name) == (
        True,
        "application/pdf",
        "palette.pdf",
    )
    assert first.attachment.name.startswith("quotes/")
    assert first.attachment.name.endswith(".pdf")
    assert "palette" not in first.attachment.name
    assert second.from_resident is False
    to_buyer, to_shop = OutgoingEmail.objects.order_by("pk")[1:]
    assert (to_buyer.to, to_shop.to) == (
        ["anna@galerie-nord.de"],
        ["owner@xalca.az"],
    )
    assert "Which colours?" in to_buyer.body
    assert "Attached: palette.pdf" in to_buyer.body


def test_a_file_that_is_not_a_photo_or_pdf_is_refused(asked, business_buyer):
    mails = OutgoingEmail.objects.count()

    with pytest.raises(QuoteRefused) as refusal:
        services.quote_message_add(
            request=asked,
            author=business_buyer,
            body="See attached",
            attachment=SimpleUploadedFile("spec.pdf.exe", b"MZ\x90\x00" + b"\x00" * 64),
        )

    assert refusal.value.message.startswith("This type of file is not accepted.")
    assert (QuoteMessage.objects.count(), OutgoingEmail.objects.count()) == (0, mails)


def test_strangers_and_finished_requests_take_no_messages(
    asked, business_buyer, other_owner, other_buyer
):
    for stranger in (other_owner, other_buyer):
        with pytest.raises(QuoteRefused):
            services.quote_message_add(request=asked, author=stranger, body="Hi")
    services.quote_request_withdraw(request=asked, by=business_buyer)
    with pytest.raises(QuoteRefused) as refusal:
        services.quote_message_add(request=asked, author=business_buyer, body="Hi")

    assert refusal.value.message == (
        "This request is finished: it takes no more messages."
    )
    assert QuoteMessage.objects.count() == 0
