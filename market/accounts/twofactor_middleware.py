"""The one rule of two-factor sign-in, asked on every request after the view
is resolved (so the shop, /cms/, Oscar's dashboard and every form obey it):

- a signed-in person with two-factor sign-in on, whose session has not given
  a code yet, can reach nothing but the code page and signing out: any other
  request (GET or POST) is sent to the code page, and nothing is done;
- staff, when MARKET_STAFF_REQUIRE_2FA is on, reach the staff areas (/cms/,
  /dashboard/) only with it on: without it they are sent to turn it on (the
  shop still works for them).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import twofactor

# Views a session waiting for its code may reach (namespace:name or name).
OPEN_VIEWS = {
    "accounts:twofactor-verify",
    "customer:logout",
    "wagtailadmin_logout",
    "dashboard:logout",
    "set_language",
    "javascript-catalog",
}
# Served without a person: webhooks, feeds for robots, static files.
OPEN_PATHS = re.compile(
    r"^/(stripe/|static/|media/|robots\.txt$|sitemap[^/]*\.xml$|favicon\.ico$)"
)
# The staff areas are the ones the staff Content-Security-Policy covers
# (settings.MARKET_CSP_STAFF_PATH: /cms/, and /dashboard/ in every language).
SETUP_VIEWS = {"accounts:twofactor", "customer:logout", "wagtailadmin_logout"}


def _name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def _to(name: str, request) -> object:
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse(name)}?{query}")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or OPEN_PATHS.match(request.path_info):
            return None
        if user.is_verified():
            return None
        name = _name(request)
        if twofactor.is_on(user):
            if name in OPEN_VIEWS:
                return None
            return _to("accounts:twofactor-verify", request)
        if (
            twofactor.staff_must_use(user)
            and re.match(settings.MARKET_CSP_STAFF_PATH, request.path_info)
            and name not in SETUP_VIEWS
        ):
            # The setup page says why (it shows staff who must use two-factor
            # sign-in a warning), once, however many admin requests came.
            return _to("accounts:twofactor", request)
        return None
