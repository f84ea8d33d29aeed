"""Bring checkouts in line with Stripe: place paid ones whose webhook or
return page never came (or was postponed), and tidy holds that ran out.

Holds count only until they run out, whether or not this runs: it only tidies
(releases the checkout, reopens its basket, tells the waitlist) and alerts
staff when a buyer's payment is still processing after their hold ran out.
Run it every few minutes (cron); it is safe to run any number of times,
concurrently too."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from catalogue.stock import holds_tidy, stock_announce
from checkout.models import (
    BalancePayment,
    BalanceStatus,
    CheckoutPayment,
    CheckoutStatus,
)
from checkout.services import (
    FulfilmentPostponed,
    checkout_fulfil,
    checkout_release,
)
from checkout.services.balance import balance_fulfil
from market.alerts.models import AlertKind
from market.alerts.services import alert_raise
from market.payments import client as payments


class Command(BaseCommand):
    help = "Place paid checkouts and tidy holds that ran out."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="Look at released checkouts this many days back (default 7).",
        )

    def handle(self, *args, days, **options):
        now = timezone.now()
        counts = {
            "placed": 0,
            "refunded": 0,
            "released": 0,
            "waiting": 0,
            "postponed": 0,
            "errors": 0,
        }
        balances = 0
        if payments.is_configured():
            self._reconcile(now, days, counts)
            balances = self._reconcile_balances(counts)
        # Holds without a PaymentIntent (a free basket never needs one).
        for payment in CheckoutPayment.objects.filter(
            status=CheckoutStatus.AWAITING_PAYMENT,
            payment_intent_id__isnull=True,
            expires_at__lte=now,
        ):
            checkout_release(payment=payment, reason="hold ran out")
            counts["released"] += 1
        tidied = holds_tidy(now=now)
        if tidied:
            stock_announce(tidied)
        self.stdout.write(
            "placed {placed}, refunded {refunded}, released {released}, "
            "still waiting {waiting}, postponed {postponed}, "
            "errors {errors}".format(**counts)
        )
        if balances:
            self.stdout.write(f"balances paid {balances}")
        if counts["errors"]:
            raise SystemExit(1)

    def _reconcile_balances(self, counts) -> int:
        """Balances of deposit orders paid at Stripe whose webhook and
        return page never came: recorded now (once)."""
        paid = 0
        for balance in BalancePayment.objects.filter(
            status=BalanceStatus.DUE, payment_intent_id__isnull=False
        ):
            try:
                intent = payments.payment_intent_retrieve(
                    intent_id=balance.payment_intent_id
                )
                if intent.succeeded:
                    balance_fulfil(intent_id=intent.id, intent=intent)
                    paid += 1
            except payments.PaymentProviderError as error:
                self.stderr.write(f"{balance.payment_intent_id}: {error.message}")
                counts["errors"] += 1
        return paid

    def _reconcile(self, now, days, counts):
        candidates = CheckoutPayment.objects.filter(
            payment_intent_id__isnull=False
        ).filter(
            status__in=[CheckoutStatus.AWAITING_PAYMENT, CheckoutStatus.RELEASED],
            updated_at__gte=now - timedelta(days=days),
        ) | CheckoutPayment.objects.filter(
            status=CheckoutStatus.AWAITING_PAYMENT, payment_intent_id__isnull=False
        )
        for payment in candidates.distinct().order_by("pk"):
            try:
                intent = payments.payment_intent_retrieve(
                    intent_id=payment.payment_intent_id
                )
                result = checkout_fulfil(intent_id=intent.id, intent=intent)
            except payments.PaymentProviderError as error:
                counts["errors"] += 1
                self.stderr.write(f"checkout {payment.pk}: {error.message}")
                continue
            except FulfilmentPostponed as error:
                counts["postponed"] += 1
                self.stderr.write(f"checkout {payment.pk} postponed: {error}")
                continue
            if result.status == CheckoutStatus.PLACED:
                counts["placed"] += 1
            elif result.status in (
                CheckoutStatus.REFUNDED,
                CheckoutStatus.NEEDS_ATTENTION,
            ):
                counts["refunded"] += 1
            elif (
                result.status == CheckoutStatus.AWAITING_PAYMENT
                and result.expires_at <= now
            ):
                if intent.status == "processing":
                    self._alert_processing(result)
                    counts["waiting"] += 1
                    continue
                checkout_release(payment=result, reason="hold ran out")
                counts["released"] += 1
            else:
                counts["waiting"] += 1

    def _alert_processing(self, payment):
        alert_raise(
            kind=AlertKind.HOLD_EXPIRED_PAID,
            key=f"checkout:{payment.pk}:processing-after-hold",
            subject=f"Payment {payment.payment_intent_id} still processing",
            message=(
                f"The buyer {payment.email} paid {payment.amount} "
                f"{payment.currency}; the payment is still processing and the "
                "hold on the items ran out. If the items sell out before it "
                "succeeds, the payment is refunded automatically."
            ),
            link=reverse("payments_list"),
        )
