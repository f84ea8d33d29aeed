"""Recent re-authentication: changing where a resident's money goes, or the
account's address or password, needs the password typed within the last
MARKET_REAUTH_MINUTES (a session left open on a shared computer, or a stolen
session cookie, cannot do it). Signing in counts; so does the "confirm your
password" page (accounts:reauth), which is counted by the sign-in lock-out
like every sign-in form."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "market_authenticated_at"


def mark_authenticated(request) -> None:
    request.session[SESSION_KEY] = int(time.time())


def recently_authenticated(request) -> bool:
    moment = request.session.get(SESSION_KEY)
    if not isinstance(moment, int):
        return False
    return 0 <= time.time() - moment <= settings.MARKET_REAUTH_MINUTES * 60


@receiver(user_logged_in, dispatch_uid="market.accounts.reauth")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        mark_authenticated(request)


def reauth_redirect(request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:reauth')}?{query}")


class RecentAuthenticationRequiredMixin:
    """For views that change money destinations, addresses or passwords:
    a signed-in person whose password was not typed recently is sent to type
    it again, then brought back (GET and POST alike: nothing is changed)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not recently_authenticated(request):
            return reauth_redirect(request)
        return super().dispatch(request, *args, **kwargs)
