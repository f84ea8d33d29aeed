"""Oscar's checkout session mixin (every step of the checkout is built on it),
with one more door at every step, asked before anything else: a visitor
without an account may buy only goods that ship
(checkout.selectors.guest_refusal). A guest whose basket holds anything else
is sent back to the gateway, which says why and offers to sign in."""

from django.shortcuts import redirect
from oscar.apps.checkout.session import *  # noqa: F403
from oscar.apps.checkout.session import CheckoutSessionMixin as OscarSessionMixin

from .selectors import guest_refusal


class CheckoutSessionMixin(OscarSessionMixin):
    # The gateway itself shows the refusal instead.
    sends_refused_guests_to_gateway = True

    def dispatch(self, request, *args, **kwargs):
        if (
            self.sends_refused_guests_to_gateway
            and not request.user.is_authenticated
            and guest_refusal(request.basket) is not None
        ):
            return redirect("checkout:index")
        return super().dispatch(request, *args, **kwargs)
