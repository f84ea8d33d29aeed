from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from market.page_cache import cacheable_page
from search.backends import ProductQuery, Sort
from search.views import BackendPagination, BackendResults

from . import services
from .forms import ApplicationForm, ContactForm, MakerMessageForm
from .models import Resident
from .selectors import public_products, public_residents


class ResidentListView(ListView):
    """Every open shop on Creative Market."""

    context_object_name = "residents"
    template_name = "market/residents/resident_list.html"
    paginate_by = 24

    def get_queryset(self):
        return public_residents()


class ResidentShopView(BackendPagination, ListView):
    """A resident's public shop: who they are, what they sell (newest first),
    a contact form.

    The products are read from the search index, scoped to the resident's
    partner, as the catalogue and category pages are: a page of 12 through
    the index's newest-first order, and the total kept under the index's
    generation. Read from the catalogue, a shop's page checked the listing
    rule for every product the resident sells and sorted them all (with
    10,000 of them, 450 ms of CPU a view; issue 16). The index holds only
    what may be sold now (search/documents.py asks `listing_refusal`), and a
    suspended resident's shop is a 404 before any of it."""

    context_object_name = "products"
    template_name = "market/residents/shop.html"
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        cacheable_page(request)  # market/page_cache.py
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.resident = get_object_or_404(public_residents(), slug=self.kwargs["slug"])
        return BackendResults(
            ProductQuery(partner_id=self.resident.partner_id, sort=Sort.NEWEST)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resident"] = self.resident
        context.setdefault("contact_form", ContactForm())
        return context


class ResidentContactView(ResidentShopView):
    """The shop page's contact form: e-mails the resident, shows no address."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object_list = self.get_queryset()
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                services.resident_contact(
                    resident=self.resident,
                    sender_name=form.cleaned_data["name"],
                    sender_email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your message was sent."))
                return redirect(self.resident.get_absolute_url())
        context = self.get_context_data(contact_form=form)
        return self.render_to_response(context, status=400)


class ApplyView(LoginRequiredMixin, FormView):
    """Anyone signed in can ask to open a shop."""

    form_class = ApplicationForm
    template_name = "market/residents/apply.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["residencies"] = Resident.objects.filter(
            applicant=self.request.user
        ).order_by("-created_at")
        return context

    def form_valid(self, form):
        try:
            services.resident_apply(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            _("Thank you: your application was received. We have sent you an e-mail."),
        )
        return redirect("residents:apply")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MakerMessageView(LoginRequiredMixin, FormView):
    """ "Message the maker" of a listed product: signed-in users only. The
    product page holds the form; this page shows it again with its errors
    (and to a visitor who signed in on the way)."""

    form_class = MakerMessageForm
    template_name = "market/residents/maker_message.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.product = get_object_or_404(public_products(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["product"] = self.product
        return context

    def form_valid(self, form):
        try:
            services.maker_message_send(
                product=self.product,
                sender=self.request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error("message", error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your message was sent. The maker will reply by e-mail.")
        )
        return redirect(self.product.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
