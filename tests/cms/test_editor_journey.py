"""What a member of the Centre's staff does, through the admin's own
screens: write a story in Azerbaijani, have it translated into English with
wagtail-localize (the strings typed in its editor), schedule it, and see both
versions appear on the site when their time comes."""

import datetime
import html
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation

from cms.models import HomePage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

HOST = "market.localhost:8000"
ENGLISH = {
    "Gənc bəstəkarlar festivalı": "Young composers' festival",
    "Mərkəzin rezidentləri səhnədə.": "The Centre's residents on stage.",
    "Üç gün, on iki ifa.": "Three days, twelve performances.",
}


@pytest.fixture
def index(sites):
    home = HomePage.objects.get(slug="market", locale__language_code="az")
    index = StoryIndexPage(title="Xəbərlər", slug="xeberler")
    home.add_child(instance=index)
    index.save_revision().publish()
    english = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "News", "news"
    english.save_revision().publish()
    return index


def _titles(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    return [story.title for story in response.context["stories"]]


def test_write_translate_schedule_and_see_the_story_appear(
    client, staff, index, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    go_live = timezone.localtime() + datetime.timedelta(hours=2)

    # 1. A story in Azerbaijani, with a go-live time, published: scheduled.
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "storypage", index.pk]),
        nested_form_data(
            {
                "title": "Gənc bəstəkarlar festivalı",
                "slug": "festival",
                "date": timezone.localdate().isoformat(),
                "programme": "music",
                "tags": "festival",
                "intro": "Mərkəzin rezidentləri səhnədə.",
                "body": streamfield(
                    [("rich_text", rich_text("<p>Üç gün, on iki ifa.</p>"))]
                ),
                "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(slug="festival", locale__language_code="az")
    assert story.live is False
    assert story.get_latest_revision().approved_go_live_at is not None

    # 2. Translated into English with wagtail-localize: the editor's strings.
    english_locale = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[story.pk]),
        {"locales": [english_locale.pk]},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=story.translation_key, target_locale=english_locale
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        if segment.string.data in ENGLISH:
            response = client.put(
                reverse(
                    "wagtail_localize:edit_string_translation",
                    args=[translation.pk, segment.pk],
                ),
                urlencode({"value": ENGLISH[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201)
    english = story.get_translation(english_locale)
    # wagtail-localize publishes when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[english.pk]),
            {"action": "publish"},
        )
    assert response.status_code == 302

    # 3. Nothing shows before the time comes, in either language.
    english.refresh_from_db()
    assert (story.live, english.live) == (False, False)
    assert english.get_latest_revision().approved_go_live_at is not None
    assert _titles(client, "/xeberler/") == []
    assert _titles(client, "/en/news/") == []

    # 4. The scheduler runs after the go-live time: both appear.
    with mock.patch(
        "django.utils.timezone.now",
        return_value=go_live + datetime.timedelta(minutes=1),
    ):
        call_command("publish_scheduled", verbosity=0)

    assert _titles(client, "/xeberler/") == ["Gənc bəstəkarlar festivalı"]
    assert _titles(client, "/en/news/") == ["Young composers' festival"]
    page = client.get("/en/news/festival/", HTTP_HOST=HOST)
    assert page.status_code == 200
    content = html.unescape(page.content.decode())
    assert "The Centre's residents on stage." in content
    assert "Three days, twelve performances." in content
