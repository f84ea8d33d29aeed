"""Requests nobody acts on: the resident reminded once, the request closed
with a word to the buyer, quotes expired; running it twice mails once."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from market.mail.models import OutgoingEmail
from market.trade.models import Quote, QuoteRequest, QuoteRequestStatus, QuoteStatus
from market.trade.services import quotes_follow_up
from tests.market.trade.conftest import in_days


def _age(request, days: float) -> None:
    QuoteRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def _mails_to(address: str) -> list[str]:
    return list(
        OutgoingEmail.objects.filter(to=[address])
        .order_by("pk")
        .values_list("subject", flat=True)
    )


def test_a_fresh_request_is_left_alone(asked, settings):
    settings.MARKET_QUOTE_REMIND_DAYS, settings.MARKET_QUOTE_CLOSE_DAYS = 3, 7
    _age(asked, 2.9)

    assert quotes_follow_up() == {"closed": 0, "reminded": 0, "expired": 0}


def test_the_resident_is_reminded_once(asked, settings):
    settings.MARKET_QUOTE_REMIND_DAYS, settings.MARKET_QUOTE_CLOSE_DAYS = 3, 7
    _age(asked, 3.5)

    first = quotes_follow_up()
    second = quotes_follow_up()

    asked.refresh_from_db()
    assert (first, second) == (
        {"closed": 0, "reminded": 1, "expired": 0},
        {"closed": 0, "reminded": 0, "expired": 0},
    )
    assert asked.status == QuoteRequestStatus.OPEN
    assert asked.reminded_at is not None
    # In the resident's language (Azerbaijani, the default).
    assert _mails_to("owner@xalca.az") == [
        f"Təklif sorğusu {asked.number}, göndərən: Galerie Nord GmbH",
        f"Xatırlatma: {asked.number} təklif sorğusu cavabınızı gözləyir",
    ]
    assert "göndərildikdən 7 gün sonra bağlanır" in OutgoingEmail.objects.last().body


def test_an_unanswered_request_is_closed_and_the_buyer_told_once(asked, settings):
    settings.MARKET_QUOTE_REMIND_DAYS, settings.MARKET_QUOTE_CLOSE_DAYS = 3, 7
    _age(asked, 3.5)
    call_command("quotes_follow_up", stdout=StringIO())
    _age(asked, 7.5)

    out = StringIO()
    call_command("quotes_follow_up", stdout=out)
    call_command("quotes_follow_up", stdout=StringIO())

    asked.refresh_from_db()
    assert out.getvalue() == "reminded 0, closed 1, expired 0\n"
    assert (asked.status, asked.answered_at) == (QuoteRequestStatus.CLOSED, None)
    assert _mails_to("anna@galerie-nord.de") == [
        f"Your quote request {asked.number} was closed"
    ]


def test_an_answered_request_is_never_closed(quoted, settings):
    settings.MARKET_QUOTE_REMIND_DAYS, settings.MARKET_QUOTE_CLOSE_DAYS = 3, 7
    _age(quoted.request, 30)
    mails = OutgoingEmail.objects.count()

    assert quotes_follow_up() == {"closed": 0, "reminded": 0, "expired": 0}
    assert OutgoingEmail.objects.count() == mails


def test_a_quote_past_its_date_expires_once(accepted):
    Quote.objects.filter(pk=accepted.pk).update(valid_until=in_days(-1))

    first = quotes_follow_up()
    second = quotes_follow_up()

    accepted.refresh_from_db()
    accepted.request.refresh_from_db()
    assert (first["expired"], second["expired"]) == (1, 0)
    assert (accepted.status, accepted.request.status) == (
        QuoteStatus.EXPIRED,
        QuoteRequestStatus.EXPIRED,
    )
    assert _mails_to("anna@galerie-nord.de")[-1] == (
        f"The quote for {accepted.request.number} has expired"
    )


def test_a_quote_valid_today_does_not_expire(accepted):
    Quote.objects.filter(pk=accepted.pk).update(valid_until=in_days(0))

    assert quotes_follow_up()["expired"] == 0
