from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from market.residents.models import Programme
from market.residents.selectors import public_residents

from ..blocks import BodyBlock, CohortBlock
from .base import SitePage

PROGRAMME_CHOICES = [
    (Programme.MUSIC, Programme.MUSIC.label),
    (Programme.GAMETECH, Programme.GAMETECH.label),
    (Programme.CULTECH, Programme.CULTECH.label),
]


class ProgrammePage(SitePage):
    """One incubation programme (Music, Gametech, Cultech): what it is, its
    cohorts, and its residents, pulled live from the marketplace (approved
    residents of the programme, linking to their shops)."""

    programme = models.CharField(
        _("programme"), max_length=20, choices=PROGRAMME_CHOICES
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    cohorts = StreamField(
        [("cohort", CohortBlock())], blank=True, verbose_name=_("cohorts")
    )

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("programme"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("cohorts"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("body"),
        index.FilterField("programme"),
    ]
    api_fields = [*SitePage.api_fields, APIField("programme")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("programme page")
        verbose_name_plural = _("programme pages")

    def residents(self):
        return (
            public_residents().filter(programme=self.programme).order_by("display_name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["residents"] = self.residents()
        return context
