"""Personal access tokens of the open API.

A token is shown once, when it is made; only its SHA-256 hash and a short
public prefix (to find the row and to tell tokens apart in lists) are kept."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessToken(models.Model):
    """A personal access token: it acts for its user as a buyer, or, when it
    has a resident, for that resident (and only while the user is still one
    of the resident's people and the resident may act)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_tokens",
        verbose_name=_("user"),
    )
    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_tokens",
        verbose_name=_("resident"),
    )
    name = models.CharField(_("name"), max_length=100)
    scopes = models.JSONField(_("scopes"), default=list)
    # `cm_<prefix>_<secret>`: the prefix finds the row, the hash proves it.
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"cm_{self.prefix}_… ({self.name})"

    @property
    def is_resident_token(self) -> bool:
        return self.resident_id is not None

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > now
        )


def live_tokens_q(now) -> Q:
    """Tokens neither revoked nor expired at `now`."""
    return Q(revoked_at__isnull=True) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
