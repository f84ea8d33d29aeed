from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "market.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Signing in counts as a recent re-authentication.
        from . import reauth  # noqa: F401
