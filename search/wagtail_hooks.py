"""Staff edit the search synonyms in the Wagtail admin (Settings → Synonyms)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SynonymGroup
from .normalise import tokens


class SynonymGroupForm(forms.ModelForm):
    class Meta:
        model = SynonymGroup
        fields = ["terms"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 2})}

    def clean_terms(self) -> str:
        terms = [term.strip() for term in self.cleaned_data["terms"].split(",")]
        terms = [term for term in terms if term]
        if len(terms) < 2:
            raise ValidationError(_("Give at least two words, separated by commas."))
        for term in terms:
            if len(tokens(term)) != 1:
                raise ValidationError(
                    _("“%(term)s” is not a single word.") % {"term": term}
                )
        return ", ".join(terms)


class SynonymGroupViewSet(ModelViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonyms")
    add_to_settings_menu = True
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]

    def get_form_class(self, for_update=False):
        return SynonymGroupForm


@hooks.register("register_admin_viewset")
def register_synonyms():
    return SynonymGroupViewSet("synonyms")
