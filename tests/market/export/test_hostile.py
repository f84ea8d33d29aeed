"""A hostile stranger, a hostile resident and a sharp buyer against selling
abroad: every hole found is pinned here by a test."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from market.export import services
from market.export.models import Parcel, ParcelStatus
from market.export.papers import commercial_invoice_pdf, customs_declaration_pdf
from tests.factories import ResidentFactory
from tests.market.export.test_papers import _text, make_parcel

pytestmark = pytest.mark.django_db
D = Decimal


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
