"""Who calls: a personal access token sent as `Authorization: Bearer <token>`.

`BuyerToken(scope)` and `ResidentToken(scope)` are ninja auth classes, one
instance per endpoint naming the scope it needs. An unknown, revoked or
expired token is a 401 problem; a token of the wrong kind, or without the
scope, a 403 problem naming what is missing. A resident token asks the one
rule "may this resident act now" on every request. The token itself is never
logged: only its row's id reaches request.auth."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from market.residents.selectors import resident_may_act

from .models import AccessToken
from .problems import ApiRefusal
from .selectors import token_find
from .services import access_token_touch


def _forbidden(detail) -> ApiRefusal:
    return ApiRefusal(detail, status=403, type="forbidden", title=_("Not allowed."))


class _TokenAuth(HttpBearer):
    resident_token = False

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str) -> AccessToken | None:
        row = token_find(token)
        now = timezone.now()
        if row is None or not row.is_live(now) or not row.user.is_active:
            return None
        if row.is_resident_token != self.resident_token:
            raise _forbidden(
                _("This endpoint needs a token made in your shop dashboard.")
                if self.resident_token
                else _("This endpoint needs a token made under your buyer account.")
            )
        if row.is_resident_token:
            resident = row.resident
            if not resident_may_act(resident):
                raise _forbidden(
                    _("The shop this token acts for is not open: it can do nothing.")
                )
            if not resident.partner.users.filter(pk=row.user_id).exists():
                raise _forbidden(_("You are no longer one of the people of this shop."))
        if self.scope not in row.scopes:
            raise _forbidden(
                _("This token lacks the scope “%(scope)s”.") % {"scope": self.scope}
            )
        access_token_touch(token=row, now=now)
        return row


class BuyerToken(_TokenAuth):
    """A token made under a buyer's account; it acts for its user."""

    resident_token = False


class ResidentToken(_TokenAuth):
    """A token made in the shop dashboard; it acts for its resident."""

    resident_token = True
