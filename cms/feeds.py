"""The RSS feed of a story index: its newest live stories, in the index's
own language (each translation of the index has its own feed)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 20


class StoryFeed(Feed):
    """RSS 2.0 of one StoryIndexPage, served by its `feed/` route as
    `StoryFeed(index_page)(request)`."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code
        self.request = None

    def get_object(self, request, *args, **kwargs):
        # The site comes from the request's hostname (two Wagtail sites share
        # one server), so full addresses are built from the request.
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.seo_title or index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return self.request.build_absolute_uri()

    def description(self, index_page):
        return index_page.description

    def items(self, index_page):
        return index_page.stories()[:FEED_LENGTH]

    def item_title(self, story):
        return story.title

    def item_link(self, story):
        return story.get_full_url(self.request)

    def item_description(self, story):
        return story.intro

    def item_pubdate(self, story):
        return datetime.combine(
            story.date, time(), tzinfo=timezone.get_default_timezone()
        )

    def item_categories(self, story):
        return [tag.name for tag in story.tags.all()]
