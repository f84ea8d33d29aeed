from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from market.learning.forms import CourseCatalogueForm
from market.learning.selectors import (
    catalogue_regions,
    catalogue_topics,
    course_cards,
    course_catalogue,
    listed_course,
    with_course_state,
)

from ..blocks import BodyBlock
from ..choosers import course_chooser_viewset
from .base import SitePage

COURSES_PER_PAGE = 24


def course_page_urls(product_ids, request=None) -> dict[int, str]:
    """The Kreativ Edu page of each course, in the active language: its
    landing page, else the catalogue's own page of the course
    (`<course index>/<product id>/`). Two queries whatever the number of
    courses (the private sections, then the landing and catalogue pages at
    once); a URL on another host than the request's is a full one."""
    ids = list(product_ids)
    if not ids:
        return {}
    language = get_supported_content_language_variant(translation.get_language())
    private = Page.objects.all().private_q()
    pages = (
        Page.objects.live()
        .exclude(private)
        .filter(locale__language_code=language)
        .filter(
            Q(courselandingpage__product_id__in=ids)
            | Q(content_type=ContentType.objects.get_for_model(CourseIndexPage))
        )
        .annotate(course_product_id=F("courselandingpage__product_id"))
        .order_by("pk")
    )
    urls: dict[int, str] = {}
    catalogue = None
    for page in pages:
        if page.course_product_id is not None:
            urls.setdefault(page.course_product_id, page.get_url(request))
        elif catalogue is None or page.path < catalogue.path:
            catalogue = page
    missing = [pk for pk in ids if pk not in urls]
    if missing and catalogue is not None:
        base = catalogue.get_url(request)
        for pk in missing:
            urls[pk] = f"{base}{pk}/"
    return urls


class CourseIndexPage(RoutablePageMixin, SitePage):
    """Kreativ Edu's course catalogue: every listed course (not only those
    with a landing page), filtered by topic, language, level, place, price
    and dates, the courses open for enrolment first. A course without a
    landing page has its page here, at `<this page>/<product id>/`."""

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CourseLandingPage"]

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")

    @path("")
    def catalogue(self, request):
        form = CourseCatalogueForm(
            request.GET or None, topics=catalogue_topics(), regions=catalogue_regions()
        )
        if form.is_bound:
            form.is_valid()
        now = timezone.now()
        # Each course's state read with the page of courses, in its query.
        courses = Paginator(
            with_course_state(course_catalogue(form.filters(), now=now), now=now),
            COURSES_PER_PAGE,
        )
        courses_page = courses.get_page(request.GET.get("page") or 1)
        shown = list(courses_page.object_list)
        cards = course_cards(shown, now=now)
        urls = course_page_urls([course.product_id for course in shown], request)
        for course in shown:
            course.card = cards[course.product_id]
            course.url = urls.get(course.product_id, "")
        kept = request.GET.copy()
        kept.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "courses": courses_page,
                "course_list": shown,
                "filtered": form.is_bound and form.active(),
                "query_without_page": kept.urlencode(),
            },
        )

    @path("<int:product_id>/")
    def course(self, request, product_id):
        course = listed_course(product_id)
        if course is None:
            raise Http404
        landing = (
            CourseLandingPage.objects.live()
            .public()
            .filter(product_id=product_id, locale=self.locale)
            .order_by("pk")
            .first()
        )
        if landing is not None:
            return redirect(landing.get_url(request))
        return self.render(
            request,
            template="cms/course_landing_page.html",
            context_overrides={
                "product": course.product,
                "course": course,
                "course_url": request.path,
                "course_title": course.product.get_title(),
                "on_sale": True,
                "catalogue_page": self,
                "course_route": True,
            },
        )


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
        context = super().get_context(request, *args, **kwargs)
        # A course withdrawn from the shop offers no enrolment here either.
        course = listed_course(self.product_id)
        context["on_sale"] = course is not None
        context["course"] = course
        context["product"] = course.product if course is not None else self.product
        context["course_title"] = self.title
        # Where the learner comes back after enrolling: this page.
        context["course_url"] = request.path
        # Served through its catalogue, Wagtail's routing keeps the catalogue
        # (specific) as the parent: no query.
        context["catalogue_page"] = self.get_parent().specific
        return context
