from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "market.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from . import receivers

        receivers.connect()
