"""Sign-in lock-outs inside the Wagtail admin (/cms/lockouts/): which
addresses and IPs are locked out after too many failed sign-ins, until when,
and a button to unlock one now (market/accounts/lockout.py)."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services, twofactor
from .lockout import cool_off
from .models import User

PERMISSION = "axes.delete_accessattempt"
SHOWN = 200


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _rows(field: str, since) -> list[dict]:
    """Failures since the cool-off began, per address or per IP, most first:
    each with whether it is locked now and until when."""
    limit = settings.MARKET_LOCKOUT_FAILURES
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since).exclude(
        **{f"{field}__isnull": True}
    )
    if field == "username":  # an IP column takes no "" in a query
        attempts = attempts.exclude(username="")
    rows = (
        attempts.values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-failures", field)[:SHOWN]
    )
    return [
        {
            "value": row[field],
            "failures": row["failures"],
            "last": row["last"],
            "locked": row["failures"] >= limit,
            "until": row["last"] + cool_off(),
        }
        for row in rows
    ]


def lockout_list(request):
    _check(request)
    since = timezone.now() - cool_off()
    return TemplateResponse(
        request,
        "market/accounts/admin/lockouts.html",
        {
            "addresses": _rows("username", since),
            "ips": _rows("ip_address", since),
            "limit": settings.MARKET_LOCKOUT_FAILURES,
            "minutes": settings.MARKET_LOCKOUT_COOLOFF_MINUTES,
        },
    )


@require_POST
def lockout_unlock(request):
    """Forget the failures of one address or one IP (a POST from the list)."""
    _check(request)
    username = request.POST.get("username", "").strip()
    ip = request.POST.get("ip_address", "").strip()
    if bool(username) == bool(ip):
        messages.error(request, _("Choose one address or one IP address to unlock."))
        return redirect("account_lockouts")
    if username:
        removed = reset(username=username)
        shown = username
    else:
        removed = reset(ip=ip)
        shown = ip
    if removed:
        messages.success(request, _("%(who)s can sign in again.") % {"who": shown})
    else:
        messages.error(request, _("%(who)s was not locked out.") % {"who": shown})
    return redirect("account_lockouts")


@require_POST
def two_factor_reset(request):
    """A superuser turns off someone's two-factor sign-in (a lost phone and
    lost backup codes): they set it up again at their next sign-in, and are
    told by e-mail."""
    if not request.user.is_superuser:
        raise PermissionDenied
    email = request.POST.get("email", "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None:
        messages.error(request, _("No account has this address."))
    elif not twofactor.is_on(user):
        messages.error(
            request,
            _("%(email)s does not use two-factor sign-in.") % {"email": user.email},
        )
    else:
        twofactor.turn_off(user=user)
        services.two_factor_reset_mail(user=user)
        messages.success(
            request,
            _(
                "Two-factor sign-in of %(email)s is off; they set it up again at "
                "their next sign-in."
            )
            % {"email": user.email},
        )
    return redirect("account_lockouts")
