from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The front page of one site (Creative Market or Kreativ Edu).

    Each Wagtail site has its own root HomePage, in Azerbaijani with English
    and Russian translations; staff compose it from blocks that pull live
    products and residents from the marketplace.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
