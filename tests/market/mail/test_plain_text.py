"""Plain-text e-mails show names as typed: `"`, `&` and `<` are never turned
into `&quot;`, `&amp;` or `&lt;`, in our e-mails and in Oscar's (its
communication event types are rendered by Django templates; every `.txt`
template is served by the unescaping "plaintext" engine)."""

from decimal import Decimal

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation
from oscar.apps.communication.models import CommunicationEventType
from oscar.test.factories import OrderFactory, OrderLineFactory

from catalogue.kinds import PHYSICAL
from checkout.services.emails import resident_sales
from market.mail.models import OutgoingEmail
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

SHOP = 'Xalça "Quba" & <Co>'
TITLE = 'Kilim "Şirvan" & <b>ipək</b>'


@pytest.fixture
def sale(resident, owner, buyer):
    resident.display_name = SHOP
    resident.language = "en"
    resident.save()
    product = ProductFactory(
        resident=resident, kind=PHYSICAL, title=TITLE, price=Decimal("120.00")
    )
    order = OrderFactory(user=buyer, shipping_address=None, number="100777")
    line = OrderLineFactory(
        order=order,
        product=product,
        partner=resident.partner,
        title=TITLE,
        quantity=2,
        line_price_incl_tax=Decimal("240.00"),
        line_price_excl_tax=Decimal("240.00"),
    )
    return order, line


def test_a_residents_sale_notice_shows_names_as_typed(sale, settings):
    order, _line = sale

    resident_sales(order)

    email = OutgoingEmail.objects.get()
    assert email.subject.count("&") == email.subject.count(" & ")
    assert email.body == (
        f"{SHOP}, you have sold in order 100777:\n"
        "\n"
        f"- {TITLE} × 2: ₼240.00\n"
        "\n"
        "Pack and ship your parcel, print its customs papers, and see your "
        "share after commission, in your dashboard: "
        f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/en/shop/my-shop/\n"
    )


def test_oscars_order_placed_email_shows_names_as_typed(sale):
    order, _line = sale

    with translation.override("en"):
        messages = CommunicationEventType.objects.get_and_render(
            "ORDER_PLACED", {"order": order, "lines": order.lines.all()}
        )

    body = messages["body"]
    assert f" * {TITLE} - quantity: 2 - price: " in body
    assert [entity for entity in ("&quot;", "&amp;", "&lt;") if entity in body] == []
    assert "<b>ipək</b>" in body
    # The HTML version is still escaped: it is HTML.
    assert "&lt;b&gt;ipək&lt;/b&gt;" in messages["html"]


def test_every_plain_text_template_is_rendered_unescaped():
    with translation.override("en"):
        text = render_to_string(
            "oscar/communication/emails/commtype_password_changed_body.txt",
            {"site": {"name": SHOP}, "reset_url": "https://x.az/?a=1&b=2"},
        )
        html = engines["django"].from_string("<b>{{ name }}</b>").render({"name": SHOP})

    assert f"The {SHOP} team" in text
    assert html == "<b>Xalça &quot;Quba&quot; &amp; &lt;Co&gt;</b>"
