"""Every country a shipping profile can name is a country a buyer can give as
their shipping address (Oscar's address.Country), with CLDR's English name;
rows that exist are left as they are."""

from django.db import migrations


def add_countries(apps, schema_editor):
    from market.export.countries import COUNTRY_CODES, country_name

    Country = apps.get_model("address", "Country")
    existing = set(Country.objects.values_list("iso_3166_1_a2", flat=True))
    Country.objects.bulk_create(
        [
            Country(
                iso_3166_1_a2=code,
                name=country_name(code, "en"),
                printable_name=country_name(code, "en"),
                display_order=1 if code == "AZ" else 0,
                is_shipping_country=True,
            )
            for code in sorted(COUNTRY_CODES - existing)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("export", "0002_import_charges_defaults"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
