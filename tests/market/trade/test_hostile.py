"""Wholesale quotes against a hostile stranger, a hostile business buyer and
a hostile resident, through the pages: anyone else's request is a 404 on
every URL and every method, forged or absurd input is refused with a clear
message, a replayed POST has one effect, and a file is judged by its
bytes. Every refusal leaves everything as it was."""

from datetime import timedelta
from decimal import Decimal
from html import escape

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from market.mail.models import OutgoingEmail
from market.trade import services
from market.trade.models import (
    BusinessProfile,
    Quote,
    QuoteMessage,
    QuoteRequest,
    QuoteRequestLine,
    QuoteRequestStatus,
    QuoteStatus,
)
from market.trade.services.messages import MESSAGES_PER_HOUR
from tests.factories import ProductFactory, UserFactory
from tests.market.trade.conftest import ask, in_days, offer, record_of
from tests.market.trade.test_quotes import PDF

pytestmark = pytest.mark.django_db
D = Decimal
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Nord\u202eHbmG" shows as "NordGmbH"
TEXT_REFUSED = "The text contains characters that cannot be sent."
# The site refuses a NUL byte anywhere in a request before any view.
NUL_REFUSED = (
    "The address or the form you sent contains a character that is not allowed "
    "(a NUL byte). Please check it and try again."
)


def en(name, *args, **kwargs):
    with translation.override("en"):
        return reverse(name, args=args, kwargs=kwargs)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shows(response, text: str) -> None:
    """The page tells `text` (as HTML escapes it)."""
    assert escape(text) in response.content.decode(), text


def state():
    """Everything a quote page may write."""
    return (
        list(QuoteRequest.objects.order_by("pk").values_list("pk", "status")),
        list(Quote.objects.order_by("pk").values_list("pk", "status")),
        list(QuoteRequestLine.objects.order_by("pk").values_list("pk", "quantity")),
        QuoteMessage.objects.count(),
        OutgoingEmail.objects.count(),
        list(
            BusinessProfile.objects.order_by("pk").values_list(
                "pk", "company_name", "country", "tax_number"
            )
        ),
    )


@pytest.fixture
def message_of_buyer(asked, business_buyer):
    return services.quote_message_add(
        request=asked,
        author=business_buyer,
        body="Our spec",
        attachment=SimpleUploadedFile("spec.pdf", PDF),
    )


# --- a hostile stranger ------------------------------------------------------


BUYER_POSTS = ["trade:accept", "trade:pay", "trade:withdraw", "trade:message"]


def test_another_buyer_gets_a_404_on_every_url_and_method(
    quoted, other_buyer, message_of_buyer
):
    reference = quoted.request.reference
    client = client_of(other_buyer)
    before = state()

    responses = [
        client.get(en("trade:request", reference)),
        client.post(en("trade:request", reference)),
        client.get(en("trade:attachment", reference, message_of_buyer.pk)),
        client.post(en("trade:attachment", reference, message_of_buyer.pk)),
    ]
    for name in BUYER_POSTS:
        responses.append(
            client.post(en(name, reference), {"body": "hi", "quote": quoted.reference})
        )
        # A GET of a POST-only URL: still a 404, not a 405 that says more.
        responses.append(client.get(en(name, reference)))

    assert [response.status_code for response in responses] == [404] * 12
    assert state() == before


def test_the_buyer_gets_a_405_not_a_404_on_their_own_post_only_url(
    quoted, business_buyer
):
    before = state()

    response = client_of(business_buyer).get(
        en("trade:accept", quoted.request.reference)
    )

    assert response.status_code == 405
    assert state() == before


def test_a_visitor_is_told_nothing_about_a_request(quoted, message_of_buyer):
    reference = quoted.request.reference
    client = Client()
    before = state()

    responses = [
        client.get(en("trade:request", reference)),
        client.get(en("trade:attachment", reference, message_of_buyer.pk)),
        *(client.post(en(name, reference), {"body": "hi"}) for name in BUYER_POSTS),
    ]

    assert [response.status_code for response in responses] == [403] * 6
    assert state() == before


def test_another_resident_gets_a_404_on_every_dashboard_url(
    asked, other_owner, message_of_buyer
):
    reference = asked.reference
    line = asked.lines.get()
    client = client_of(other_owner)
    before = state()

    responses = [
        client.get(en("resident_dashboard:quote-request", reference)),
        client.post(
            en("resident_dashboard:quote-offer", reference),
            {
                f"price_{line.pk}": "1.00",
                "lead_time_days": "1",
                "valid_until": in_days(5).isoformat(),
            },
        ),
        client.post(
            en("resident_dashboard:quote-decline", reference), {"reason": "No"}
        ),
        client.post(en("resident_dashboard:quote-message", reference), {"body": "x"}),
        client.get(
            en("resident_dashboard:quote-attachment", reference, message_of_buyer.pk)
        ),
        client.get(en("resident_dashboard:quote-offer", reference)),
        client.put(en("resident_dashboard:quote-decline", reference)),
    ]

    assert [response.status_code for response in responses] == [404] * 7
    assert state() == before


def test_an_attachment_of_another_request_is_a_404(
    asked, business_buyer, other_buyer, owner, scarves, message_of_buyer
):
    """Own request, another request's message id: not found."""
    mine = ask(other_buyer, asked.resident, scarves, quantity=3)

    response = client_of(other_buyer).get(
        en("trade:attachment", mine.reference, message_of_buyer.pk)
    )
    shop = client_of(owner).get(
        en("resident_dashboard:quote-attachment", mine.reference, message_of_buyer.pk)
    )

    assert (response.status_code, shop.status_code) == (404, 404)


def test_a_signed_in_non_staff_user_is_kept_out_of_cms_quotes(asked, business_buyer):
    client = client_of(business_buyer)

    index = client.get("/cms/quotes/")
    detail = client.get(f"/cms/quotes/{asked.reference}/")

    # Wagtail's admin sends whoever may not use it to its sign-in page.
    assert (index.status_code, detail.status_code) == (302, 302)
    assert index["Location"].startswith("/cms/login/")
    assert detail["Location"].startswith("/cms/login/")


def test_a_staff_member_without_the_quotes_permission_gets_a_403(asked):
    editor = UserFactory(email="editor@example.az", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client = client_of(editor)

    assert client.get("/cms/").status_code == 200
    for url in ("/cms/quotes/", f"/cms/quotes/{asked.reference}/"):
        response = client.get(url)
        # Wagtail answers PermissionDenied with its dashboard and a message.
        assert (response.status_code, response["Location"]) == (302, "/cms/")
        shown = client.get("/cms/")
        # In the admin's language (the site's default, Azerbaijani).
        with translation.override(shown.content.decode().split('lang="')[1][:2]):
            shows(
                shown, gettext("Sorry, you do not have permission to access this area.")
            )
        assert asked.company_name not in shown.content.decode()


# --- a hostile business buyer: the ask form ----------------------------------


@pytest.fixture
def other_shops_product(other_resident):
    return ProductFactory(resident=other_resident, price=D("5.00"), num_in_stock=9)


def _ask_post(client, resident, data):
    return client.post(
        en("trade:ask", slug=resident.slug),
        {"destination": "DE", "wanted_by": "", "message": "", **data},
    )


def test_a_forged_line_for_another_shops_product_is_not_asked_for(
    business_buyer, resident, owner, scarves, other_shops_product
):
    client = client_of(business_buyer)
    forged = f"quantity_{record_of(other_shops_product).pk}"
    before = state()

    alone = _ask_post(client, resident, {forged: "5"})

    assert alone.status_code == 400
    shows(alone, "Give a quantity for at least one product.")
    assert state() == before

    # Beside a line of the shop's, the forged field is ignored.
    mixed = _ask_post(
        client, resident, {forged: "5", f"quantity_{record_of(scarves).pk}": "4"}
    )

    assert mixed.status_code == 302
    request = QuoteRequest.objects.get()
    assert list(request.lines.values_list("stockrecord_id", "quantity")) == [
        (record_of(scarves).pk, 4)
    ]


@pytest.mark.parametrize(
    ("quantity", "error"),
    [
        ("0", "Give a quantity for at least one product."),
        ("-3", "Ensure this value is greater than or equal to 0."),
        (str(10**12), "Ensure this value is less than or equal to 100000."),
        ("1e3", "Enter a whole number."),
        ("2.5", "Enter a whole number."),
        ("5\x00", NUL_REFUSED),
        # Past Python's 4300 digits, not read as a number at all.
        ("9" * 10_000, "Enter a whole number."),
        ("٥", None),  # an Arabic-Indic five is read as 5: accepted
    ],
)
def test_absurd_quantities_are_refused_with_a_clear_message(
    business_buyer, resident, owner, scarves, quantity, error
):
    before = state()

    response = _ask_post(
        client_of(business_buyer),
        resident,
        {f"quantity_{record_of(scarves).pk}": quantity},
    )

    if error is None:
        assert response.status_code == 302
        assert QuoteRequest.objects.get().lines.get().quantity == 5
        return
    assert response.status_code == 400
    shows(response, error)
    assert state() == before


def test_more_than_in_stock_is_refused_on_the_page(
    business_buyer, resident, owner, scarves
):
    before = state()

    response = _ask_post(
        client_of(business_buyer), resident, {f"quantity_{record_of(scarves).pk}": "61"}
    )

    assert response.status_code == 400
    shows(
        response,
        "Only 60 of “Kəlağayı” are in stock, and this shop does not make to order.",
    )
    assert state() == before


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"message": "x" * 10_000}, "Ensure this value has at most 4000 characters"),
        ({"message": "Hello\x00"}, NUL_REFUSED),
        ({"message": f"Invoice to {RLO}HbmG droN"}, TEXT_REFUSED),
        (
            {"message": "<script>alert(1)</script>"},
            "Write it as plain text, without HTML.",
        ),
        (
            {"destination": "XX"},
            "Select a valid choice. XX is not one of the available choices.",
        ),
        ({"wanted_by": "2001-01-01"}, "The wished delivery date is in the past."),
        (
            {"wanted_by": "2999-01-01"},
            "Choose a wished delivery date within two years.",
        ),
        ({"wanted_by": "tomorrow"}, "Enter a valid date."),
    ],
)
def test_absurd_ask_fields_are_refused_with_a_clear_message(
    business_buyer, resident, owner, scarves, fields, error
):
    before = state()

    response = _ask_post(
        client_of(business_buyer),
        resident,
        {f"quantity_{record_of(scarves).pk}": "5", **fields},
    )

    assert response.status_code == 400
    shows(response, error)
    assert state() == before


def test_an_ask_posted_twice_asks_once(business_buyer, resident, owner, scarves):
    client = client_of(business_buyer)
    data = {f"quantity_{record_of(scarves).pk}": "5", "message": "For the shop."}

    first = _ask_post(client, resident, data)
    after_first = state()
    second = _ask_post(client, resident, data)

    assert (first.status_code, second.status_code) == (302, 400)
    request = QuoteRequest.objects.get()
    shows(
        second,
        f"You have just asked this shop for the same products: request "
        f"{request.number} is waiting for its answer.",
    )
    assert state() == after_first

    # Another quantity is another request.
    third = _ask_post(
        client, resident, {**data, f"quantity_{record_of(scarves).pk}": "6"}
    )
    assert third.status_code == 302
    assert QuoteRequest.objects.count() == 2


def test_the_same_ask_long_after_is_a_new_request(
    business_buyer, resident, owner, scarves
):
    first = ask(business_buyer, resident, scarves, quantity=5)
    QuoteRequest.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )

    second = ask(business_buyer, resident, scarves, quantity=5)

    assert QuoteRequest.objects.count() == 2
    assert second.pk != first.pk


def test_a_flood_of_requests_is_capped_on_the_page(
    business_buyer, resident, owner, scarves
):
    for quantity in (1, 2, 3):
        ask(business_buyer, resident, scarves, quantity=quantity)
    before = state()

    response = _ask_post(
        client_of(business_buyer), resident, {f"quantity_{record_of(scarves).pk}": "4"}
    )

    assert response.status_code == 400
    shows(
        response,
        "You already have 3 requests waiting with this shop. Add to one of them "
        "with a message instead.",
    )
    assert state() == before


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("x" * 10_000, "Ensure this value has at most 200 characters (it has 10000)."),
        ("Galerie\x00Nord", NUL_REFUSED),
        (
            f"Galerie {RLO}HbmG droN",
            "Write the name without characters that change the direction of the text.",
        ),
        (
            "Galerie\nNord",
            "Write this on one line, without line breaks or control characters.",
        ),
    ],
)
def test_a_forged_company_name_is_refused(business_buyer, name, error):
    before = state()

    response = client_of(business_buyer).post(
        en("trade:business"),
        {"company_name": name, "country": "DE", "tax_number": "DE123456789"},
    )

    assert response.status_code == 400
    shows(response, error)
    assert state() == before


def test_the_service_refuses_a_direction_override_in_a_company_name(business_buyer):
    from django.core.exceptions import ValidationError

    before = state()
    with pytest.raises(ValidationError) as refusal:
        services.business_profile_save(
            user=business_buyer, company_name=f"A{RLO}B", country="DE"
        )

    assert refusal.value.message_dict == {
        "company_name": [
            "Write the name without characters that change the direction of the text."
        ]
    }
    assert state() == before


# --- a hostile business buyer: the request -----------------------------------


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "This field is required."),
        ("x" * 10_000, "Ensure this value has at most 4000 characters"),
        ("Hi\x00", NUL_REFUSED),
        (f"Pay to {RLO}fdp.exe", TEXT_REFUSED),
        ("Hi \u2066there\u2069", TEXT_REFUSED),
        ("<img src=x onerror=alert(1)>", "Write it as plain text, without HTML."),
    ],
)
def test_a_forged_message_is_refused(asked, business_buyer, body, error):
    before = state()

    response = client_of(business_buyer).post(
        en("trade:message", asked.reference), {"body": body}
    )

    assert response.status_code == 400
    shows(response, error)
    assert state() == before


def test_a_message_in_arabic_or_hebrew_is_sent(asked, business_buyer):
    """Right-to-left text itself is welcome; only the direction controls
    are refused."""
    body = "مرحبا، نريد خمسين وشاحاً — שלום"

    response = client_of(business_buyer).post(
        en("trade:message", asked.reference), {"body": body}
    )

    assert response.status_code == 302
    assert QuoteMessage.objects.get().body == body


def test_a_message_posted_twice_is_sent_once(asked, business_buyer, owner):
    client = client_of(business_buyer)

    first = client.post(en("trade:message", asked.reference), {"body": "Blue, please."})
    after_first = state()
    second = client.post(
        en("trade:message", asked.reference), {"body": "Blue, please."}
    )

    assert (first.status_code, second.status_code) == (302, 400)
    shows(second, "You have just sent this message.")
    assert state() == after_first
    # The shop may say the same words; so may the buyer later, or other words.
    services.quote_message_add(request=asked, author=owner, body="Blue, please.")
    third = client.post(en("trade:message", asked.reference), {"body": "And red."})
    assert third.status_code == 302
    assert QuoteMessage.objects.count() == 3


def test_messages_past_the_hourly_cap_are_refused(asked, business_buyer):
    client = client_of(business_buyer)
    for number in range(MESSAGES_PER_HOUR):
        assert (
            client.post(
                en("trade:message", asked.reference), {"body": f"Note {number}"}
            ).status_code
            == 302
        )
    before = state()

    response = client.post(en("trade:message", asked.reference), {"body": "One more"})

    assert response.status_code == 400
    shows(response, "You have written many messages in the last hour. Try again later.")
    assert state() == before


ATTACHMENT_TYPES = (
    "This type of file is not accepted. Accepted: .jpg, .pdf, .png, .webp."
)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("photo.png", b"<html><script>alert(1)</script></html>", ATTACHMENT_TYPES),
        ("spec.pdf", b"MZ\x90\x00" + b"\x00" * 200, ATTACHMENT_TYPES),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            ATTACHMENT_TYPES,
        ),
        ("page.html", b"<!doctype html><p>hi</p>", ATTACHMENT_TYPES),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64,
            "The picture is damaged.",
        ),
    ],
)
def test_a_file_whose_bytes_are_not_a_photo_or_pdf_is_refused(
    asked, business_buyer, name, content, error
):
    before = state()

    response = client_of(business_buyer).post(
        en("trade:message", asked.reference),
        {"body": "See attached", "attachment": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 400
    shows(response, error)
    assert state() == before


@override_settings(MARKET_UPLOAD_LIMITS={"attachment": 40, "image": 40, "digital": 40})
def test_an_oversized_attachment_is_refused(asked, business_buyer):
    before = state()

    response = client_of(business_buyer).post(
        en("trade:message", asked.reference),
        {"body": "See attached", "attachment": SimpleUploadedFile("a.pdf", PDF)},
    )

    assert response.status_code == 400
    shows(response, "The file is too large: at most 40\xa0bytes.")
    assert state() == before


def test_a_pdf_named_photo_is_kept_as_a_pdf_and_sent_as_a_download(
    asked, business_buyer
):
    client = client_of(business_buyer)
    client.post(
        en("trade:message", asked.reference),
        {"body": "Spec", "attachment": SimpleUploadedFile("../../evil.html.png", PDF)},
    )
    message = QuoteMessage.objects.get()

    response = client.get(en("trade:attachment", asked.reference, message.pk))

    assert (message.attachment_name, message.attachment_extension) == (
        "evil.html.png",
        ".pdf",
    )
    assert message.attachment.name.endswith(".pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- accepting: only the quote the buyer saw, once ----------------------------


def test_accept_takes_only_the_quote_the_buyer_saw(quoted, business_buyer, owner):
    """The shop replaces its quote while the buyer reads the old one: the
    buyer's "Accept" of the old one accepts nothing."""
    request = quoted.request
    newer = offer(request, owner, price="29.00")
    before = state()

    response = client_of(business_buyer).post(
        en("trade:accept", request.reference),
        {"quote": str(quoted.reference)},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == en("trade:request", request.reference)
    shows(
        response,
        "The seller changed the quote after you opened it. Read the new quote, "
        "then accept it.",
    )
    assert state() == before
    newer.refresh_from_db()
    assert newer.status == QuoteStatus.OFFERED


def test_accept_without_the_quote_seen_is_refused(quoted, business_buyer):
    before = state()

    response = client_of(business_buyer).post(
        en("trade:accept", quoted.request.reference), follow=True
    )

    shows(
        response,
        "The seller changed the quote after you opened it. Read the new quote, "
        "then accept it.",
    )
    assert state() == before


def test_the_request_page_carries_the_quote_seen(quoted, business_buyer):
    response = client_of(business_buyer).get(
        en("trade:request", quoted.request.reference)
    )

    assert (
        f'<input type="hidden" name="quote" value="{quoted.reference}">'
        in response.content.decode()
    )


def _accept(client, quote):
    return client.post(
        en("trade:accept", quote.request.reference),
        {"quote": str(quote.reference)},
        follow=True,
    )


def test_an_accept_posted_twice_accepts_once(quoted, business_buyer):
    client = client_of(business_buyer)

    first = _accept(client, quoted)
    quoted.refresh_from_db()
    accepted_at = quoted.accepted_at
    after_first = state()
    second = _accept(client, quoted)

    assert first.redirect_chain[-1][0] == en("basket:summary")
    shows(second, "You have already accepted this quote.")
    quoted.refresh_from_db()
    assert (quoted.status, quoted.accepted_at) == (QuoteStatus.ACCEPTED, accepted_at)
    assert state() == after_first


@pytest.mark.parametrize(
    ("make", "error"),
    [
        ("withdrawn", "There is no quote to accept."),
        ("declined", "There is no quote to accept."),
        ("expired", "There is no quote to accept."),
        ("ran_out", "This quote has expired; ask the seller again."),
    ],
)
def test_a_quote_that_may_no_longer_be_accepted_is_refused(
    quoted, business_buyer, owner, make, error
):
    request = quoted.request
    if make == "withdrawn":
        services.quote_request_withdraw(request=request, by=business_buyer)
    elif make == "declined":
        services.quote_request_decline(request=request, by=owner, reason="Sold out.")
    elif make == "expired":
        Quote.objects.filter(pk=quoted.pk).update(valid_until=in_days(-1))
        services.quotes_follow_up()
    else:
        Quote.objects.filter(pk=quoted.pk).update(valid_until=in_days(-1))
    before = state()

    response = _accept(client_of(business_buyer), quoted)

    shows(response, error)
    assert state() == before


def test_pay_before_accepting_is_refused(quoted, business_buyer):
    before = state()

    response = client_of(business_buyer).post(
        en("trade:pay", quoted.request.reference), follow=True
    )

    assert response.redirect_chain[-1][0] == en(
        "trade:request", quoted.request.reference
    )
    shows(response, "This quote can no longer be paid.")
    assert state() == before


def test_a_withdraw_posted_twice_withdraws_once(quoted, business_buyer):
    client = client_of(business_buyer)
    url = en("trade:withdraw", quoted.request.reference)

    client.post(url)
    after_first = state()
    second = client.post(url, follow=True)

    shows(second, "This request is withdrawn: nothing more can be done on it.")
    assert state() == after_first
    assert QuoteRequest.objects.get().status == QuoteRequestStatus.WITHDRAWN


# --- a hostile resident: the quote form -------------------------------------


def _quote_post(client, request, **fields):
    line = request.lines.get()
    data = {
        f"price_{line.pk}": "24.00",
        "lead_time_days": "10",
        "shipping_source": "quoted",
        "shipping_amount": "80.00",
        "shipping_carrier": "DHL Freight",
        "shipping_min_days": "4",
        "shipping_max_days": "6",
        "valid_until": in_days(14).isoformat(),
        "terms": "",
    }
    for name, value in fields.items():
        data[f"price_{line.pk}" if name == "price" else name] = value
    return client.post(en("resident_dashboard:quote-offer", request.reference), data)


LESS_THAN_A_CENT = "Ensure this value is greater than or equal to 0.01."


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"price": "0"}, LESS_THAN_A_CENT),
        ({"price": "-5"}, LESS_THAN_A_CENT),
        ({"price": "NaN"}, "Enter a number."),
        ({"price": "Infinity"}, "Enter a number."),
        ({"price": "-Infinity"}, "Enter a number."),
        ({"price": "1e30"}, "Ensure this value is less than or equal to 1000000.00."),
        ({"price": "24.001"}, "Ensure that there are no more than 2 decimal places."),
        ({"price": "24\x00"}, NUL_REFUSED),
        (
            {"lead_time_days": str(10**6)},
            "Ensure this value is less than or equal to 365.",
        ),
        ({"lead_time_days": "-1"}, "Ensure this value is greater than or equal to 0."),
        (
            {"valid_until": in_days(-1).isoformat()},
            "The quote must be valid from today to at most 180 days ahead.",
        ),
        (
            {"valid_until": in_days(3 * 365).isoformat()},
            "The quote must be valid from today to at most 180 days ahead.",
        ),
        (
            {"shipping_min_days": "9", "shipping_max_days": "3"},
            "Give the delivery days as from–to, at most 365 days.",
        ),
        (
            {"shipping_amount": "-1"},
            "Ensure this value is greater than or equal to 0.00.",
        ),
        ({"shipping_amount": "NaN"}, "Enter a number."),
        ({"shipping_carrier": ""}, "Needed for a shipping amount you quote."),
        ({"terms": f"Pay {RLO}won"}, TEXT_REFUSED),
        ({"terms": "x" * 10_000}, "Ensure this value has at most 4000 characters"),
    ],
)
def test_an_absurd_quote_is_refused_with_a_clear_message(asked, owner, fields, error):
    before = state()

    response = _quote_post(client_of(owner), asked, **fields)

    assert response.status_code == 400
    shows(response, error)
    assert state() == before


def test_a_price_for_another_requests_line_is_ignored(
    asked, owner, other_buyer, scarves
):
    """A forged price_<id> of a line of another request changes nothing of
    it; the quote prices this request's own line."""
    other = ask(other_buyer, asked.resident, scarves, quantity=7)
    other_line = other.lines.get()

    response = _quote_post(
        client_of(owner), asked, **{f"price_{other_line.pk}": "0.01"}
    )

    assert response.status_code == 302
    assert list(Quote.objects.values_list("request_id", "lines__unit_price")) == [
        (asked.pk, D("24.00"))
    ]
    other.refresh_from_db()
    assert (other.status, other.quotes.count()) == (QuoteRequestStatus.OPEN, 0)


def test_a_quote_posted_twice_leaves_one_live_quote(asked, owner):
    client = client_of(owner)

    first = _quote_post(client, asked)
    second = _quote_post(client, asked)

    assert (first.status_code, second.status_code) == (302, 302)
    # The second replaces the first: one live quote, the first marked replaced.
    assert list(Quote.objects.order_by("pk").values_list("status", flat=True)) == [
        QuoteStatus.SUPERSEDED,
        QuoteStatus.OFFERED,
    ]


def test_a_decline_posted_twice_declines_once(asked, owner):
    client = client_of(owner)
    url = en("resident_dashboard:quote-decline", asked.reference)

    client.post(url, {"reason": "Sold out."})
    after_first = state()
    second = client.post(url, {"reason": "Sold out."}, follow=True)

    # The decline form is no longer on the page: the refusal is said above it.
    assert second.redirect_chain == [
        (en("resident_dashboard:quote-request", asked.reference), 302)
    ]
    shows(second, "This request is declined: nothing more can be done on it.")
    assert state() == after_first


def test_a_quote_after_the_buyer_accepted_is_refused_above_the_page(accepted, owner):
    before = state()

    client = client_of(owner)
    response = _quote_post(client, accepted.request, price="1.00")
    page = client.get(response["Location"])

    assert response.status_code == 302
    shows(page, "The buyer accepted your quote: it can no longer be changed.")
    assert state() == before


def test_a_message_on_a_withdrawn_request_is_refused_above_the_page(
    quoted, business_buyer, owner
):
    services.quote_request_withdraw(request=quoted.request, by=business_buyer)
    before = state()

    for client, name in (
        (client_of(business_buyer), "trade:message"),
        (client_of(owner), "resident_dashboard:quote-message"),
    ):
        response = client.post(
            en(name, quoted.request.reference), {"body": "Still there?"}, follow=True
        )
        assert response.redirect_chain[0][1] == 302
        shows(response, "This request is finished: it takes no more messages.")
    assert state() == before


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("", "This field is required."),
        ("x" * 3000, "Ensure this value has at most 2000 characters"),
        (f"No {RLO}won", TEXT_REFUSED),
        ("No\x00", NUL_REFUSED),
    ],
)
def test_a_forged_decline_reason_is_refused(asked, owner, reason, error):
    before = state()

    response = client_of(owner).post(
        en("resident_dashboard:quote-decline", asked.reference), {"reason": reason}
    )

    assert response.status_code == 400
    shows(response, error)
    assert state() == before


def test_a_direction_override_in_a_quoted_carrier_is_refused(asked, owner):
    """The carrier is printed on the parcel's papers: it reads as it is."""
    with pytest.raises(services.QuoteRefused) as refused:
        offer(
            asked,
            owner,
            shipping=services.ShippingAnswer(
                from_profile=False,
                amount=Decimal("40.00"),
                carrier="DHL \u202eSSERPXE",
                min_days=2,
                max_days=4,
            ),
        )

    assert refused.value.message == (
        "Write the carrier without characters that turn the text around."
    )
    assert Quote.objects.count() == 0
