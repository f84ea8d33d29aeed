"""Forms of the learner's pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import REGIONS


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

    def clean(self):
        data = super().clean()
        if data.get("region") and not data.get("region_consent"):
            self.add_error(
                "region_consent",
                _("Tick the box to let us record your region, or leave it empty."),
            )
        return data


class RedeemForm(forms.Form):
    code = forms.CharField(label=_("Sponsored seat code"), max_length=32)
