from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from .base import SitePage


class HomePage(SitePage):
    """The front page of one site (Creative Market or Kreativ Edu).

    Each Wagtail site has its own root HomePage, in Azerbaijani with English
    and Russian translations (wagtail-localize); staff compose it from blocks
    that pull live products, residents, courses and events, and it shows the
    Centre's partner organisations.
    """

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ProgrammePage",
        "cms.StoryIndexPage",
        "cms.EventIndexPage",
        "cms.CourseIndexPage",
        "cms.StudioIndexPage",
        "cms.StandardPage",
        "cms.ContactPage",
        "cms.ImpactPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from .partners import PartnerOrganisation

        context = super().get_context(request, *args, **kwargs)
        context["partners"] = PartnerOrganisation.objects.filter(
            locale=self.locale, show_on_home=True
        ).select_related("logo")
        return context
