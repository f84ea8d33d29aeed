from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import renditions
        from .receivers import forget_centre_links

        renditions.install()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_centre_links, dispatch_uid="cms-centre-links")
        post_delete.connect(
            forget_centre_links, sender=Page, dispatch_uid="cms-centre-links-page"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                forget_centre_links, sender=Site, dispatch_uid="cms-centre-links-site"
            )
