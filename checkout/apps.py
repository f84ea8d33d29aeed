import oscar.apps.checkout.apps as apps
from django.conf import settings
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    """Our fork of Oscar's checkout: Stripe payment (PaymentIntents and
    Stripe.js) and race-safe order placement (see checkout.services)."""

    name = "checkout"

    def ready(self):
        super().ready()
        from . import (
            handlers,  # noqa: F401 (registers the webhook handlers)
            views,
        )

        self.pay_view = views.PayView
        self.pay_confirm_view = views.PayConfirmView
        self.pay_cancel_view = views.PayCancelView
        self.return_view = views.ReturnView
        self.return_status_view = views.ReturnStatusView
        self.guest_account_offer_view = views.GuestAccountOfferView

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            # A signed-in buyer's payments, or the one a guest's session began
            # (checkout.views._buyers_payments): no sign-in required here.
            path("pay/", self.pay_view.as_view(), name="pay"),
            path("pay/cancel/", self.pay_cancel_view.as_view(), name="pay-cancel"),
            path("return/", self.return_view.as_view(), name="return"),
            path(
                "return/status/",
                self.return_status_view.as_view(),
                name="return-status",
            ),
            path(
                "account-offer/",
                self.guest_account_offer_view.as_view(),
                name="guest-account-offer",
            ),
        ]
        if settings.MARKET_FAKE_STRIPE:
            # Only for localstripe's fake Stripe.js (demo, tests); never routed
            # under production settings.
            urls.append(
                path(
                    "pay/confirm/",
                    self.pay_confirm_view.as_view(),
                    name="pay-confirm",
                )
            )
        return urls
