import oscar.apps.checkout.apps as apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
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

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("pay/", login_required(self.pay_view.as_view()), name="pay"),
            path(
                "pay/cancel/",
                login_required(self.pay_cancel_view.as_view()),
                name="pay-cancel",
            ),
            path("return/", login_required(self.return_view.as_view()), name="return"),
            path(
                "return/status/",
                login_required(self.return_status_view.as_view()),
                name="return-status",
            ),
        ]
        if settings.MARKET_FAKE_STRIPE:
            # Only for localstripe's fake Stripe.js (demo, tests); never routed
            # under production settings.
            urls.append(
                path(
                    "pay/confirm/",
                    login_required(self.pay_confirm_view.as_view()),
                    name="pay-confirm",
                )
            )
        return urls
