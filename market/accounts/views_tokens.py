"""A buyer's API tokens, under their account (the pages themselves are
market/api/views.py's)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy as _

from market.api import views as token_views


class _BuyerTokens(LoginRequiredMixin):
    list_url_name = "accounts:tokens"
    revoke_url_name = "accounts:token-revoke"
    page_title = _("API tokens")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title
        context["active_tab"] = "tokens"
        return context


class AccessTokenListView(_BuyerTokens, token_views.AccessTokenListView):
    template_name = "market/accounts/tokens.html"


class AccessTokenRevokeView(_BuyerTokens, token_views.AccessTokenRevokeView):
    template_name = "market/accounts/token_revoke.html"
    page_title = _("Revoke a token")
