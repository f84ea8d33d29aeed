"""Centre staff create and edit sponsored seat quotas in the Wagtail admin
(/cms/ → Kreativ Edu → Sponsored seats). The code learners redeem and the
token of the sponsor's report link are generated, never typed."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import REGIONS, Course, SponsoredQuota
from ..services.sponsors import quota_seats_used
from .menu import LEARNING_MENU_HOOK


def _label(field_name: str):
    return SponsoredQuota._meta.get_field(field_name).verbose_name


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Course) -> str:
        return obj.product.get_title()


class SponsoredQuotaForm(forms.ModelForm):
    course = CourseChoiceField(
        label=_label("course"),
        queryset=Course.objects.select_related("product").order_by("product__title"),
    )
    regions = forms.MultipleChoiceField(
        label=_label("regions"),
        choices=REGIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=SponsoredQuota._meta.get_field("regions").help_text,
    )

    class Meta:
        model = SponsoredQuota
        fields = ["course", "sponsor", "sponsor_email", "seats", "regions", "active"]

    def clean(self):
        cleaned_data = super().clean()
        quota = self.instance
        if quota.pk is None:
            return cleaned_data
        used = quota_seats_used(quota)
        if "course" in self.changed_data and used:
            self.add_error(
                "course",
                _("Learners hold seats of this quota: its course cannot change."),
            )
        seats = cleaned_data.get("seats")
        if seats is not None and seats < used:
            self.add_error(
                "seats",
                _("%(used)s seats are already taken: give at least that many.")
                % {"used": used},
            )
        return cleaned_data


def seats_used_label(quota: SponsoredQuota) -> str:
    return f"{quota_seats_used(quota)} / {quota.seats}"


class ReportLinkColumn(Column):
    """The sponsor's private report link, as an absolute URL to copy."""

    cell_template_name = "market/learning/admin/report_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        # In the site's default language, whatever the editor's admin language.
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse(
                "learning:sponsor-report", kwargs={"token": instance.report_token}
            )
        request = parent_context.get("request")
        context["url"] = request.build_absolute_uri(path) if request else path
        return context


class SponsoredQuotaIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course__product")


class SponsoredQuotaViewSet(ModelViewSet):
    model = SponsoredQuota
    icon = "tag"
    menu_label = _("Sponsored seats")
    menu_order = 100
    menu_hook = LEARNING_MENU_HOOK
    index_view_class = SponsoredQuotaIndexView
    copy_view_enabled = False
    list_display = [
        "sponsor",
        "course",
        "code",
        Column("seats_used", label=_("Used / seats"), accessor=seats_used_label),
        BooleanColumn("active", label=_label("active")),
        ReportLinkColumn("report_token", label=_("Sponsor's report")),
    ]
    list_filter = ["active"]
    search_fields = ["sponsor", "sponsor_email", "code"]

    def get_form_class(self, for_update=False):
        return SponsoredQuotaForm


@hooks.register("register_admin_viewset")
def register_sponsored_quotas():
    return SponsoredQuotaViewSet("sponsored_seats")
