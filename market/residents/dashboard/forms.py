"""Forms of the resident dashboard. Only the fields listed here are read from
a request: status, partner, prices of other records, commission and the like
are simply not fields, so posting them changes nothing."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.kinds import COURSE, DIGITAL, KINDS, LICENCES, PHYSICAL
from catalogue.models import Category
from market.export.countries import country_choices
from market.export.pricing import listing_profile
from market.export.selectors import usable_shipping_profiles
from market.learning.models import CourseLanguage, CourseLevel
from market.uploads import check_digital_file, check_image
from market.validators import validate_one_line

from ..models import Resident

# The kinds' names, translated (the database holds them in English).
KIND_LABELS = {
    "physical": _("Physical good"),
    "digital": _("Digital file"),
    "service": _("Service"),
    "course": _("Course"),
}
_FIELD_TYPES = {"integer": forms.IntegerField, "text": forms.CharField}
# Human labels of the kinds' attributes, translated (catalogue/kinds.py names
# them in English for the database).
ATTRIBUTE_LABELS = {
    "weight_grams": _("Weight (g)"),
    "dimensions": _("Dimensions"),
    "materials": _("Materials"),
    "hs_code": _("HS code"),
    "country_of_origin": _("Country of origin"),
    "file_format": _("File format"),
    "file_size_mb": _("File size (MB)"),
    "duration_hours": _("Duration (hours)"),
    "deliverables": _("What is delivered"),
    "lead_time_days": _("Lead time (days)"),
    "capacity": _("Capacity (seats)"),
    "language": _("Language of teaching"),
    "level": _("Level"),
    "region": _("City or region, or online"),
    "sessions": _("Sessions (date, time, place; one per line)"),
}


# A course's language and level are choices (market.learning's).
COURSE_CHOICES = {
    "language": CourseLanguage.choices,
    "level": CourseLevel.choices,
}


class ProfileForm(forms.ModelForm):
    """What a resident may change about their shop."""

    class Meta:
        model = Resident
        fields = [
            "display_name",
            "startup_name",
            "city",
            "city_en",
            "city_ru",
            "languages",
            "website",
            "links",
            "bio",
            "bio_en",
            "bio_ru",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "bio_en": forms.Textarea(attrs={"rows": 6}),
            "bio_ru": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_display_name(self):
        # The shop's name goes into e-mail subjects: one line.
        name = self.cleaned_data["display_name"]
        validate_one_line(name)
        return name

    logo = forms.FileField(label=_("Logo"), required=False)
    banner = forms.FileField(label=_("Banner"), required=False)

    def _clean_picture(self, field: str):
        upload = self.cleaned_data.get(field)
        if upload:
            # Stored under a random name with the extension its content shows.
            upload.name = f"{uuid.uuid4().hex}{check_image(upload).extension}"
        return upload

    def clean_logo(self):
        return self._clean_picture("logo")

    def clean_banner(self):
        return self._clean_picture("banner")


class ListingForm(forms.Form):
    """A listing of one kind: common fields, the kind's attributes, prices."""

    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    # Optional translations: English and Russian visitors see them; anyone else,
    # or anyone when one is left empty, sees the original title and description.
    title_en = forms.CharField(
        label=_("Title in English"), max_length=255, required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    title_ru = forms.CharField(
        label=_("Title in Russian"), max_length=255, required=False
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all()
    )
    image = forms.FileField(label=_("Picture"), required=False)

    def __init__(self, *args, kind: str, resident=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        _name, _shipping, track_stock, attributes = KINDS[kind]
        if kind == DIGITAL:
            for code, name in LICENCES:
                self.fields[f"price_{code}"] = forms.DecimalField(
                    label=_("%(licence)s licence price (AZN)") % {"licence": name},
                    min_value=Decimal("0"),
                    max_digits=12,
                    decimal_places=2,
                )
        else:
            self.fields["price"] = forms.DecimalField(
                label=_("Price (AZN)"),
                min_value=Decimal("0"),
                max_digits=12,
                decimal_places=2,
            )
        if track_stock:
            # A course's seats are its stock: the one seats field it has.
            self.fields["stock"] = forms.IntegerField(
                label=_("Seats") if kind == COURSE else _("In stock"),
                min_value=0,
                max_value=10000 if kind == COURSE else None,
            )
        for code, _label, attribute_type, required in attributes:
            # Where a physical good ships is its shipping profile (below);
            # a course's seats are its stock (above) and its sessions are
            # edited a row each on its teaching page.
            if code in ("licence", "ships_to", "capacity", "sessions"):
                continue
            if kind == COURSE and code in COURSE_CHOICES:
                self.fields[f"attr_{code}"] = forms.ChoiceField(
                    label=ATTRIBUTE_LABELS[code],
                    choices=COURSE_CHOICES[code],
                    initial=COURSE_CHOICES[code][0][0],
                    required=required,
                )
                continue
            if code == "country_of_origin":
                # Chosen by name, in the visitor's language; stored as the code.
                self.fields["attr_country_of_origin"] = forms.ChoiceField(
                    label=ATTRIBUTE_LABELS[code],
                    choices=country_choices(),
                    initial="AZ",
                    required=required,
                )
                continue
            field_class = _FIELD_TYPES[attribute_type]
            options = {"min_value": 0} if attribute_type == "integer" else {}
            self.fields[f"attr_{code}"] = field_class(
                label=ATTRIBUTE_LABELS[code], required=required, **options
            )
        if kind == PHYSICAL:
            # The resident's own profiles and the Centre's: another resident's
            # is not a choice, so posting its id is a form error.
            self.fields["shipping_profile"] = forms.ModelChoiceField(
                label=_("Shipping profile"),
                queryset=usable_shipping_profiles(resident),
                help_text=_(
                    "Where the parcel may go, with which carriers, at what price "
                    "(Shipping profiles in your dashboard)."
                ),
                error_messages={
                    "invalid_choice": _(
                        "Choose one of your shipping profiles or one of the Centre's."
                    ),
                },
            )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            check_image(upload)
        return upload

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "title": data["title"],
            "description": data["description"],
            "title_en": data["title_en"],
            "title_ru": data["title_ru"],
            "description_en": data["description_en"],
            "description_ru": data["description_ru"],
            "category": data["category"],
            "image": data.get("image"),
            "stock": data.get("stock"),
            "attributes": {
                key.removeprefix("attr_"): value
                for key, value in data.items()
                if key.startswith("attr_") and value not in (None, "")
            },
        }
        if self.kind == PHYSICAL:
            arguments["shipping_profile"] = data["shipping_profile"]
        if self.kind == DIGITAL:
            arguments["licence_prices"] = {
                code: data[f"price_{code}"] for code, _name in LICENCES
            }
        else:
            arguments["price"] = data["price"]
        return arguments


def listing_initial(product) -> dict:
    """The listing form's values for one of the resident's products (the
    dashboard's edit page, and the API's PATCH, which changes only what it
    is given)."""
    if product is None:
        return {}
    initial = {
        "title": product.title,
        "description": product.description,
        "title_en": product.title_en,
        "title_ru": product.title_ru,
        "description_en": product.description_en,
        "description_ru": product.description_ru,
        "category": product.categories.first(),
    }
    for code, *_rest in KINDS[product.product_class.slug][3]:
        value = getattr(product.attr, code, None)
        if value is not None and code != "licence":
            initial[f"attr_{code}"] = value
    if product.product_class.slug == PHYSICAL:
        initial["shipping_profile"] = listing_profile(product)
    record = product.stockrecords.first()
    if record is not None:
        initial.update(price=record.price, stock=record.num_in_stock)
    for child in product.children.all():
        child_record = child.stockrecords.first()
        licence = getattr(child.attr, "licence", None)
        if child_record is not None and licence is not None:
            initial[f"price_{licence.code}"] = child_record.price
    return initial


class DigitalFileForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_digital_file(upload)
        return upload


class FulfilmentForm(forms.Form):
    tracking_reference = forms.CharField(
        label=_("Tracking reference"), max_length=100, required=False
    )


class ListingReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
    )
    reason = forms.CharField(label=_("Reason"), required=False)
