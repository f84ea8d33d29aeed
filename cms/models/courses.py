from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from ..choosers import course_chooser_viewset
from .base import SitePage


class CourseIndexPage(SitePage):
    """Kreativ Edu's course catalogue: its course landing pages, the next
    to start first."""

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CourseLandingPage"]

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_pages_in_order

        context = super().get_context(request, *args, **kwargs)
        context["course_pages"] = course_pages_in_order(
            CourseLandingPage.objects.live().public().child_of(self)
        )
        return context


class CourseLandingPage(SitePage):
    """A course of Kreativ Edu, presented for learners: the story of the
    course by the Centre's editors, with the live facts of its product
    (sessions, seats left, price or free) and the way to enrol."""

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="landing_pages",
        limit_choices_to={"product_class__slug": "course"},
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("product", widget=course_chooser_viewset.widget_class),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]

    parent_page_types = ["cms.CourseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("course landing page")
        verbose_name_plural = _("course landing pages")

    def get_context(self, request, *args, **kwargs):
        from market.residents.selectors import public_products

        context = super().get_context(request, *args, **kwargs)
        # A course withdrawn from the shop offers no enrolment here either.
        context["on_sale"] = public_products().filter(pk=self.product_id).exists()
        return context
