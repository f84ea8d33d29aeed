"""Nobody but a resident's own people reaches that resident's objects.

The matrix enumerates the URL resolver: a new dashboard route that takes an
object id and has no entry in OBJECTS makes this test fail.
"""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import DIGITAL
from catalogue.models import DigitalFile, Product
from market.api.models import AccessToken
from market.api.services import access_token_create
from market.export.models import (
    ExportDocument,
    Parcel,
    ShippingProfile,
    ShippingRate,
    ShippingZone,
)
from market.residents.models import LineFulfilment, Resident
from market.trade import services as trade_services
from market.trade.models import BusinessProfile, Quote, QuoteMessage, QuoteRequest
from market.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import ProductFactory, UserFactory, VariantFactory
from tests.factories.shipping import shipping_profile

from .conftest import order_line, png_upload

pytestmark = pytest.mark.django_db


# Routes that take more than an object id: the other arguments, each the most
# harmful value (an endpoint's secret rotated, or the endpoint deleted).
EXTRA_ARGUMENTS = {"webhook-action": {"action": "delete"}}


def _object_routes() -> list[str]:
    """Names of the resident dashboard's routes that take an object id."""
    return sorted(_id_arguments())


def _id_arguments() -> dict[str, tuple[str, ...]]:
    """Route name -> the names of its object arguments (pk, profile_pk…, and
    a wholesale quote request's reference)."""
    _prefix, resolver = get_resolver().namespace_dict["resident_dashboard"]
    found = {}
    for pattern in resolver.url_patterns:
        arguments = tuple(
            argument
            for argument in pattern.pattern.converters
            if argument in ("pk", "reference") or argument.endswith("_pk")
        )
        if arguments:
            found[pattern.name] = arguments
    return found


def _kwargs(arguments: tuple[str, ...], value) -> dict:
    """A route's arguments from its matrix entry: one id, or a dict of them."""
    return value if isinstance(value, dict) else {arguments[0]: value}


@pytest.fixture
def b_objects(other_resident, other_product):
    """Resident B's objects, one for each object route."""
    digital = VariantFactory(
        resident=other_resident, parent__kind=DIGITAL, parent__title="Oyun səsləri"
    ).parent
    line = order_line(other_resident, other_product)
    parcel = Parcel.objects.create(
        order=line.order,
        partner=other_resident.partner,
        country="DE",
        carrier="EMS",
        min_days=7,
        max_days=14,
        weight_grams=1000,
        charge=Decimal("30.00"),
        amount=Decimal("30.00"),
        currency="AZN",
    )
    parcel.lines.add(line)
    document = ExportDocument(product=other_product, kind="origin", title="Origin")
    document.file.save("origin.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    profile = shipping_profile(
        resident=other_resident,
        name="Oyun parcels",
        zones=[
            (
                "Near",
                ["AZ", "GE"],
                [{"carrier": "Courier", "min_days": 1, "max_days": 3}],
            )
        ],
    )
    zone = profile.zones.get()
    rate = zone.rates.get()
    person = UserFactory(email="token@oyun.az")
    other_resident.partner.users.add(person)
    token, _secret = access_token_create(
        user=person, name="Oyun sync", scopes=["listings:read"], resident=other_resident
    )
    endpoint = WebhookEndpoint.objects.create(
        resident=other_resident,
        url="https://hooks.oyun.example/in",
        events=["order.paid"],
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type="ping",
        payload={"ping": True},
        next_attempt_at=timezone.now(),
    )
    quote_request, message = _quote_request_to(other_resident, other_product)
    reference = quote_request.reference
    return {
        "webhook": endpoint.pk,
        "webhook-action": endpoint.pk,
        "webhook-redeliver": delivery.pk,
        "token-revoke": token.pk,
        "quote-request": {"reference": reference},
        "quote-offer": {"reference": reference},
        "quote-decline": {"reference": reference},
        "quote-message": {"reference": reference},
        "quote-balance-ask": {"reference": reference},
        "quote-attachment": {"reference": reference, "pk": message.pk},
        "edit": other_product.pk,
        "files": digital.pk,
        "fulfil": line.pk,
        "parcel-move": parcel.pk,
        "parcel-cancel": parcel.pk,
        "documents": other_product.pk,
        "document-delete": document.pk,
        "parcel-invoice": parcel.pk,
        "parcel-cn23": parcel.pk,
        "shipping-profile": profile.pk,
        "shipping-profile-edit": profile.pk,
        "shipping-profile-delete": profile.pk,
        "shipping-zone-create": profile.pk,
        "shipping-zone-edit": zone.pk,
        "shipping-zone-delete": zone.pk,
        "shipping-rate-create": zone.pk,
        "shipping-rate-edit": rate.pk,
        "shipping-rate-delete": rate.pk,
    }


def _quote_request_to(resident, product):
    """A business's request for a quote to `resident`, with a message and
    its attachment (market/trade)."""
    buyer = UserFactory(email="gallery@example.de")
    BusinessProfile.objects.create(user=buyer, company_name="Galerie", country="DE")
    request = trade_services.quote_request_create(
        buyer=buyer,
        resident=resident,
        lines=[trade_services.LineWish(product.stockrecords.get().pk, 2)],
        destination="AZ",
        wanted_by=None,
        message="",
        language="en",
    )
    message = trade_services.quote_message_add(
        request=request,
        author=buyer,
        body="Our spec",
        attachment=SimpleUploadedFile("spec.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return request, message


def _snapshot(resident: Resident):
    products = Product.objects.order_by("pk")
    return (
        list(products.values_list("pk", "title", "description", "review_status")),
        list(
            StockRecord.objects.filter(partner=resident.partner)
            .order_by("pk")
            .values_list("pk", "price", "num_in_stock", "partner_id")
        ),
        DigitalFile.objects.count(),
        LineFulfilment.objects.count(),
        list(
            Parcel.objects.order_by("pk").values_list(
                "pk", "status", "tracking_number", "reason"
            )
        ),
        list(ExportDocument.objects.order_by("pk").values_list("pk", "title", "file")),
        list(Resident.objects.order_by("pk").values_list("pk", "status", "bio")),
        list(
            ShippingProfile.objects.order_by("pk").values_list(
                "pk", "name", "updated_at"
            )
        ),
        list(ShippingZone.objects.order_by("pk").values_list("pk", "countries")),
        list(ShippingRate.objects.order_by("pk").values_list("pk", "carrier")),
        list(AccessToken.objects.order_by("pk").values_list("pk", "revoked_at")),
        list(
            WebhookEndpoint.objects.order_by("pk").values_list(
                "pk", "url", "secret", "active"
            )
        ),
        list(
            WebhookDelivery.objects.order_by("pk").values_list(
                "pk", "status", "attempts", "next_attempt_at"
            )
        ),
        list(QuoteRequest.objects.order_by("pk").values_list("pk", "status")),
        Quote.objects.count(),
        QuoteMessage.objects.count(),
    )


def test_the_matrix_covers_every_object_route(b_objects):
    assert _object_routes() == sorted(b_objects)


@pytest.mark.parametrize("actor", ["resident_a", "buyer", "anonymous"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_reach_resident_b_objects(
    client, owner, other_resident, b_objects, actor, method, catalogue
):
    if actor == "resident_a":
        client.force_login(owner)
    elif actor == "buyer":
        client.force_login(UserFactory(email="just-a-buyer@example.az"))
    before = _snapshot(other_resident)
    payload = {
        "title": "Hacked",
        "description": "x",
        "category": catalogue["category"].pk,
        "price": "1.00",
        "stock": "0",
        "attr_weight_grams": "1",
        "attr_hs_code": "0000",
        "attr_country_of_origin": "XX",
        "file": png_upload(),
        "tracking_reference": "HACK",
        "status": "packed",
        "reason": "hack",
        "name": "Hacked",
        "countries": ["AZ"],
        "carrier": "Hacked",
        "min_days": "1",
        "max_days": "2",
        "first_item": "0",
        "each_additional": "0",
    }

    for name, arguments in sorted(_id_arguments().items()):
        url = reverse(
            f"resident_dashboard:{name}",
            kwargs={
                **_kwargs(arguments, b_objects[name]),
                **EXTRA_ARGUMENTS.get(name, {}),
            },
        )
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, payload)
        payload["file"] = png_upload()

        # 405: a GET on a POST-only action or the reverse, the same for any id.
        assert response.status_code in (403, 404, 405), (name, response.status_code)
    assert _snapshot(other_resident) == before


@pytest.mark.parametrize("actor", ["buyer", "anonymous"])
def test_people_without_a_shop_reach_no_dashboard_page(client, db, actor):
    if actor == "buyer":
        client.force_login(UserFactory(email="just-a-buyer@example.az"))

    responses = [
        client.get(reverse("resident_dashboard:index")),
        client.get(reverse("resident_dashboard:profile")),
        client.get(reverse("resident_dashboard:create", kwargs={"kind": "physical"})),
    ]

    for response in responses:
        if actor == "buyer":
            assert response.status_code == 403
        else:
            assert response.status_code == 302
            assert reverse("customer:login") in response["Location"]


def test_a_suspended_resident_loses_the_dashboard(client, owner, resident):
    resident.status = "suspended"
    resident.save()
    client.force_login(owner)

    assert client.get(reverse("resident_dashboard:index")).status_code == 403


def test_mass_assignment_changes_nothing_it_should_not(
    client, owner, resident, catalogue, other_resident, other_product
):
    product = catalogue["physical"]
    their_record = other_product.stockrecords.get()
    client.force_login(owner)

    client.post(
        reverse("resident_dashboard:edit", kwargs={"pk": product.pk}),
        {
            "title": "Quba xalçası",
            "category": catalogue["category"].pk,
            "price": "450.00",
            "stock": "3",
            "attr_weight_grams": "5200",
            "attr_hs_code": "5701.10",
            "attr_country_of_origin": "AZ",
            "shipping_profile": product.shipping.profile_id,
            # Fields nobody may set from the dashboard:
            "review_status": "live",
            "partner": other_resident.partner_id,
            "stockrecord": their_record.pk,
            "stockrecords-0-price": "0.01",
            "commission": "0",
            "status": "approved",
            "is_public": "false",
        },
    )
    client.post(
        reverse("resident_dashboard:profile"),
        {
            "display_name": "Xalça Atelier",
            "status": "suspended",
            "partner": other_resident.partner_id,
            "programme": "music",
            "cohort_year": "1999",
            "slug": "hijack",
            "decision_reason": "x",
        },
    )

    product.refresh_from_db()
    resident.refresh_from_db()
    their_record.refresh_from_db()
    assert product.review_status == "pending"  # edited: back to review, not live
    assert product.is_public is True
    assert list(product.stockrecords.values_list("partner_id", "price")) == [
        (resident.partner_id, Decimal("450.00"))
    ]
    assert their_record.price == Decimal("80.00")
    assert (resident.status, resident.partner_id, resident.slug) == (
        "approved",
        resident.partner_id,
        "xalca-atelier",
    )
    assert (resident.programme, resident.cohort_year) == ("cultech", 2025)
    assert ProductFactory._meta.model.objects.filter(title="Quba xalçası").count() == 1
