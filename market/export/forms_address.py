"""Oscar's shipping address form with countries by name in the visitor's
language, sorted as that language sorts them (market/class_loading.py)."""

from oscar.apps.checkout import forms as oscar_forms

from .countries import country_name


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    def adjust_country_field(self):
        super().adjust_country_field()
        field = self.fields.get("country")
        if field is None:
            return
        field.label_from_instance = lambda country: country_name(country.iso_3166_1_a2)
        # Home first, then every country by its name in this language.
        countries = sorted(
            field.queryset,
            key=lambda c: (-c.display_order, country_name(c.iso_3166_1_a2).casefold()),
        )
        field.choices = [
            (country.pk, country_name(country.iso_3166_1_a2)) for country in countries
        ]
