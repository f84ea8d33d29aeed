"""Bad input gets an answer, never a 500 (issue 13 §7): NUL bytes anywhere in
a request, unknown and control-character facet values, line breaks in the
names that go into e-mails, statement dates from year 1 to 9999.

The NUL cases matter on PostgreSQL (it refuses NUL in any text value); CI
runs this file there."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.contrib.forms.models import FormSubmission

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from cms.models import ContactFormField, ContactPage, HomePage
from market.bad_requests import _path_holds_a_huge_number
from market.mail.models import OutgoingEmail
from market.payouts import services as payout_services
from market.residents.models import Resident

pytestmark = pytest.mark.django_db

NUL_MESSAGE = (
    "The address or the form you sent contains a character that is not allowed "
    "(a NUL byte). Please check it and try again."
)
ONE_LINE = "Write this on one line, without line breaks or control characters."


def _said(response, msgid: str, **params) -> str:
    """`msgid` as the response's language says it."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        text = gettext(msgid)
    return text % params if params else text


FACETS = ["ships_to", "kind", "language", "level", "region", "category", "q"]


def _pages(catalogue):
    return {
        "catalogue": "/shop/catalogue/",
        "search": "/shop/search/?q=xal",
        "category": catalogue["category"].get_absolute_url(),
    }


@pytest.mark.parametrize("facet", FACETS)
@pytest.mark.parametrize("page", ["catalogue", "search", "category"])
def test_a_nul_byte_in_a_facet_is_answered_400_on_our_error_page(
    client, catalogue, page, facet
):
    url = _pages(catalogue)[page]
    separator = "&" if "?" in url else "?"

    response = client.get(f"{url}{separator}{facet}=a%00b")

    assert response.status_code == 400
    assert [t.name for t in response.templates][:2] == ["400.html", "oscar/layout.html"]
    with translation.override("az"):
        assert response.context["error_message"] == gettext(NUL_MESSAGE)


@pytest.mark.parametrize(
    "url",
    [
        "/shop/catalogue/?a%00b=1",  # in a parameter's name
        "/certificates/AB%00CD/",  # in the path
        "/en/shop/search/?q=%00",
        "/dashboard/orders/?status=%00",
        "/cms/pages/search/?q=%00",
    ],
)
def test_a_nul_byte_anywhere_is_refused_before_any_view(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 400
    assert response.templates[0].name == "400.html"


@pytest.mark.parametrize(
    "number", ["9223372036854775808", "0" * 30 + "1" * 20, "9" * 5000]
)
def test_a_number_larger_than_any_id_in_the_path_is_not_found(client, number):
    response = client.get(f"/shop/catalogue/carpet_{number}/reviews/")

    assert response.status_code == 404


def test_only_numbers_beyond_the_largest_id_are_refused():
    assert _path_holds_a_huge_number("/x/9223372036854775807/") is False
    assert _path_holds_a_huge_number("/x/9223372036854775808/") is True
    assert _path_holds_a_huge_number("/x/a12345678901234567890b/") is False
    assert _path_holds_a_huge_number("/x/12345678901234567890-slug/") is True


def test_a_form_with_a_nul_byte_is_refused_and_sends_nothing(client, owner):
    response = client.post(
        reverse("residents:contact", args=["xalca-atelier"]),
        {"name": "Aysel", "email": "aysel@example.az", "message": "Salam\x00"},
    )

    assert response.status_code == 400
    assert response.templates[0].name == "400.html"
    assert OutgoingEmail.objects.count() == 0


def test_the_400_page_speaks_the_visitors_language(client, catalogue):
    response = client.get("/en/shop/catalogue/?kind=%00")

    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "value", ["no-such-kind", "physical\x01", "\x1b[31mphysical", "x" * 10_000]
)
def test_an_unknown_or_control_character_kind_is_ignored(client, catalogue, value):
    everything = client.get("/shop/catalogue/")

    response = client.get("/shop/catalogue/", {"kind": value})

    assert response.status_code == 200
    assert response.context["form"].selections() == {}
    assert response.context["paginator"].count == everything.context["paginator"].count
    assert everything.context["paginator"].count == 4


def test_known_kinds_still_narrow_the_list(client, catalogue):
    response = client.get("/shop/catalogue/", {"kind": [PHYSICAL, "nonsense"]})

    assert response.context["form"].selections() == {"kind": [PHYSICAL]}
    assert [p.pk for p in response.context["products"]] == [catalogue[PHYSICAL].pk]
    assert {DIGITAL, SERVICE, COURSE}.isdisjoint(
        response.context["form"].selections()["kind"]
    )


@pytest.mark.parametrize("facet", ["ships_to", "language", "region"])
def test_control_characters_in_open_facets_are_ignored(client, catalogue, facet):
    response = client.get("/shop/catalogue/", {facet: "AZ\r\nX-Header: 1"})

    assert response.status_code == 200
    assert response.context["form"].selections() == {}


@pytest.mark.parametrize("name", ["Aysel\nBcc: all@example.az", "Ay\rsel", "A\x0bB"])
def test_a_line_break_in_the_shop_contact_name_is_a_form_error(client, owner, name):
    with translation.override("en"):
        response = client.post(
            reverse("residents:contact", args=["xalca-atelier"]),
            {"name": name, "email": "aysel@example.az", "message": "Salam"},
        )

    assert response.status_code == 400
    with translation.override("az"):  # errors are lazy: compared in one language
        assert response.context["contact_form"].errors == {"name": [gettext(ONE_LINE)]}
    assert OutgoingEmail.objects.count() == 0


def test_a_line_break_in_the_cms_contact_form_is_a_form_error(client, sites):
    page = ContactPage(
        title="Əlaqə",
        slug="elaqe",
        from_address="noreply@example.az",
        to_address="info@example.az",
        subject="Saytdan məktub",
    )
    page.form_fields = [
        ContactFormField(label="Ad", field_type="singleline", required=True),
        ContactFormField(label="Mesaj", field_type="multiline", required=True),
    ]
    HomePage.objects.get(slug="market", locale__language_code="az").add_child(
        instance=page
    )
    page.save_revision().publish()

    response = client.post(
        page.url, {"ad": "Aysel\nBcc: all@example.az", "mesaj": "Salam"}
    )
    accepted = client.post(page.url, {"ad": "Aysel", "mesaj": "Salam"})

    assert response.status_code == 200
    with translation.override("az"):
        assert response.context["form"].errors == {"ad": [gettext(ONE_LINE)]}
    assert accepted.status_code == 200
    assert list(FormSubmission.objects.values_list("page_id", flat=True)) == [page.pk]
    assert len(mail.outbox) == 1
    assert "Aysel" in mail.outbox[0].body


def test_a_line_break_in_a_shop_name_is_refused(client, buyer):
    client.force_login(buyer)

    with translation.override("en"):
        response = client.post(
            reverse("residents:apply"),
            {
                "display_name": "Xalça\nBcc: all@example.az",
                "programme": "cultech",
                "city": "Bakı",
            },
        )

    with translation.override("az"):  # errors are lazy: compared in one language
        assert response.context["form"].errors["display_name"] == [gettext(ONE_LINE)]
    assert Resident.objects.filter(applicant=buyer).count() == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("start=0001-01-01&end=9999-12-31", "start"),
        ("start=2025-01-01&end=9999-12-31", "end"),
        ("start=1999-12-31", "start"),
        ("end=2101-01-01", "end"),
    ],
)
def test_statement_dates_out_of_range_are_a_clear_error(
    client, owner, staff, resident, query, field
):
    message = "Choose a date between %(first)s and %(last)s."
    client.force_login(owner)

    with translation.override("en"):
        mine = client.get(f"/en/shop/my-shop/money/statement.csv?{query}")
    client.force_login(staff)
    with translation.override("en"):
        staffs = client.get(
            f"/cms/payouts/balances/{resident.pk}/statement.csv?{query}"
        )

    for response in (mine, staffs):
        assert response.status_code == 400
        assert response.templates[0].name == "400.html"
        assert response.context["error_message"] == _said(
            response, message, first="2000-01-01", last="2100-12-31"
        )


def test_statement_dates_within_range_give_the_csv(client, owner):
    client.force_login(owner)

    response = client.get(
        "/en/shop/my-shop/money/statement.csv?start=2000-01-01&end=2100-12-31"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Date,Kind,Order,Reference,Amount,Currency,Balance",
        "2000-01-01,Opening balance,,,,AZN,0.00",
    ]


def test_the_statement_service_survives_the_calendars_ends(resident):
    with translation.override("en"):
        text = payout_services.statement_csv(
            resident=resident,
            start=datetime.date(1, 1, 1),
            end=datetime.date(9999, 12, 31),
        )

    assert text.splitlines() == [
        "Date,Kind,Order,Reference,Amount,Currency,Balance",
        "1900-01-01,Opening balance,,,,AZN,0.00",
    ]
    assert Decimal("0.00") == Decimal(text.splitlines()[1].rsplit(",", 1)[1])
