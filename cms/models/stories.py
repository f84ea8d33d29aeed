from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from .base import SitePage
from .programmes import PROGRAMME_CHOICES

STORIES_PER_PAGE = 10


class StoryIndexPage(RoutablePageMixin, SitePage):
    """News and stories of the Centre: the newest first, filtered by
    programme (?programme=music) and tag (?tag=...), ten a page, with an RSS
    feed at feed/ (one per language)."""

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("story index")
        verbose_name_plural = _("story indexes")

    def stories(self):
        return (
            StoryPage.objects.live()
            .public()
            .child_of(self)
            .filter(date__lte=timezone.localdate())
            .select_related("share_image")
            .prefetch_related("tags")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def filtered_stories(self, request):
        stories = self.stories()
        programme = request.GET.get("programme", "")
        tag = request.GET.get("tag", "")
        if programme in dict(PROGRAMME_CHOICES):
            stories = stories.filter(programme=programme)
        else:
            programme = ""
        if tag:
            stories = stories.filter(tags__slug=tag).distinct()
        return stories, programme, tag

    @path("")
    def index(self, request):
        stories, programme, tag = self.filtered_stories(request)
        paginator = Paginator(stories, STORIES_PER_PAGE)
        page_number = request.GET.get("page") or 1
        stories_page = paginator.get_page(page_number)
        return self.render(
            request,
            context_overrides={
                "stories": stories_page,
                "programme": programme,
                "tag": tag,
                "programmes": PROGRAMME_CHOICES,
                "tags": StoryPage.tags.most_common().filter(
                    storypage__in=self.stories()
                )[:20],
            },
        )

    @path("feed/")
    def feed(self, request):
        from ..feeds import StoryFeed

        return StoryFeed(self)(request)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryPage(SitePage):
    """A story or a piece of news. Editors write it; a reviewer approves it
    (the "Story review" workflow) before it goes live, now or at the time set
    under "Go-live date"."""

    date = models.DateField(_("date"), default=timezone.localdate)
    programme = models.CharField(
        _("programme"), max_length=20, choices=PROGRAMME_CHOICES, blank=True
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("date"),
        FieldPanel("programme"),
        FieldPanel("tags"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("body"),
        index.FilterField("programme"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
