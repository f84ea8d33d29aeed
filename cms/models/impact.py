from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from market.impact.figures import public_figures
from market.impact.tables import SUPPRESSED

from ..blocks import BodyBlock
from .base import SitePage

FIGURE_CHOICES = [
    ("residents", _("Residents")),
    ("startups", _("Start-ups")),
    ("products_abroad", _("Products sold abroad")),
    ("countries", _("Countries reached")),
    ("learners", _("Learners")),
    ("regions", _("Regions reached")),
    ("certificates", _("Certificates")),
]
# The figures are computed at most once an hour per language.
FIGURES_SECONDS = 3600


def figures_now() -> dict:
    """The public figures in the active language, as plain data, with the
    moment they were computed: cached an hour per language."""

    def compute() -> dict:
        return {
            "as_of": timezone.now(),
            "figures": {
                figure.key: {
                    "label": str(figure.label),
                    "value": None if figure.value is SUPPRESSED else figure.value,
                    "definition": str(figure.definition),
                }
                for figure in public_figures()
            },
        }

    return cache.get_or_set(
        f"impact:public-figures:v1:{get_language()}", compute, FIGURES_SECONDS
    )


class ImpactPage(SitePage):
    """The Centre's achievements in a few live figures (residents, start-ups,
    products sold abroad, countries and regions reached, learners,
    certificates), each with its definition. Editors choose the figures and
    their order; the numbers come from market.impact, refreshed hourly, with
    any count of learners under 5 shown as "fewer than 5"."""

    figures = StreamField(
        [("figure", blocks.ChoiceBlock(choices=FIGURE_CHOICES, label=_("Figure")))],
        blank=True,
        verbose_name=_("figures to show"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("figures"),
        FieldPanel("body"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("impact page")
        verbose_name_plural = _("impact pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        current = figures_now()
        context["figures_as_of"] = current["as_of"]
        context["shown_figures"] = [
            current["figures"][block.value]
            for block in self.figures
            if block.value in current["figures"]
        ]
        return context
