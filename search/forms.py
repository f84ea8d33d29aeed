from django import forms
from django.utils.translation import gettext_lazy as _

from .backends import Sort


class SearchForm(forms.Form):
    """The search box on every page, and the sort order of a product list.

    Oscar's `search_form` context processor loads this class by name.
    """

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Search"),
                "type": "search",
                "class": "form-control",
            }
        ),
    )
    sort_by = forms.ChoiceField(
        required=False, label=_("Sort by"), choices=Sort.choices, initial=Sort.RELEVANCE
    )

    def query_text(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""

    def sort(self) -> Sort:
        value = self.cleaned_data.get("sort_by") if self.is_valid() else ""
        return Sort(value) if value else Sort.RELEVANCE
