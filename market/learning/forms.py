"""Forms of the learner's pages and of the course catalogue."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import AGE_BANDS, REGIONS, CourseLanguage, CourseLevel
from .selectors import PRICE_FREE, PRICE_PAID, CatalogueFilters


class LearnerProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language of e-mails and certificates"), choices=settings.LANGUAGES
    )
    region = forms.ChoiceField(
        label=_("Region where you live"),
        choices=[("", _("I prefer not to say"))] + REGIONS,
        required=False,
    )
    region_consent = forms.BooleanField(
        label=_(
            "I agree that the Centre records my region, only to count its learners "
            "by region and to offer seats funded for learners from the regions."
        ),
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Your age"),
        choices=[("", _("I prefer not to say"))] + AGE_BANDS,
        required=False,
    )
    age_band_consent = forms.BooleanField(
        label=_(
            "I agree that the Centre records my age band, only to count its "
            "learners by age. Nobody is ever shown by name."
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("region") and not data.get("region_consent"):
            self.add_error(
                "region_consent",
                _("Tick the box to let us record your region, or leave it empty."),
            )
        if data.get("age_band") and not data.get("age_band_consent"):
            self.add_error(
                "age_band_consent",
                _("Tick the box to let us record your age band, or leave it empty."),
            )
        return data


class RedeemForm(forms.Form):
    code = forms.CharField(label=_("Sponsored seat code"), max_length=32)


class CourseCatalogueForm(forms.Form):
    """The filters of Kreativ Edu's course catalogue (a GET form: the address
    is the search, to share or bookmark). Every field is optional; a value
    that is not a choice is a field error and filters nothing."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    region = forms.ChoiceField(label=_("Where"), required=False)
    price = forms.ChoiceField(
        label=_("Price"),
        required=False,
        choices=[
            ("", _("Free or paid")),
            (PRICE_FREE, _("Free")),
            (PRICE_PAID, _("Paid")),
        ],
    )
    starts_after = forms.DateField(
        label=_("Sessions from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    starts_before = forms.DateField(
        label=_("Sessions until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    open_only = forms.BooleanField(label=_("Open for enrolment only"), required=False)

    def __init__(self, *args, topics, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Every topic")), *topics]
        self.fields["language"].choices = [
            ("", _("Any language")),
            *CourseLanguage.choices,
        ]
        self.fields["level"].choices = [("", _("Any level")), *CourseLevel.choices]
        self.fields["region"].choices = [("", _("Anywhere")), *regions]

    def clean(self):
        data = super().clean()
        after, before = data.get("starts_after"), data.get("starts_before")
        if after and before and before < after:
            self.add_error("starts_before", _("Choose a date after the first one."))
        return data

    def filters(self) -> CatalogueFilters:
        """The valid filters (call after is_valid(); invalid ones are left
        out, so a forged value filters nothing rather than everything)."""
        data = getattr(self, "cleaned_data", {})
        return CatalogueFilters(
            topic=data.get("topic", ""),
            language=data.get("language", ""),
            level=data.get("level", ""),
            region=data.get("region", ""),
            price=data.get("price", ""),
            starts_after=data.get("starts_after"),
            starts_before=data.get("starts_before"),
            open_only=bool(data.get("open_only")),
        )

    def active(self) -> bool:
        filters = self.filters()
        return filters != CatalogueFilters()
