"""Default import charges per destination, as checked on 4 December 2026.

Only AZN, USD and EUR are sold in, so thresholds and fees of countries with
other currencies (GBP, TRY, GEL, RUB) are given in EUR. Staff keep the table
current in the Wagtail admin (Settings → Import charges)."""

import datetime
from decimal import Decimal

from django.db import migrations

CHECKED_ON = datetime.date(2026, 12, 4)

EU_NOTE = (
    "EU: import VAT is due from the first euro (no threshold since July 2021); "
    "customs duty only above 150 EUR (a flat 3 EUR per item below it is planned "
    "from July 2026). Fee: the postal operator's handling."
)

# Standard VAT rates of the 27 member states.
EU_VAT = {
    "AT": "20",
    "BE": "21",
    "BG": "20",
    "CY": "19",
    "CZ": "21",
    "DE": "19",
    "DK": "25",
    "EE": "24",
    "ES": "21",
    "FI": "25.5",
    "FR": "20",
    "GR": "24",
    "HR": "25",
    "HU": "27",
    "IE": "23",
    "IT": "22",
    "LT": "21",
    "LU": "17",
    "LV": "21",
    "MT": "18",
    "NL": "21",
    "PL": "23",
    "PT": "23",
    "RO": "21",
    "SE": "25",
    "SI": "22",
    "SK": "23",
}

OTHERS = {
    "GB": {
        "tax_name": "VAT",
        "tax_percent": "20",
        "free_under": "0",
        "clearance_fee": "10",
        "currency": "EUR",
        "note": (
            "UK: up to 135 GBP the seller owes UK VAT at the point of sale; the "
            "shop does not collect it, so the carrier may ask the recipient for "
            "it. Above it, import VAT 20% (and duty on some goods) plus the "
            "carrier's fee (about 10 EUR). Estimated from the first pound."
        ),
    },
    "US": {
        "tax_name": "Duty",
        "tax_percent": "10",
        "free_under": "0",
        "clearance_fee": "0",
        "currency": "USD",
        "note": (
            "US: the 800 USD de-minimis exemption was suspended in August 2025, "
            "so duty is due on every parcel. 10% is a rough baseline tariff; "
            "rates vary by origin and product."
        ),
    },
    "TR": {
        "tax_name": "VAT",
        "tax_percent": "20",
        "free_under": "30",
        "clearance_fee": "0",
        "currency": "EUR",
        "note": (
            "Türkiye: postal and courier imports up to 30 EUR are exempt; above "
            "it, VAT 20% plus a flat customs charge that changes often. Check "
            "before relying on it."
        ),
    },
    "GE": {
        "tax_name": "VAT",
        "tax_percent": "18",
        "free_under": "100",
        "clearance_fee": "0",
        "currency": "EUR",
        "note": (
            "Georgia: personal imports up to 300 GEL (about 100 EUR) are free of "
            "duty and VAT; above it, VAT 18% (and customs duty for some goods)."
        ),
    },
    "RU": {
        "tax_name": "VAT",
        "tax_percent": "22",
        "free_under": "200",
        "clearance_fee": "0",
        "currency": "EUR",
        "note": (
            "Russia: personal imports up to 200 EUR (and 31 kg) are exempt; above, "
            "a 15% charge on the excess. Estimated at the standard VAT rate, 22% "
            "since January 2026, which errs high."
        ),
    },
}


def _rows():
    for country, percent in EU_VAT.items():
        yield country, {
            "tax_name": "VAT",
            "tax_percent": Decimal(percent),
            "free_under": Decimal("0"),
            "clearance_fee": Decimal("6"),
            "currency": "EUR",
            "checked_on": CHECKED_ON,
            "note": EU_NOTE,
        }
    for country, row in OTHERS.items():
        yield country, {
            **row,
            "tax_percent": Decimal(row["tax_percent"]),
            "free_under": Decimal(row["free_under"]),
            "clearance_fee": Decimal(row["clearance_fee"]),
            "checked_on": CHECKED_ON,
        }


def add_defaults(apps, schema_editor):
    ImportCharges = apps.get_model("export", "ImportCharges")
    for country, defaults in _rows():
        # A row staff already keep is theirs: leave it.
        ImportCharges.objects.get_or_create(country=country, defaults=defaults)


def remove_defaults(apps, schema_editor):
    ImportCharges = apps.get_model("export", "ImportCharges")
    countries = [country for country, _defaults in _rows()]
    ImportCharges.objects.filter(country__in=countries).delete()


class Migration(migrations.Migration):
    dependencies = [("export", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
