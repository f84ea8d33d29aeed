"""The resident dashboard: our own views, scoped by owner at the queryset.

Every view finds the signed-in user's approved resident first; every object is
then looked up inside that resident's own rows, so another resident's id is a
404, and a user with no open shop gets a 403.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.apps.order.models import Line

from catalogue.kinds import COURSE, DIGITAL, KINDS, LICENCES
from catalogue.models import Product
from market.api import views as token_views

from .. import services
from ..selectors import acting_resident, owned_products
from .forms import (
    KIND_LABELS,
    DigitalFileForm,
    FulfilmentForm,
    ListingForm,
    ProfileForm,
    listing_initial,
)


class ResidentRequiredMixin(LoginRequiredMixin):
    """Signed in, and one of the people of an approved resident."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if any(key in ("pk", "reference") or key.endswith("_pk") for key in kwargs):
                # Nothing about a given object is told to an anonymous visitor.
                raise PermissionDenied
            return self.handle_no_permission()
        # The one rule "may this person act for a resident now".
        self.resident = acting_resident(request.user)
        if self.resident is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resident"] = self.resident
        return context


class DashboardView(ResidentRequiredMixin, TemplateView):
    """The resident's listings (with their review status) and order lines."""

    template_name = "market/residents/dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        products = list(
            owned_products(self.resident)
            .select_related("product_class")
            .order_by("-date_created")
        )
        for product in products:
            product.kind_label = KIND_LABELS[product.product_class.slug]
        context["products"] = products
        context["lines"] = (
            Line.objects.filter(partner=self.resident.partner)
            .select_related("order", "fulfilment", "product__product_class")
            .prefetch_related("parcels")
            .order_by("-order__date_placed")[:100]
        )
        context["kinds"] = list(KIND_LABELS.items())
        context["fulfilment_form"] = FulfilmentForm()
        return context


class ProfileView(ResidentRequiredMixin, TemplateView):
    template_name = "market/residents/dashboard/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ProfileForm(instance=self.resident))
        return context

    def post(self, request, *args, **kwargs):
        form = ProfileForm(request.POST, request.FILES, instance=self.resident)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        resident = form.save(commit=False)
        for field in ("logo", "banner"):
            upload = form.cleaned_data.get(field)
            if upload:
                getattr(resident, field).save(upload.name, upload, save=False)
        resident.save()
        messages.success(request, _("Your shop profile is saved."))
        return redirect("resident_dashboard:profile")


class ListingFormView(ResidentRequiredMixin, TemplateView):
    """Create a listing of one kind, or edit one of the resident's own."""

    template_name = "market/residents/dashboard/listing.html"

    def _product(self) -> Product | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(owned_products(self.resident), pk=self.kwargs["pk"])

    def _kind(self, product: Product | None) -> str:
        kind = product.product_class.slug if product else self.kwargs["kind"]
        if kind not in KINDS:
            raise Http404
        return kind

    def _initial(self, product: Product | None) -> dict:
        return listing_initial(product)

    def get(self, request, *args, **kwargs):
        product = self._product()
        kind = self._kind(product)
        form = ListingForm(
            kind=kind, resident=self.resident, initial=self._initial(product)
        )
        return self.render_to_response(
            self.get_context_data(form=form, product=product, kind=kind)
        )

    def post(self, request, *args, **kwargs):
        product = self._product()
        kind = self._kind(product)
        form = ListingForm(
            request.POST, request.FILES, kind=kind, resident=self.resident
        )
        if form.is_valid():
            try:
                if product is None:
                    product = services.listing_create(
                        resident=self.resident, kind=kind, **form.service_arguments()
                    )
                else:
                    product = services.listing_update(
                        resident=self.resident,
                        product=product,
                        **form.service_arguments(),
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if kind == COURSE:
                    # A course's sessions are edited a row each on its
                    # teaching page; staff approve it once it has some.
                    messages.success(
                        request,
                        _(
                            "Saved. Now give the course its sessions: Centre staff "
                            "review it once it has at least one."
                        ),
                    )
                    return redirect(
                        reverse("learning:teach-course", kwargs={"pk": product.pk})
                        + "#sessions"
                    )
                messages.success(
                    request, _("Saved. Centre staff will review the listing.")
                )
                return redirect("resident_dashboard:index")
        context = self.get_context_data(form=form, product=product, kind=kind)
        return self.render_to_response(context, status=400)


class DigitalFilesView(ResidentRequiredMixin, TemplateView):
    """Upload and list the files of one of the resident's digital products."""

    template_name = "market/residents/dashboard/files.html"

    def _product(self) -> Product:
        return get_object_or_404(
            owned_products(self.resident).filter(product_class__slug=DIGITAL),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["product"] = product = self._product()
        context["files"] = product.digital_files.all()
        context.setdefault("form", DigitalFileForm())
        context["licences"] = LICENCES
        return context

    def post(self, request, *args, **kwargs):
        product = self._product()
        form = DigitalFileForm(request.POST, request.FILES)
        if form.is_valid():
            services.digital_file_add(
                resident=self.resident,
                product=product,
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("The file is stored privately."))
            return redirect("resident_dashboard:files", pk=product.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class FulfilLineView(ResidentRequiredMixin, View):
    """Mark one of the resident's own service lines done. Physical lines
    travel in parcels (market/export); files and seats are delivered at
    once."""

    def get(self, request, pk: int):
        # Look the line up first: another resident's id is a 404, not a 405.
        get_object_or_404(Line, pk=pk, partner=self.resident.partner)
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk: int):
        line = get_object_or_404(Line, pk=pk, partner=self.resident.partner)
        form = FulfilmentForm(request.POST)
        if form.is_valid():
            try:
                services.line_fulfil(
                    resident=self.resident,
                    line=line,
                    user=request.user,
                    tracking_reference=form.cleaned_data["tracking_reference"],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The service is marked as done."))
        return redirect(reverse("resident_dashboard:index"))


class _ShopTokens(ResidentRequiredMixin):
    """The shop's API tokens: made by one of its people, acting for it."""

    list_url_name = "resident_dashboard:tokens"
    revoke_url_name = "resident_dashboard:token-revoke"

    def token_resident(self):
        return self.resident


class AccessTokenListView(_ShopTokens, token_views.AccessTokenListView):
    template_name = "market/residents/dashboard/tokens.html"


class AccessTokenRevokeView(_ShopTokens, token_views.AccessTokenRevokeView):
    template_name = "market/residents/dashboard/token_revoke.html"
