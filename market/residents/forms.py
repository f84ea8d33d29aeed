from django import forms
from django.utils.translation import gettext_lazy as _

from market.validators import validate_one_line

from .models import Resident

DECISIONS = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("suspend", _("Suspend")),
    ("reinstate", _("Reinstate")),
]


class ApplicationForm(forms.ModelForm):
    """What an applicant tells the Centre. Status, partner, slug and every
    decision field are not fields here, so posting them changes nothing."""

    class Meta:
        model = Resident
        fields = [
            "display_name",
            "programme",
            "startup_name",
            "cohort_year",
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
        help_texts = {
            "bio": _("Simple formatting only: paragraphs, bold, italics, lists, links.")
        }

    def clean_display_name(self):
        # The shop's name goes into e-mail subjects: one line.
        name = self.cleaned_data["display_name"]
        validate_one_line(name)
        return name


class DecisionForm(forms.Form):
    """A staff decision on a resident, with the reason the resident will read."""

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContactForm(forms.Form):
    """A visitor's message to a resident, sent without showing their address."""

    name = forms.CharField(
        label=_("Your name"), max_length=100, validators=[validate_one_line]
    )
    email = forms.EmailField(label=_("Your e-mail"))
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    # A field people never see; bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your message could not be sent."))
        return ""


class MakerMessageForm(forms.Form):
    """A signed-in buyer's message to a product's maker: plain text only
    (the service refuses HTML and control characters)."""

    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
