from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import WebhookEvent


class EndpointForm(forms.Form):
    """A resident's new endpoint: the address and the events it wants."""

    url = forms.CharField(label=_("URL"), max_length=500)
    events = forms.MultipleChoiceField(
        label=pgettext_lazy("webhook", "Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class PartnerEndpointForm(EndpointForm):
    """Staff add a partner's endpoint: it receives every resident's events
    of the kinds chosen."""

    partner_name = forms.CharField(label=_("Partner"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Language for e-mails"), choices=settings.LANGUAGES
    )
