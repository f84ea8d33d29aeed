"""Import charges abroad: the estimate, the notice before paying, the staff's
table in the Wagtail admin and its defaults."""

import datetime
import html
import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.template import Context, engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.formats import date_format

from market.export.countries import country_name
from market.export.duties import duties_estimate
from market.export.models import ImportCharges

pytestmark = pytest.mark.django_db

D = Decimal
CHECKED_ON = datetime.date(2026, 12, 4)
ABOUT = (
    "About %(percent)s %% import %(tax)s (≈ %(amount)s) may be due on delivery "
    "in %(country)s, paid by the recipient."
)
NOTHING = (
    "No import charges are expected in %(country)s for an order of this value; "
    "rules can change."
)
UNKNOWN = (
    "Import duties and taxes may apply on delivery in %(country)s; the recipient "
    "pays them."
)
CHECKED = "Estimate checked on %(date)s"


def _row(country, **fields):
    """The row for `country`, whatever the default migration left there."""
    defaults = {
        "tax_name": "VAT",
        "free_under": D("0.00"),
        "clearance_fee": D("0.00"),
        "currency": "EUR",
        "checked_on": CHECKED_ON,
        "note": "",
        **fields,
    }
    row, _created = ImportCharges.objects.update_or_create(
        country=country, defaults=defaults
    )
    return row


@pytest.fixture
def germany(db):
    return _row("DE", tax_percent=D("19.00"), clearance_fee=D("6.00"))


@pytest.fixture
def georgia(db):
    return _row("GE", tax_percent=D("18.00"), free_under=D("100.00"))


@pytest.fixture
def nowhere(db):
    """Japan, without a row."""
    ImportCharges.objects.filter(country="JP").delete()
    return "JP"


# --- the estimate -----------------------------------------------------------


def test_germany_in_euros(germany, rates):
    # 450.00 and 60.00 AZN at 0.5400: 243.00 + 32.40 = 275.40 EUR;
    # 19 % of it is 52.326, plus the 6.00 EUR fee: 58.326, so 58.33 EUR.
    estimate = duties_estimate(
        country="DE",
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="EUR",
        rate=rates["EUR"],
    )

    assert estimate.known is True
    assert estimate.below_threshold is False
    assert estimate.tax_name == "VAT"
    assert estimate.percent == D("19.00")
    assert estimate.amount == D("58.33")
    assert estimate.currency == "EUR"
    assert estimate.checked_on == CHECKED_ON


def test_germany_for_a_buyer_paying_in_dollars(germany, rates):
    # 58.326 EUR is 58.326 / 0.5400 = 108.0111… AZN, at 0.5882 USD:
    # 63.5321… USD, so 63.53 USD.
    estimate = duties_estimate(
        country="DE",
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="USD",
        rate=rates["USD"],
    )

    assert estimate.amount == D("63.53")
    assert estimate.currency == "USD"


def test_germany_for_a_buyer_paying_in_manats(germany, rates):
    # 108.0111… AZN, so 108.01 AZN.
    estimate = duties_estimate(
        country="DE",
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="AZN",
        rate=D("1"),
    )

    assert estimate.amount == D("108.01")


def test_a_dollar_row_for_a_buyer_paying_in_euros(rates):
    _row("US", tax_name="Duty", tax_percent=D("10.00"), currency="USD")
    # 450.00 and 60.00 AZN at 0.5882: 264.69 + 35.29 = 299.98 USD; 10 % is
    # 29.998 USD = 50.9996… AZN, at 0.5400: 27.5398… EUR, so 27.54 EUR.
    estimate = duties_estimate(
        country="US",
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="EUR",
        rate=rates["EUR"],
    )

    assert estimate.amount == D("27.54")
    assert estimate.tax_name == "Duty"


def test_georgia_below_its_threshold_expects_nothing(georgia, rates):
    # 100.00 + 20.00 AZN at 0.5400: 54.00 + 10.80 = 64.80 EUR, under 100.00.
    estimate = duties_estimate(
        country="GE",
        goods=D("100.00"),
        shipping=D("20.00"),
        currency="EUR",
        rate=rates["EUR"],
    )

    assert estimate.known is True
    assert estimate.below_threshold is True
    assert estimate.amount == D("0.00")


def test_georgia_above_its_threshold(georgia, rates):
    # 200.00 + 20.00 AZN: 108.00 + 10.80 = 118.80 EUR; 18 % is 21.384 EUR.
    estimate = duties_estimate(
        country="GE",
        goods=D("200.00"),
        shipping=D("20.00"),
        currency="EUR",
        rate=rates["EUR"],
    )

    assert estimate.below_threshold is False
    assert estimate.amount == D("21.38")


def test_a_country_without_a_row_only_may_have_charges(nowhere, rates):
    estimate = duties_estimate(
        country=nowhere,
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="EUR",
        rate=rates["EUR"],
    )

    assert estimate.known is False
    assert estimate.amount is None
    assert estimate.checked_on is None


def test_the_home_country_has_no_estimate(settings, rates):
    _row("AZ", tax_percent=D("18.00"))

    estimate = duties_estimate(
        country=settings.MARKET_HOME_COUNTRY,
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="AZN",
        rate=D("1"),
    )

    assert settings.MARKET_HOME_COUNTRY == "AZ"
    assert estimate is None


def test_without_a_fresh_rate_for_the_rows_currency_only_may(germany):
    # No exchange rates at all: the value cannot be compared in EUR.
    estimate = duties_estimate(
        country="DE",
        goods=D("450.00"),
        shipping=D("60.00"),
        currency="AZN",
        rate=D("1"),
    )

    assert estimate.known is False
    assert estimate.amount is None


def test_floats_are_refused(germany, rates):
    with pytest.raises(TypeError):
        duties_estimate(
            country="DE",
            goods=450.0,
            shipping=D("60.00"),
            currency="EUR",
            rate=rates["EUR"],
        )


# --- the notice -------------------------------------------------------------


def _notice(country, goods, shipping, currency="EUR"):
    request = RequestFactory().get("/checkout/preview/")
    request.session = {"currency": currency}
    # The HTML engine: the first one only renders plain-text templates.
    template = engines["django"].engine.from_string(
        "{% load duties_tags %}{% duties_notice country goods shipping %}"
    )
    return template.render(
        Context(
            {
                "request": request,
                "country": country,
                "goods": goods,
                "shipping": shipping,
            }
        )
    )


def _paragraphs(rendered):
    return [
        " ".join(html.unescape(text).split())
        for text in re.findall(r"<p[^>]*>(.*?)</p>", rendered, flags=re.DOTALL)
    ]


@pytest.mark.parametrize(
    ("language", "amount"),
    [("az", "58,33 €"), ("en", "€58.33"), ("ru", "58,33 €")],
)
def test_the_notice_for_germany(germany, rates, language, amount):
    with translation.override(language):
        rendered = _notice("DE", D("450.00"), D("60.00"))
        expected = [
            translation.gettext(ABOUT)
            % {
                "percent": "19",
                "tax": translation.gettext("VAT"),
                "amount": amount,
                "country": country_name("DE"),
            },
            translation.gettext(CHECKED)
            % {"date": date_format(CHECKED_ON, "DATE_FORMAT")},
        ]

    assert 'class="duties-notice alert alert-info"' in rendered
    assert 'id="duties-notice"' in rendered
    assert 'role="note"' in rendered
    assert _paragraphs(rendered) == expected


def test_the_notice_in_english_word_for_word(germany, rates):
    with translation.override("en"):
        rendered = _notice("DE", D("450.00"), D("60.00"))

    assert _paragraphs(rendered) == [
        "About 19 % import VAT (≈ €58.33) may be due on delivery in Germany, "
        "paid by the recipient.",
        "Estimate checked on 4 December 2026",
    ]


def test_a_fractional_rate_in_azerbaijani(rates):
    _row("FI", tax_percent=D("25.50"), clearance_fee=D("6.00"))
    # 275.40 EUR x 25.5 % = 70.227, + 6.00 = 76.227, so 76.23 EUR.

    with translation.override("az"):
        rendered = _notice("FI", D("450.00"), D("60.00"))
        expected = translation.gettext(ABOUT) % {
            "percent": "25,5",
            "tax": translation.gettext("VAT"),
            "amount": "76,23 €",  # the paragraphs are read with plain spaces
            "country": country_name("FI"),
        }

    assert _paragraphs(rendered)[0] == expected


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_notice_below_the_threshold(georgia, rates, language):
    with translation.override(language):
        rendered = _notice("GE", D("100.00"), D("20.00"))
        expected = [
            translation.gettext(NOTHING) % {"country": country_name("GE")},
            translation.gettext(CHECKED)
            % {"date": date_format(CHECKED_ON, "DATE_FORMAT")},
        ]

    assert _paragraphs(rendered) == expected


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_notice_for_a_country_without_a_row(nowhere, rates, language):
    with translation.override(language):
        rendered = _notice(nowhere, D("450.00"), D("60.00"))
        expected = [translation.gettext(UNKNOWN) % {"country": country_name("JP")}]

    assert _paragraphs(rendered) == expected


def test_the_english_names_of_the_countries():
    with translation.override("en"):
        assert _paragraphs(_notice("JP", D("1.00"), D("0.00"))) == [
            "Import duties and taxes may apply on delivery in Japan; the "
            "recipient pays them."
        ]


def test_no_notice_for_the_home_country(rates):
    _row("AZ", tax_percent=D("18.00"))

    with translation.override("az"):
        rendered = _notice("AZ", D("450.00"), D("60.00"))

    assert rendered.strip() == ""


# --- the staff's table --------------------------------------------------------

NEW = "/cms/import-charges/new/"


def _form(**changes):
    return {
        "country": "JP",
        "tax_name": "VAT",
        "tax_percent": "10",
        "free_under": "0",
        "clearance_fee": "0",
        "currency": "USD",
        "checked_on": "2026-12-04",
        "note": "",
        **changes,
    }


def test_staff_add_a_country(client, staff, nowhere):
    client.force_login(staff)

    response = client.post(NEW, _form())

    assert response.status_code == 302
    row = ImportCharges.objects.get(country="JP")
    assert (row.tax_percent, row.currency, row.checked_on) == (
        D("10.00"),
        "USD",
        CHECKED_ON,
    )


def test_the_form_offers_countries_by_name(client, staff):
    client.force_login(staff)

    response = client.get(NEW)

    assert response.status_code == 200
    with translation.override("az"):
        option = f'<option value="DE">{country_name("DE")}</option>'
    assert option in response.content.decode()


def test_the_list_names_countries_in_the_staff_language(client, staff, germany):
    client.force_login(staff)

    with translation.override("az"):
        response = client.get("/cms/import-charges/")
        name = country_name("DE")

    assert response.status_code == 200
    assert name in response.content.decode()


def test_a_rate_over_100_percent_is_refused(client, staff, nowhere):
    client.force_login(staff)
    before = ImportCharges.objects.count()

    response = client.post(NEW, _form(tax_percent="120"))

    assert response.status_code == 200
    with translation.override("az"):
        expected = translation.gettext("A percentage is between 0 and 100.")
    assert response.context["form"].errors["tax_percent"] == [expected]
    assert ImportCharges.objects.count() == before
    assert not ImportCharges.objects.filter(country="JP").exists()


def test_negative_amounts_are_refused(client, staff, nowhere):
    client.force_login(staff)

    response = client.post(NEW, _form(free_under="-1", clearance_fee="-0.01"))

    assert response.status_code == 200
    with translation.override("az"):
        expected = translation.gettext("An amount cannot be negative.")
    errors = response.context["form"].errors
    assert errors["free_under"] == [expected]
    assert errors["clearance_fee"] == [expected]
    assert not ImportCharges.objects.filter(country="JP").exists()


def test_a_currency_we_do_not_sell_in_is_refused(client, staff, nowhere):
    client.force_login(staff)

    response = client.post(NEW, _form(currency="GBP"))

    assert response.status_code == 200
    assert "currency" in response.context["form"].errors
    assert not ImportCharges.objects.filter(country="JP").exists()


def test_a_second_row_for_a_country_is_refused(client, staff, germany):
    client.force_login(staff)
    before = ImportCharges.objects.count()

    response = client.post(NEW, _form(country="DE", tax_percent="5"))

    assert response.status_code == 200
    with translation.override("az"):
        expected = translation.gettext(
            "%(country)s already has its import charges."
        ) % {"country": country_name("DE")}
    assert response.context["form"].errors["country"] == [expected]
    assert ImportCharges.objects.count() == before
    assert ImportCharges.objects.get(country="DE").tax_percent == D("19.00")


def test_staff_edit_a_row_keeping_its_country(client, staff, germany):
    client.force_login(staff)

    response = client.post(
        f"/cms/import-charges/edit/{germany.pk}/",
        _form(country="DE", tax_percent="19", clearance_fee="7", currency="EUR"),
    )

    assert response.status_code == 302
    germany.refresh_from_db()
    assert germany.clearance_fee == D("7.00")


def test_a_buyer_cannot_reach_the_table(client, buyer, nowhere):
    client.force_login(buyer)
    before = ImportCharges.objects.count()

    listing = client.get("/cms/import-charges/")
    response = client.post(NEW, _form())

    assert listing.status_code == 302
    assert response.status_code == 302
    assert ImportCharges.objects.count() == before
    assert not ImportCharges.objects.filter(country="JP").exists()


# --- the defaults ---------------------------------------------------------------


def test_the_default_rows_and_their_removal():
    migration = importlib.import_module(
        "market.export.migrations.0002_import_charges_defaults"
    )
    ImportCharges.objects.all().delete()

    migration.add_defaults(apps, None)

    assert ImportCharges.objects.count() == 32
    assert len(migration.EU_VAT) == 27
    germany = ImportCharges.objects.get(country="DE")
    assert (
        germany.tax_percent,
        germany.free_under,
        germany.clearance_fee,
        germany.currency,
        germany.checked_on,
    ) == (D("19.00"), D("0.00"), D("6.00"), "EUR", CHECKED_ON)
    assert "150 EUR" in germany.note
    united_states = ImportCharges.objects.get(country="US")
    assert (united_states.tax_name, united_states.currency) == ("Duty", "USD")
    assert ImportCharges.objects.get(country="GE").free_under == D("100.00")
    assert ImportCharges.objects.get(country="FI").tax_percent == D("25.50")
    assert set(ImportCharges.objects.values_list("currency", flat=True)) <= {
        "EUR",
        "USD",
    }

    migration.remove_defaults(apps, None)

    assert ImportCharges.objects.count() == 0
