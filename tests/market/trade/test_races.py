"""Races on PostgreSQL, each side in its own connection: a quote accepted
twice at once (two tabs, a double click) is accepted once and the resident
told once; a buyer accepting while the resident sends a new quote ends with
one live quote; the follow-up job run twice at once mails once."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from market.mail.models import OutgoingEmail
from market.trade import services
from market.trade.models import (
    Quote,
    QuoteRequest,
    QuoteRequestStatus,
    QuoteStatus,
)
from market.trade.services import QuoteRefused
from tests.market.trade.conftest import offer
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def test_a_quote_accepted_twice_at_once_is_accepted_once(quoted, business_buyer):
    mails = OutgoingEmail.objects.count()

    def accept():
        # A thread starts in the default language (Azerbaijani).
        with translation.override("en"):
            return services.quote_accept(quote=quoted, by=business_buyer).status

    outcomes = run_together([accept, accept])

    accepted = [o for o in outcomes if o == QuoteStatus.ACCEPTED]
    refused = [o for o in outcomes if isinstance(o, QuoteRefused)]
    assert (len(accepted), len(refused)) == (1, 1), outcomes
    assert refused[0].message == "You have already accepted this quote."
    quoted.refresh_from_db()
    assert quoted.status == QuoteStatus.ACCEPTED
    assert QuoteRequest.objects.get().status == QuoteRequestStatus.ACCEPTED
    assert OutgoingEmail.objects.count() == mails + 1


def test_accepting_while_a_new_quote_is_sent_leaves_one_live_quote(
    quoted, business_buyer, owner
):
    def accept():
        return services.quote_accept(quote=quoted, by=business_buyer)

    def requote():
        return offer(quoted.request, owner, price="23.00")

    outcomes = run_together([accept, requote])

    live = Quote.objects.filter(status__in=(QuoteStatus.OFFERED, QuoteStatus.ACCEPTED))
    assert live.count() == 1, outcomes
    assert sum(isinstance(o, QuoteRefused) for o in outcomes) == 1, outcomes
    request = QuoteRequest.objects.get()
    if live.get().status == QuoteStatus.ACCEPTED:
        assert (live.get().pk, request.status) == (
            quoted.pk,
            QuoteRequestStatus.ACCEPTED,
        )
    else:
        assert request.status == QuoteRequestStatus.QUOTED


def test_the_follow_up_run_twice_at_once_mails_once(asked, settings):
    settings.MARKET_QUOTE_REMIND_DAYS, settings.MARKET_QUOTE_CLOSE_DAYS = 3, 7
    QuoteRequest.objects.filter(pk=asked.pk).update(
        created_at=timezone.now() - timedelta(days=4)
    )
    mails = OutgoingEmail.objects.count()

    outcomes = run_together([services.quotes_follow_up, services.quotes_follow_up])

    assert sorted(o["reminded"] for o in outcomes) == [0, 1], outcomes
    assert OutgoingEmail.objects.count() == mails + 1


@pytest.mark.usefixtures("rates", "stripe_settings")
def test_a_balance_recorded_three_times_at_once_is_recorded_once(
    business_buyer, resident, owner, scarves
):
    """The webhook, the return page and the reconciliation job at once."""
    from checkout.models import BalancePayment, BalanceStatus
    from checkout.services.balance import balance_fulfil, balance_intent_ensure
    from market.payments import client as payments
    from market.payouts.models import EntryKind, LedgerEntry
    from market.payouts.selectors import order_ledger_sum
    from tests.market.trade.test_deposits import _deposit_paid, deposit_quote_for
    from tests.stripe_fixtures import ensure_countries

    ensure_countries()
    with translation.override("en"):
        quote = deposit_quote_for(business_buyer, resident, owner, scarves)
        payment = _deposit_paid(quote, business_buyer)
    balance = balance_intent_ensure(
        balance=BalancePayment.objects.get(), user=business_buyer
    )
    payments.payment_intent_confirm(
        intent_id=balance.payment_intent_id,
        payment_method="pm_card_visa",
        idempotency_key="race-balance",
    )
    mails = OutgoingEmail.objects.count()

    def record():
        return balance_fulfil(intent_id=balance.payment_intent_id).status

    outcomes = run_together([record, record, record])

    assert outcomes == [BalanceStatus.PAID] * 3
    order = payment.order
    assert (
        LedgerEntry.objects.filter(order=order, kind=EntryKind.BALANCE_PAID).count()
        == 2
    )
    assert order_ledger_sum(order=order) == quote.total()
    assert order.payment_events.filter(event_type__code="balance-paid").count() == 1
    assert OutgoingEmail.objects.count() == mails + 1
