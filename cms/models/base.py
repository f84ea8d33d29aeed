"""What every page of both sites has: an introduction and a share image for
Open Graph, and the helpers templates use."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class SitePage(Page):
    """Abstract base of our pages: an introduction (also the description for
    search engines and link previews) and an optional share image."""

    intro = models.TextField(_("introduction"), blank=True)
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image for link previews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # What the content API (/api/content/v2/) shows beyond Wagtail's own.
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True

    @property
    def description(self) -> str:
        return self.search_description or self.intro

    def og_image(self):
        return self.share_image
