"""The resident's side, in their shop dashboard: the requests made to them,
one request with its thread and the form to answer it with a quote (unit
prices prefilled with retail), or to decline with a reason, and whether
they make to order. Every request is looked up among the resident's own:
another's reference is a 404, nothing changed."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from checkout.services import CheckoutRefused
from checkout.services.balance import balance_ask
from market.residents.dashboard.views import ResidentRequiredMixin

from . import selectors, services
from .forms import (
    SHIPPING_FROM_PROFILE,
    DeclineForm,
    MessageForm,
    QuoteForm,
    TradeTermsForm,
)
from .models import QuoteMessage, QuoteRequestStatus
from .services import QuoteRefused
from .services.messages import OPEN_TO_MESSAGES
from .shipping import profile_shipping, request_ships
from .views import attachment_response, order_balance

SHOWN = 200
# A request the resident may still answer (with a quote or a decline).
ANSWERABLE = (QuoteRequestStatus.OPEN, QuoteRequestStatus.QUOTED)


class QuoteRequestListView(ResidentRequiredMixin, View):
    """Requests made to the shop, newest first, unanswered ones marked."""

    template_name = "market/trade/dashboard/list.html"

    def get(self, request):
        requests = list(selectors.quote_requests_for_resident(self.resident)[:SHOWN])
        for each in requests:
            each.quote = selectors.live_quote(each)
        return render(
            request,
            self.template_name,
            {
                "resident": self.resident,
                "quote_requests": requests,
                "terms_form": TradeTermsForm(
                    initial={"makes_to_order": selectors.makes_to_order(self.resident)}
                ),
            },
        )


class TradeTermsView(ResidentRequiredMixin, View):
    def post(self, request):
        form = TradeTermsForm(request.POST)
        if form.is_valid():
            services.trade_terms_save(
                resident=self.resident,
                by=request.user,
                makes_to_order=form.cleaned_data["makes_to_order"],
            )
            messages.success(request, _("Your terms for businesses are saved."))
        return redirect("resident_dashboard:quote-requests")


class QuoteRequestDetailView(ResidentRequiredMixin, View):
    """One request: what the business asked, the quote form (or the quote
    given), decline, and the thread."""

    template_name = "market/trade/dashboard/request.html"

    def own_request(self, reference):
        found = selectors.quote_request_of_resident(self.resident, reference)
        if found is None:
            raise Http404
        return found

    def get(self, request, reference):
        quote_request = self.own_request(reference)
        return self._render(request, quote_request)

    def refused_after_a_change(self, request, reference, refusal, *, still_open):
        """When the request moved on meanwhile (a second click, the other
        side acting) and its form is no longer shown, the refusal is said
        above the page; None when the form shows it."""
        quote_request = self.own_request(reference)
        if quote_request.status in still_open:
            return None
        messages.error(request, refusal.message)
        return redirect("resident_dashboard:quote-request", reference=reference)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # Another's request is a 404 whatever the method.
        self.own_request(kwargs["reference"])
        return super().http_method_not_allowed(request, *args, **kwargs)

    def _quote_form(self, quote_request, data=None):
        lines = list(
            quote_request.lines.select_related(
                "product__parent", "product__product_class", "stockrecord"
            )
        )
        return QuoteForm(
            data,
            request_lines=lines,
            ships=request_ships(quote_request),
            initial={
                "valid_until": timezone.localdate() + timedelta(days=14),
                "lead_time_days": 7,
                "shipping_source": SHIPPING_FROM_PROFILE,
            },
        )

    def _render(
        self,
        request,
        quote_request,
        *,
        quote_form=None,
        decline_form=None,
        message_form=None,
        status=200,
    ):
        quote_form = quote_form or self._quote_form(quote_request)
        profile_offer = None
        if quote_form.ships:
            profile_offer = profile_shipping(
                quote_request,
                {line.pk: line.stockrecord.price for line in quote_form.request_lines},
            )
        quote = selectors.live_quote(quote_request)
        return render(
            request,
            self.template_name,
            {
                "resident": self.resident,
                "quote_request": quote_request,
                "quote": quote,
                "quote_lines": selectors.quote_lines(quote) if quote else [],
                "balance": order_balance(quote),
                "may_answer": quote_request.status
                in (QuoteRequestStatus.OPEN, QuoteRequestStatus.QUOTED),
                "quote_form": quote_form,
                "profile_offer": profile_offer,
                "decline_form": decline_form or DeclineForm(),
                "message_form": message_form or MessageForm(),
                "thread": selectors.request_thread(quote_request),
                "may_write": quote_request.status in OPEN_TO_MESSAGES,
            },
            status=status,
        )


class QuoteOfferView(QuoteRequestDetailView):
    def post(self, request, reference):
        quote_request = self.own_request(reference)
        form = self._quote_form(quote_request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.quote_offer(
                    request=quote_request,
                    by=request.user,
                    prices=form.prices(),
                    lead_time_days=data["lead_time_days"],
                    shipping=form.shipping_answer(),
                    valid_until=data["valid_until"],
                    terms=data["terms"],
                    deposit_percent=data.get("deposit_percent") or 0,
                )
            except QuoteRefused as refusal:
                moved = self.refused_after_a_change(
                    request, reference, refusal, still_open=ANSWERABLE
                )
                if moved:
                    return moved
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Your quote is sent to the buyer."))
                return redirect("resident_dashboard:quote-request", reference=reference)
        return self._render(request, quote_request, quote_form=form, status=400)


class QuoteDeclineView(QuoteRequestDetailView):
    def post(self, request, reference):
        quote_request = self.own_request(reference)
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.quote_request_decline(
                    request=quote_request,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except QuoteRefused as refusal:
                moved = self.refused_after_a_change(
                    request, reference, refusal, still_open=ANSWERABLE
                )
                if moved:
                    return moved
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The buyer is told you declined."))
                return redirect("resident_dashboard:quote-request", reference=reference)
        return self._render(request, quote_request, decline_form=form, status=400)


class QuoteMessageView(QuoteRequestDetailView):
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
                moved = self.refused_after_a_change(
                    request, reference, refusal, still_open=OPEN_TO_MESSAGES
                )
                if moved:
                    return moved
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Your message is sent."))
                return redirect("resident_dashboard:quote-request", reference=reference)
        return self._render(request, quote_request, message_form=form, status=400)


class QuoteAttachmentView(QuoteRequestDetailView):
    def get(self, request, reference, pk):
        quote_request = self.own_request(reference)
        message = get_object_or_404(QuoteMessage, pk=pk, request=quote_request)
        return attachment_response(message)


class BalanceAskView(QuoteRequestDetailView):
    """The goods are ready: the buyer is asked for the balance by e-mail."""

    def post(self, request, reference):
        quote_request = self.own_request(reference)
        balance = order_balance(selectors.live_quote(quote_request))
        if balance is None:
            raise Http404
        try:
            balance_ask(balance=balance, by=request.user)
        except CheckoutRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The buyer is asked to pay the balance."))
        return redirect("resident_dashboard:quote-request", reference=reference)
