"""The buyer chooses the currency prices are shown (and charged) in."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .selectors import SESSION_KEY, RateUnavailable, rate_for


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_POST
def set_currency(request):
    """Store the chosen currency (form field `currency`) in the session and go
    back to `next`. An unknown currency, or one without a fresh rate, leaves the
    session as it was and says so."""
    currency = request.POST.get("currency", "")
    redirect = HttpResponseRedirect(_safe_next(request))
    if currency not in settings.MARKET_CURRENCIES:
        messages.error(request, _("This currency is not available."))
        return redirect
    try:
        rate_for(currency=currency)
    except RateUnavailable as error:
        messages.error(request, str(error.message))
        return redirect
    request.session[SESSION_KEY] = currency
    return redirect
