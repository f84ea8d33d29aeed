"""Oscar's checkout with Stripe: the preview's "Pay" button holds the basket
(`checkout_begin`), the pay page takes the card with Stripe.js, and the
return page places the order (`checkout_fulfil`)."""

import re
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.utils import CheckoutSessionData
from oscar.apps.checkout.views import *  # noqa: F403
from oscar.apps.shipping.methods import NoShippingRequired

from market.accounts.redirects import with_next
from market.accounts.selectors import order_status_path
from market.accounts.services import guest_account_offer
from market.currencies.selectors import buyer_currency, buyer_currency_and_rate
from market.export.shipping import CHOICES_KEY, Parcels
from market.payments import client as payments
from market.payments import keys

from .forms import GuestEmailForm
from .models import CheckoutPayment, CheckoutStatus
from .selectors import guest_refusal
from .services import (
    FINAL,
    CheckoutRefused,
    FulfilmentPostponed,
    basket_check,
    charge_amount,
    checkout_begin,
    checkout_fulfil,
    checkout_release,
    checkout_resume,
    line_charge,
    prepared_basket,
    shipping_parts,
)
from .services.quotes import deposit_split

SESSION_KEY = "checkout_payment_id"
SHOWN_TOTAL_KEY = "checkout_shown_total"
# The guest e-mail step: at most this many addresses given per session per
# hour (each is a row the checkout may write and an inbox it may mail).
GUEST_EMAIL_TRIES_KEY = "checkout_guest_email_tries"
GUEST_EMAIL_TRIES = 10
GUEST_EMAIL_WINDOW_SECONDS = 3600


def _guest_email(request) -> str:
    """The address a guest gave at the gateway ("" for a signed-in buyer)."""
    if request.user.is_authenticated:
        return ""
    return CheckoutSessionData(request).get_guest_email() or ""


def _guest_tries_left(request) -> bool:
    """Count one more address given at the gateway; False past the limit."""
    now = int(timezone.now().timestamp())
    tries = [
        moment
        for moment in request.session.get(GUEST_EMAIL_TRIES_KEY, [])
        if isinstance(moment, int) and now - moment < GUEST_EMAIL_WINDOW_SECONDS
    ]
    if len(tries) >= GUEST_EMAIL_TRIES:
        return False
    request.session[GUEST_EMAIL_TRIES_KEY] = [*tries, now]
    return True


class IndexView(oscar_views.IndexView):
    """The gateway. A signed-in buyer goes straight on. A guest gives an
    e-mail address (or signs in, and comes back here); a guest whose basket
    holds something that needs an account is told so, with a sign-in link
    that comes back to the checkout."""

    template_name = "oscar/checkout/gateway.html"
    form_class = GuestEmailForm
    sends_refused_guests_to_gateway = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated and not request.basket.is_empty:
            refusal = guest_refusal(request.basket)
            if refusal is not None:
                return self._refuse(refusal)
        return super().dispatch(request, *args, **kwargs)

    def _refuse(self, refusal: str):
        here = reverse("checkout:index")
        return render(
            self.request,
            "oscar/checkout/gateway.html",
            {
                "refusal": refusal,
                "signin_url": with_next(reverse("customer:login"), here),
                "register_url": with_next(reverse("customer:register"), here),
            },
            status=403,
        )

    def get_form_kwargs(self):
        kwargs = generic.FormView.get_form_kwargs(self)
        email = self.checkout_session.get_guest_email()
        if email:
            kwargs["initial"] = {"email": email}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        here = reverse("checkout:index")
        context["signin_url"] = with_next(reverse("customer:login"), here)
        return context

    def form_valid(self, form):
        if not _guest_tries_left(self.request):
            form.add_error(
                None, _("Too many addresses tried. Please wait an hour, or sign in.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.checkout_session.set_guest_email(form.cleaned_data["email"])
        return redirect(self.get_success_url())


def _shown_total(request) -> Decimal | None:
    try:
        return Decimal(request.session[SHOWN_TOTAL_KEY])
    except (KeyError, ArithmeticError, TypeError, ValueError):
        return None


class ShippingMethodView(oscar_views.ShippingMethodView):
    """One choice per parcel (one parcel per resident), cheapest first and
    chosen by default. Shown whenever something ships, skipped only when
    nothing does. A parcel that cannot travel to the address says which item
    and why, and the buyer cannot go on until the basket or address
    changes."""

    template_name = "oscar/checkout/shipping_methods.html"

    def get(self, request, *args, **kwargs):
        if not request.basket.is_shipping_required():
            self.checkout_session.use_shipping_method(NoShippingRequired().code)
            return self.get_success_response()
        if not self.checkout_session.is_shipping_address_set():
            messages.error(request, _("Please choose a shipping address"))
            return redirect("checkout:shipping-address")
        return self._render(self._method())

    def post(self, request, *args, **kwargs):
        if not request.basket.is_shipping_required():
            return self.get(request, *args, **kwargs)
        method = self._method()
        choices = {}
        for parcel in method.parcels:
            offered = {str(option.rate_id) for option in parcel.options}
            wanted = request.POST.get(f"parcel-{parcel.partner_id}", "")
            if wanted and wanted not in offered:
                messages.error(request, _("That delivery option is not offered."))
                return self._render(method, status=400)
            if wanted:
                choices[str(parcel.partner_id)] = int(wanted)
        request.session[CHOICES_KEY] = choices
        method = self._method()
        if method.refusal:
            messages.error(request, method.refusal)
            return self._render(method, status=400)
        self.checkout_session.use_shipping_method(method.code)
        return self.get_success_response()

    def _method(self) -> Parcels:
        return self.get_available_shipping_methods()[0]

    def _render(self, method: Parcels, status: int = 200):
        context = self.get_context_data(method=method, parcels=method.parcels)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        self._methods = [kwargs["method"]]
        return super().get_context_data(**kwargs)


PAYMENT_METHOD = re.compile(r"^(pm|card|src)_[A-Za-z0-9_]{1,200}$")


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """The preview shows the charge in the buyer's currency; "Pay" holds the
    basket and moves on to the pay page. No card data is posted here."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payments_configured"] = payments.is_configured()
        total = context.get("order_total")
        if total is not None:
            # What the buyer was shown: "Pay" refuses a total that moved since
            # (a resident raising a shipping price meanwhile, say).
            self.request.session[SHOWN_TOTAL_KEY] = str(total.incl_tax)
        shipping = context.get("shipping_charge")
        if total is not None and shipping is not None:
            currency, rate = buyer_currency_and_rate(self.request)
            context["charge_currency"] = currency
            # The same rule as the charge itself: line by line, then summed.
            method = context.get("shipping_method")
            context["charge_estimate"] = charge_amount(
                self.request.basket,
                shipping_parts(method) if method else shipping.incl_tax,
                rate=rate,
                currency=currency,
            )
            # A quote with a deposit: its share now, the rest before shipping
            # (the same split "Pay" makes).
            balance_total, balance_amount = deposit_split(
                self.request.basket,
                total=total.incl_tax,
                amount=context["charge_estimate"],
                rate=rate,
                currency=currency,
            )
            if balance_amount:
                context["deposit_estimate"] = (
                    context["charge_estimate"] - balance_amount,
                    total.incl_tax - balance_total,
                )
                context["balance_estimate"] = (balance_amount, balance_total)
        parcels = getattr(context.get("shipping_method"), "parcels", None)
        if parcels:
            # What customs sees: the goods that travel and their shipping.
            context["duties"] = {
                "country": parcels[0].country,
                "goods": sum((parcel.goods for parcel in parcels), Decimal("0.00")),
                "shipping": sum((parcel.price for parcel in parcels), Decimal("0.00")),
            }
        return context

    def handle_place_order_submission(self, request):
        submission = self.build_submission()
        try:
            payment = checkout_begin(
                basket=submission["basket"],
                user=request.user if request.user.is_authenticated else None,
                guest_email=_guest_email(request),
                shipping_address=submission["shipping_address"],
                shipping_method=submission["shipping_method"],
                order_total=submission["order_total"],
                currency=buyer_currency(request),
                language=get_language(),
                shown_total=_shown_total(request),
            )
        except CheckoutRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("basket:summary")
        except payments.PaymentProviderError:
            # Nothing is held and the basket is open again, as it was.
            messages.error(
                request,
                _(
                    "The payment provider could not be reached. Nothing was charged "
                    "and your basket is as you left it; please try again in a "
                    "moment."
                ),
            )
            return redirect("checkout:preview")
        request.session[SESSION_KEY] = payment.pk
        if payment.status == CheckoutStatus.PLACED:
            return _thank_you(request, payment)
        return redirect("checkout:pay")


def _thank_you(request, payment: CheckoutPayment):
    request.session["checkout_order_id"] = payment.order_id
    request.session.pop(SESSION_KEY, None)
    return redirect("checkout:thank-you")


def _buyers_payments(request):
    """The checkout payments this visitor may act on: a signed-in buyer's
    own; a guest's, only the one this session began (its id in the session)
    for the address given at this session's gateway."""
    if request.user.is_authenticated:
        return CheckoutPayment.objects.filter(user=request.user)
    email = _guest_email(request)
    if not email:
        return CheckoutPayment.objects.none()
    return CheckoutPayment.objects.filter(
        user=None, guest_email=email, pk=request.session.get(SESSION_KEY)
    )


def _current_payment(request) -> CheckoutPayment:
    payment = _buyers_payments(request).filter(pk=request.session.get(SESSION_KEY))
    payment = payment.select_related("basket").first()
    if payment is None:
        raise Http404
    if payment.user_id is None and guest_refusal(prepared_basket(payment)):
        # Never reached through the checkout (the gateway and "Pay" refuse
        # it); a door of its own all the same.
        raise Http404
    return payment


class PayView(View):
    """The pay page: Stripe.js takes the card and confirms the PaymentIntent
    in the browser (3-D Secure included), then comes back to the return URL."""

    template_name = "oscar/checkout/pay.html"

    def get(self, request):
        try:
            payment = _current_payment(request)
        except Http404:
            messages.info(request, _("Your basket is not being paid for."))
            return redirect("basket:summary")
        if payment.status == CheckoutStatus.PLACED:
            return _thank_you(request, payment)
        if payment.status == CheckoutStatus.RELEASED:
            # The basket reopened: the buyer checks it and pays again.
            messages.info(
                request, _("Your hold ran out. Check your basket and pay again.")
            )
            return redirect("basket:summary")
        basket = prepared_basket(payment)
        try:
            # A listing withdrawn or a shop closed since "Pay": no money moves.
            basket_check(basket)
        except CheckoutRefused as refusal:
            checkout_release(payment=payment, reason=str(refusal.message))
            request.session.pop(SESSION_KEY, None)
            messages.error(request, refusal.message)
            return redirect("basket:summary")
        if payment.expires_at <= timezone.now():
            try:
                payment = checkout_resume(payment=payment)
            except CheckoutRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("basket:summary")
            except payments.PaymentProviderError:
                messages.error(request, _("The payment provider could not be reached."))
                return redirect("basket:summary")
        if payment.status != CheckoutStatus.AWAITING_PAYMENT:
            return redirect("checkout:return-status")
        return render(
            request,
            self.template_name,
            {
                "payment": payment,
                "lines": [
                    (
                        line,
                        line_charge(line=line, quantity=line.quantity, payment=payment),
                    )
                    for line in basket.all_lines()
                ],
                "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                "stripe_js_url": settings.STRIPE_JS_URL,
                "return_url": request.build_absolute_uri(reverse("checkout:return")),
                # Routed only for localstripe's fake Stripe.js (checkout/apps.py).
                "confirm_url": (
                    reverse("checkout:pay-confirm")
                    if settings.MARKET_FAKE_STRIPE
                    else ""
                ),
            },
        )


class PayConfirmView(View):
    """Confirms the PaymentIntent with a payment method the browser created
    with Stripe.js, for pages whose Stripe.js cannot confirm by itself (the
    card element of localstripe's fake Stripe.js in the demo). Answers JSON."""

    def post(self, request):
        payment = _current_payment(request)
        return confirm_with_card(
            request,
            intent_id=payment.payment_intent_id,
            client_secret=payment.client_secret,
            is_open=payment.status == CheckoutStatus.AWAITING_PAYMENT,
            key=lambda method: keys.checkout_confirm(payment.pk, method),
        )


def confirm_with_card(request, *, intent_id, client_secret, is_open: bool, key):
    """Confirm a PaymentIntent with the payment method the browser posted
    (localstripe's fake Stripe.js; see PayConfirmView), answering JSON: a
    malformed method is a 400, a closed payment a 409, Stripe's refusal a
    402. `key(method)` is the operation's idempotency key."""
    method = request.POST.get("payment_method", "")
    if not PAYMENT_METHOD.match(method):
        return JsonResponse({"error": _("Invalid payment method.")}, status=400)
    if not is_open or not intent_id:
        return JsonResponse({"error": _("This payment is closed.")}, status=409)
    try:
        intent = payments.payment_intent_confirm(
            intent_id=intent_id, payment_method=method, idempotency_key=key(method)
        )
    except payments.PaymentProviderError as error:
        return JsonResponse({"error": error.message}, status=402)
    return JsonResponse(
        {
            "status": intent.status,
            "requires_action": intent.status == "requires_action",
            "client_secret": client_secret,
        }
    )


class PayCancelView(View):
    """Back to the basket: the hold is given back and the basket reopens."""

    def post(self, request):
        payment = _current_payment(request)
        checkout_release(payment=payment, reason="buyer went back to the basket")
        request.session.pop(SESSION_KEY, None)
        return redirect("basket:summary")


class ReturnView(View):
    """Where Stripe.js sends the buyer after paying. Places the order (once,
    however often the page is loaded) or says what happened."""

    def get(self, request):
        intent_id = request.GET.get("payment_intent", "")
        payment = (
            _buyers_payments(request).filter(payment_intent_id=intent_id).first()
            if intent_id
            else None
        )
        try:
            if payment is None:
                payment = _current_payment(request)
            elif payment.user_id is None:
                # The same doors as every pay page for a guest's payment.
                request.session[SESSION_KEY] = payment.pk
                payment = _current_payment(request)
        except Http404:
            return redirect("basket:summary")
        request.session[SESSION_KEY] = payment.pk
        intent = None
        try:
            if payment.status not in FINAL:
                # Retrieved once, for placing the order and for the answer.
                intent = payments.payment_intent_retrieve(
                    intent_id=payment.payment_intent_id
                )
                payment = checkout_fulfil(intent_id=intent.id, intent=intent) or payment
        except payments.PaymentProviderError:
            return render(
                request,
                "oscar/checkout/pay_status.html",
                {"payment": payment, "state": "unreachable"},
            )
        except FulfilmentPostponed:
            # Paid; the order is placed by the next try (nothing refunded).
            return render(
                request,
                "oscar/checkout/pay_status.html",
                {"payment": payment, "state": "placing"},
            )
        return _status_response(request, payment, intent)


def _status_response(request, payment: CheckoutPayment, intent=None):
    if payment.status == CheckoutStatus.PLACED:
        return _thank_you(request, payment)
    if payment.status in (CheckoutStatus.REFUNDED, CheckoutStatus.NEEDS_ATTENTION):
        request.session.pop(SESSION_KEY, None)
        return render(
            request,
            "oscar/checkout/pay_status.html",
            {"payment": payment, "state": "refunded"},
        )
    intent = intent or payments.payment_intent_retrieve(
        intent_id=payment.payment_intent_id
    )
    if intent.succeeded:
        # Paid, not placed yet (postponed): the next try places it.
        return render(
            request,
            "oscar/checkout/pay_status.html",
            {"payment": payment, "state": "placing"},
        )
    if intent.status == "processing":
        return render(
            request,
            "oscar/checkout/pay_status.html",
            {"payment": payment, "state": "processing"},
        )
    messages.error(request, _("The payment did not go through. Nothing was charged."))
    return HttpResponseRedirect(reverse("checkout:pay"))


class ReturnStatusView(View):
    def get(self, request):
        payment = _current_payment(request)
        return _status_response(request, payment)


def _guests_order(request):
    """The guest order this session just placed (its id in the session, as
    Oscar's thank-you page reads it), or None."""
    order_id = request.session.get("checkout_order_id")
    if not order_id:
        return None
    return Order.objects.filter(pk=order_id, user=None).first()  # noqa: F405


class ThankYouView(oscar_views.ThankYouView):
    """Oscar's thank-you page. A guest's order status link works at once in
    this session (Oscar's status page asks for the order's address)."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        order = context["order"]
        if order.user_id is None and order.guest_email:
            self.request.session["anon_order_email"] = order.guest_email
            context["order_status_path"] = order_status_path(order)
        return context


class GuestAccountOfferView(View):
    """The thank-you page's "Create an account": a link to choose a password
    goes to the order's address (accounts.services.guest_account_offer). Only
    the guest order this session placed; the answer is the same whether or
    not the address has an account."""

    http_method_names = ["post"]

    def post(self, request):
        order = _guests_order(request)
        if order is None or request.user.is_authenticated:
            raise Http404
        guest_account_offer(order=order, language=get_language())
        messages.success(
            request,
            _(
                "We sent a link to %(email)s. Open it to choose a password; your "
                "order will be in your new account."
            )
            % {"email": order.guest_email},
        )
        return redirect("checkout:thank-you")
