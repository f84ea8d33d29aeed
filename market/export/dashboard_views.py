"""The resident dashboard's side of selling abroad: the export documents of
one of the resident's own physical listings, and the customs papers of the
resident's own parcels. Every object is looked up inside the resident's own
rows, so another resident's id is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from catalogue.kinds import PHYSICAL
from catalogue.models import Product
from market.residents.dashboard.views import ResidentRequiredMixin
from market.residents.selectors import owned_products

from .models import ExportDocument, ExportDocumentKind, Parcel
from .papers import paper_response
from .services_documents import export_document_add, export_document_delete


class ExportDocumentForm(forms.Form):
    """Only these fields are read; the file is checked by the service."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=ExportDocumentKind.choices
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A PDF, JPEG or PNG of at most 10 MB."),
    )


class ExportDocumentsView(ResidentRequiredMixin, TemplateView):
    """List, add and remove the export papers of one physical listing."""

    template_name = "market/export/dashboard/documents.html"

    def _product(self) -> Product:
        return get_object_or_404(
            owned_products(self.resident).filter(product_class__slug=PHYSICAL),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["product"] = product = self._product()
        context["documents"] = product.export_documents.order_by("pk")
        context.setdefault("form", ExportDocumentForm())
        return context

    def post(self, request, *args, **kwargs):
        product = self._product()
        form = ExportDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                export_document_add(
                    resident=self.resident,
                    product=product,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as error:
                # The service names the field of each refusal.
                form.add_error(None, error)
            else:
                messages.success(request, _("The document is attached."))
                return redirect("resident_dashboard:documents", pk=product.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ExportDocumentDeleteView(ResidentRequiredMixin, View):
    """Remove one of the resident's own export documents (POST only)."""

    def _document(self, pk: int) -> ExportDocument:
        return get_object_or_404(
            ExportDocument.objects.select_related("product"),
            pk=pk,
            product__in=owned_products(self.resident).values("pk"),
        )

    def get(self, request, pk: int):
        # Look the document up first: another resident's id is a 404, not a 405.
        self._document(pk)
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk: int):
        document = self._document(pk)
        export_document_delete(resident=self.resident, document=document)
        messages.success(request, _("The document is removed."))
        return redirect("resident_dashboard:documents", pk=document.product_id)


class ParcelPaperView(ResidentRequiredMixin, View):
    """The commercial invoice or the CN 23 of one of the resident's parcels."""

    paper = ""

    def _parcel(self, pk: int) -> Parcel:
        return get_object_or_404(
            Parcel.objects.select_related("order", "partner"),
            pk=pk,
            partner_id=self.resident.partner_id,
        )

    def get(self, request, pk: int):
        return paper_response(self._parcel(pk), self.paper)

    def post(self, request, pk: int):
        # Look the parcel up first: another resident's id is a 404, not a 405.
        self._parcel(pk)
        return HttpResponseNotAllowed(["GET"])
