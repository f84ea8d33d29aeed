"""Bring checkouts in line with Stripe: place paid ones whose webhook or
return page never came, and release holds that ran out. Run it every few
minutes (cron); it is safe to run any number of times, concurrently too."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from checkout.models import CheckoutPayment, CheckoutStatus
from checkout.services import checkout_fulfil, checkout_release
from market.payments import client as payments


class Command(BaseCommand):
    help = "Place paid checkouts and release expired holds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="Look at released checkouts this many days back (default 7).",
        )

    def handle(self, *args, days, **options):
        if not payments.is_configured():
            self.stdout.write("Payments are not configured: nothing to reconcile.")
            return
        now = timezone.now()
        counts = {"placed": 0, "refunded": 0, "released": 0, "waiting": 0, "errors": 0}
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
                result = checkout_fulfil(intent_id=payment.payment_intent_id)
            except payments.PaymentProviderError as error:
                counts["errors"] += 1
                self.stderr.write(f"checkout {payment.pk}: {error.message}")
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
                checkout_release(payment=result, reason="hold ran out")
                counts["released"] += 1
            else:
                counts["waiting"] += 1
        # Holds without a PaymentIntent (Stripe was unreachable) run out too.
        for payment in CheckoutPayment.objects.filter(
            status=CheckoutStatus.AWAITING_PAYMENT,
            payment_intent_id__isnull=True,
            expires_at__lte=now,
        ):
            checkout_release(payment=payment, reason="hold ran out")
            counts["released"] += 1
        self.stdout.write(
            "placed {placed}, refunded {refunded}, released {released}, "
            "still waiting {waiting}, errors {errors}".format(**counts)
        )
        if counts["errors"]:
            raise SystemExit(1)
