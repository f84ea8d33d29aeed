"""The business buyer's pages: the business profile, "Ask for a quote" (from
a product page or a shop page), their requests, and one request with its
thread, its quote and what they may do (accept and pay, withdraw, write).
Views parse input and call the services; every request is looked up among
the buyer's own (anyone else's reference is a 404, nothing changed)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from catalogue.kinds import COURSE
from checkout.models import BalancePayment, BalanceStatus
from checkout.services import CheckoutRefused
from checkout.services.balance import balance_fulfil, balance_intent_ensure
from checkout.services.quotes import quote_basket_fill
from checkout.views import confirm_with_card
from market.accounts.redirects import safe_target, with_next
from market.bookings.listing import is_studio_sku
from market.export.destination import destination_set
from market.payments import client as payments
from market.payments import keys
from market.residents.selectors import public_residents, resident_products

from . import selectors, services
from .forms import AskForm, BusinessProfileForm, MessageForm, Offer
from .models import QuoteMessage, QuoteRequestStatus, QuoteStatus
from .services import LineWish, QuoteRefused
from .services.messages import OPEN_TO_MESSAGES

# Products offered on the ask form (a shop's newest).
ASK_PRODUCTS = 60


class BuyerMixin(LoginRequiredMixin):
    """Signed in. A request is found among the buyer's own only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated and "reference" in kwargs:
            # Nothing about a given request is told to an anonymous visitor.
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def own_request(self, reference):
        found = selectors.quote_request_of_buyer(self.request.user, reference)
        if found is None:
            raise Http404
        return found

    def http_method_not_allowed(self, request, *args, **kwargs):
        # Another's request is a 404 whatever the method (a GET of a form's
        # address too): only the buyer learns that the address exists.
        if "reference" in kwargs:
            self.own_request(kwargs["reference"])
        return super().http_method_not_allowed(request, *args, **kwargs)


class BusinessProfileView(BuyerMixin, View):
    """Who the buyer is, asked before their first request."""

    template_name = "market/trade/business.html"

    def _next(self, request) -> str:
        return safe_target(
            request.POST.get("next") or request.GET.get("next"),
            host=request.get_host(),
            secure=request.is_secure(),
        ) or reverse("trade:mine")

    def get(self, request):
        profile = selectors.business_profile_of(request.user)
        form = BusinessProfileForm(instance=profile)
        return self._render(request, form)

    def post(self, request):
        form = BusinessProfileForm(request.POST)
        if form.is_valid():
            try:
                services.business_profile_save(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Your business details are saved."))
                return redirect(self._next(request))
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "next": self._next(request)},
            status=status,
        )


def _offers(resident) -> list[Offer]:
    """The shop's products a business may ask about: standalone products
    and variants, through the shop's stock records (courses and studio
    time are not sold by quote). From the card query: no query per
    product."""
    offers = []
    for product in resident_products(resident)[:ASK_PRODUCTS]:
        if product.get_product_class().slug == COURSE:
            continue
        sellable = (
            [child for child in product.children.all() if child.is_public]
            if product.is_parent
            else [product]
        )
        for item in sellable:
            for record in item.stockrecords.all():
                if record.partner_id != resident.partner_id or is_studio_sku(
                    record.partner_sku
                ):
                    continue
                title = (
                    item.get_title()
                    if not product.is_parent
                    else f"{product.get_title()}: {item.get_title()}"
                )
                offers.append(
                    Offer(
                        stockrecord_id=record.pk,
                        title=title,
                        retail=record.price,
                        field_name=f"quantity_{record.pk}",
                        product_id=item.pk,
                        listing_id=product.pk,
                    )
                )
    return offers


class AskView(BuyerMixin, View):
    """ "Ask for a quote" from one shop: quantities of its products (the
    product the buyer came from first), destination, date and message."""

    template_name = "market/trade/ask.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.resident = get_object_or_404(public_residents(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def _profile_or_redirect(self, request):
        profile = selectors.business_profile_of(request.user)
        if profile is None:
            messages.info(request, _("First, tell the seller about your business."))
            return None, redirect(
                with_next(reverse("trade:business"), request.get_full_path())
            )
        return profile, None

    def _offers(self, request):
        offers = _offers(self.resident)
        wanted = request.GET.get("product", "")
        if wanted.isdigit():
            # The product the buyer came from goes first.
            offers.sort(
                key=lambda offer: (
                    int(wanted) not in (offer.product_id, offer.listing_id)
                )
            )
        return offers, wanted

    def get(self, request, slug):
        profile, response = self._profile_or_redirect(request)
        if response:
            return response
        offers, wanted = self._offers(request)
        initial = {"destination": profile.country}
        for offer in offers:
            if wanted.isdigit() and int(wanted) == offer.product_id:
                initial[offer.field_name] = 1
        form = AskForm(offers=offers, initial=initial)
        return self._render(request, form, profile)

    def post(self, request, slug):
        profile, response = self._profile_or_redirect(request)
        if response:
            return response
        offers, _wanted = self._offers(request)
        form = AskForm(request.POST, offers=offers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                quote_request = services.quote_request_create(
                    buyer=request.user,
                    resident=self.resident,
                    lines=[LineWish(pk, quantity) for pk, quantity in form.wishes()],
                    destination=data["destination"],
                    wanted_by=data["wanted_by"],
                    message=data["message"],
                    language=get_language(),
                )
            except QuoteRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _("Your request is sent. %(shop)s will answer here and by e-mail.")
                    % {"shop": self.resident.display_name},
                )
                return redirect("trade:request", reference=quote_request.reference)
        return self._render(request, form, profile, status=400)

    def _render(self, request, form, profile, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "resident": self.resident, "profile": profile},
            status=status,
        )


class MyRequestsView(BuyerMixin, View):
    """The buyer's requests, newest first, with their state and quote."""

    template_name = "market/trade/mine.html"
    shown = 100

    def get(self, request):
        requests = list(selectors.quote_requests_for_buyer(request.user)[: self.shown])
        for each in requests:
            each.quote = selectors.live_quote(each)
        return render(request, self.template_name, {"quote_requests": requests})


class RequestDetailView(BuyerMixin, View):
    """One request: what was asked, the quote (accept and pay, or not), the
    thread, and a message form."""

    template_name = "market/trade/request.html"

    def get(self, request, reference):
        quote_request = self.own_request(reference)
        return self._render(request, quote_request, MessageForm())

    def _render(self, request, quote_request, form, status=200):
        quote = selectors.live_quote(quote_request)
        return render(
            request,
            self.template_name,
            {
                "quote_request": quote_request,
                "quote": quote,
                "quote_lines": selectors.quote_lines(quote) if quote else [],
                "thread": selectors.request_thread(quote_request),
                "message_form": form,
                "may_accept": quote is not None
                and quote.status == QuoteStatus.OFFERED
                and quote_request.status == QuoteRequestStatus.QUOTED,
                "may_pay": quote is not None and quote.status == QuoteStatus.ACCEPTED,
                "balance": order_balance(quote),
                "may_withdraw": quote_request.is_live,
                "may_write": quote_request.status in OPEN_TO_MESSAGES,
            },
            status=status,
        )


class RequestMessageView(RequestDetailView):
    def post(self, request, reference):
        quote_request = self.own_request(reference)
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.quote_message_add(
                    request=quote_request,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except QuoteRefused as refusal:
                quote_request = self.own_request(reference)
                if quote_request.status not in OPEN_TO_MESSAGES:
                    # The form is no longer shown: say it above the page.
                    messages.error(request, refusal.message)
                    return redirect("trade:request", reference=reference)
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Your message is sent."))
                return redirect("trade:request", reference=reference)
        return self._render(request, quote_request, form, status=400)


class AcceptView(BuyerMixin, View):
    """Accept the quote offered (the one the form names: the one the buyer
    read), and go on to pay it."""

    def post(self, request, reference):
        quote_request = self.own_request(reference)
        quote = selectors.live_quote(quote_request)
        if quote is None:
            messages.error(request, _("There is no quote to accept."))
            return redirect("trade:request", reference=reference)
        if request.POST.get("quote", "").strip() != str(quote.reference):
            # The form names the quote the buyer read: a quote the shop put
            # in its place since (other prices) is never accepted unseen.
            messages.error(
                request,
                _(
                    "The seller changed the quote after you opened it. Read the "
                    "new quote, then accept it."
                ),
            )
            return redirect("trade:request", reference=reference)
        try:
            services.quote_accept(quote=quote, by=request.user)
        except QuoteRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("trade:request", reference=reference)
        messages.success(
            request, _("You accepted the quote. Pay it to place the order.")
        )
        return _to_checkout(request, quote_request)


def _to_checkout(request, quote_request):
    quote = selectors.live_quote(
        selectors.quote_request_of_buyer(request.user, quote_request.reference)
    )
    try:
        moved = quote_basket_fill(basket=request.basket, quote=quote, user=request.user)
    except CheckoutRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("trade:request", reference=quote_request.reference)
    # The basket's parcel is priced for the quote's destination.
    destination_set(request, quote_request.destination)
    if moved:
        messages.info(
            request,
            _(
                "A quote is paid on its own: the other items of your basket are "
                "in “saved for later”."
            ),
        )
    return redirect("basket:summary")


class PayView(BuyerMixin, View):
    """Put the accepted quote into the basket (again) and go to pay it."""

    def post(self, request, reference):
        quote_request = self.own_request(reference)
        return _to_checkout(request, quote_request)


def order_balance(quote) -> BalancePayment | None:
    """The balance of the order that paid a quote with a deposit, or None."""
    if quote is None or not quote.deposit_percent or quote.order_id is None:
        return None
    return BalancePayment.objects.filter(order_id=quote.order_id).first()


class BalanceMixin(BuyerMixin):
    """The balance of one of the buyer's own deposit orders (404 for any
    other request, and for a request without a balance)."""

    def own_balance(self, reference) -> tuple:
        quote_request = self.own_request(reference)
        balance = order_balance(selectors.live_quote(quote_request))
        if balance is None:
            raise Http404
        return quote_request, balance


class BalanceView(BalanceMixin, View):
    """The balance's pay page: the same card form as the checkout's."""

    template_name = "market/trade/balance_pay.html"

    def get(self, request, reference):
        quote_request, balance = self.own_balance(reference)
        if balance.status != BalanceStatus.DUE:
            messages.info(request, _("The balance of this order is paid."))
            return redirect("trade:request", reference=reference)
        try:
            balance = balance_intent_ensure(balance=balance, user=request.user)
        except payments.PaymentProviderError:
            messages.error(request, _("The payment provider could not be reached."))
            return redirect("trade:request", reference=reference)
        return render(
            request,
            self.template_name,
            {
                "quote_request": quote_request,
                "balance": balance,
                "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                "stripe_js_url": settings.STRIPE_JS_URL,
                "return_url": request.build_absolute_uri(
                    reverse("trade:balance-return", args=[reference])
                ),
                "confirm_url": (
                    reverse("trade:balance-confirm", args=[reference])
                    if settings.MARKET_FAKE_STRIPE
                    else ""
                ),
            },
        )


class BalanceConfirmView(BalanceMixin, View):
    """For localstripe's fake Stripe.js only (as checkout's PayConfirmView):
    confirms the balance's PaymentIntent with the card the browser made."""

    def post(self, request, reference):
        if not settings.MARKET_FAKE_STRIPE:
            raise Http404
        _request, balance = self.own_balance(reference)
        return confirm_with_card(
            request,
            intent_id=balance.payment_intent_id,
            client_secret=balance.client_secret,
            is_open=balance.status == BalanceStatus.DUE,
            key=lambda method: keys.balance_confirm(balance.pk, method),
        )


class BalanceReturnView(BalanceMixin, View):
    """Where Stripe.js sends the buyer after paying the balance: recorded
    once, however often the page is loaded (the webhook may have done it)."""

    def get(self, request, reference):
        _request, balance = self.own_balance(reference)
        if balance.status == BalanceStatus.DUE and balance.payment_intent_id:
            try:
                balance = balance_fulfil(intent_id=balance.payment_intent_id) or balance
            except payments.PaymentProviderError:
                messages.error(request, _("The payment provider could not be reached."))
                return redirect("trade:request", reference=reference)
        if balance.status == BalanceStatus.PAID:
            messages.success(
                request,
                _("Thank you: the balance is paid. The seller ships your parcel now."),
            )
        else:
            messages.error(
                request, _("The payment did not go through. Nothing was charged.")
            )
        return redirect("trade:request", reference=reference)


class WithdrawView(BuyerMixin, View):
    def post(self, request, reference):
        quote_request = self.own_request(reference)
        try:
            services.quote_request_withdraw(request=quote_request, by=request.user)
        except QuoteRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your request is withdrawn."))
        return redirect("trade:request", reference=reference)


def attachment_response(message: QuoteMessage):
    """The attachment of a message, to a side of its request (the caller
    found the message among that side's own)."""
    if not message.attachment:
        raise Http404
    try:
        stream = message.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        stream,
        as_attachment=message.attachment_type == "application/pdf",
        filename=f"{message.attachment_name.rsplit('.', 1)[0]}"
        f"{message.attachment_extension}",
        content_type=message.attachment_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AttachmentView(BuyerMixin, View):
    def get(self, request, reference, pk):
        quote_request = self.own_request(reference)
        message = get_object_or_404(QuoteMessage, pk=pk, request=quote_request)
        return attachment_response(message)
