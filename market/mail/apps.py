from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "market.mail"
    label = "mail"
    verbose_name = _("E-mail outbox")
    default_auto_field = "django.db.models.BigAutoField"
