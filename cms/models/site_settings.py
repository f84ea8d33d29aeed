from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Per site (Creative Market, Kreativ Edu): logo, contact details, social
    links and the footer text in each language. Editable in Settings."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_text = models.TextField(_("footer text (Azerbaijani)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)
    footer_text_ru = models.TextField(_("footer text (Russian)"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("address (Azerbaijani)"), blank=True)
    address_en = models.TextField(_("address (English)"), blank=True)
    address_ru = models.TextField(_("address (Russian)"), blank=True)
    facebook = models.URLField("Facebook", blank=True)
    instagram = models.URLField("Instagram", blank=True)
    youtube = models.URLField("YouTube", blank=True)
    linkedin = models.URLField("LinkedIn", blank=True)
    telegram = models.URLField("Telegram", blank=True)

    panels = [
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("footer_text_en"),
                FieldPanel("footer_text_ru"),
            ],
            heading=_("Footer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("address_ru"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook"),
                FieldPanel("instagram"),
                FieldPanel("youtube"),
                FieldPanel("linkedin"),
                FieldPanel("telegram"),
            ],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def _in_language(self, field: str) -> str:
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        translated = getattr(self, f"{field}_{language}", "") if language else ""
        return translated or getattr(self, field)

    def footer(self) -> str:
        """The footer text in the visitor's language, or the original."""
        return self._in_language("footer_text")

    def contact_address(self) -> str:
        """The postal address in the visitor's language, or the original."""
        return self._in_language("address")

    def social_links(self) -> list[tuple[str, str]]:
        names = ["facebook", "instagram", "youtube", "linkedin", "telegram"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in names
            if getattr(self, name)
        ]
