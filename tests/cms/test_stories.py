"""News and stories: staff write them in the admin, a reviewer approves them
("Story review" workflow), they go live now or when scheduled, and visitors
read them in three languages, filtered by programme and tag, ten a page, or
through each language's RSS feed."""

import datetime
import re
from unittest import mock

import pytest
from defusedxml.ElementTree import fromstring
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage, StoryIndexPage, StoryPage
from cms.workflows import story_review_workflow_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOST = "market.localhost:8000"
TODAY = datetime.date(2025, 3, 8)


def without_block_keys(html: str) -> str:
    # Draftail gives each paragraph a random key.
    return re.sub(r' data-block-key="[^"]*"', "", html)


def market_home() -> HomePage:
    """Creative Market's home page in Azerbaijani, the source language."""
    return HomePage.objects.get(slug="market", locale__language_code="az")


def admin_create(client, parent, model, data: dict, action: str = "action-publish"):
    """Post Wagtail's "add page" form as an editor would (publish, or
    `action-submit` to submit for moderation), following the redirect."""
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    return client.post(url, {**data, action: action}, follow=True)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language: str, **fields):
    """The page's translation into `language` (its parent must be translated
    already), with its own fields, published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def add_story(index, title: str, slug: str, *, tags=(), **fields) -> StoryPage:
    fields.setdefault("date", timezone.localdate())
    story = StoryPage(title=title, slug=slug, **fields)
    story.tags.add(*tags)
    index.add_child(instance=story)
    return publish(story)


def titles(response) -> list[str]:
    return [story.title for story in response.context["stories"]]


def story_form(**fields) -> dict:
    """The admin form of a story, as posted."""
    data = {
        "title": "Gənc bəstəkarlar festivalı",
        "slug": "festival",
        "date": "2025-03-08",
        "programme": "music",
        "tags": "festival, konsert",
        "intro": "Mərkəzin rezidentləri səhnədə.",
        "body": streamfield([("rich_text", rich_text("<p>Üç gün, on iki ifa.</p>"))]),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def news(sites):
    """The market's story index, in Azerbaijani."""
    index = StoryIndexPage(
        title="Xəbərlər", slug="xeberler", intro="Mərkəzin xəbərləri."
    )
    market_home().add_child(instance=index)
    return publish(index)


@pytest.fixture
def filtered_stories(news):
    """Four stories across programmes and tags, newest first by date."""
    today = timezone.localdate()
    add_story(
        news,
        "Musiqi festivalı",
        "musiqi-festivali",
        programme="music",
        tags=["festival"],
        date=today,
    )
    add_story(
        news,
        "Oyun cemi",
        "oyun-cemi",
        programme="gametech",
        tags=["festival", "oyun"],
        date=today - datetime.timedelta(days=1),
    )
    add_story(
        news,
        "Studiya açıldı",
        "studiya",
        programme="music",
        tags=["studiya"],
        date=today - datetime.timedelta(days=2),
    )
    add_story(
        news,
        "Muzey gecəsi",
        "muzey-gecesi",
        programme="cultech",
        date=today - datetime.timedelta(days=3),
    )
    return news


def test_staff_create_a_story_index_under_a_home_page(client, staff, sites):
    client.force_login(staff)
    home = market_home()

    response = admin_create(
        client,
        home,
        StoryIndexPage,
        {"title": "Hekayələr", "slug": "hekayeler", "intro": "Rezidentlərdən."},
    )

    assert response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[home.pk]), 302)
    ]
    index = StoryIndexPage.objects.get(slug="hekayeler")
    assert index.get_parent().pk == home.pk
    assert (index.title, index.intro, index.live) == (
        "Hekayələr",
        "Rezidentlərdən.",
        True,
    )
    assert index.locale.language_code == "az"


def test_staff_create_a_story_with_tags_and_a_body(client, staff, news):
    client.force_login(staff)

    response = admin_create(client, news, StoryPage, story_form())

    assert response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[news.pk]), 302)
    ]
    story = StoryPage.objects.get(slug="festival")
    assert story.get_parent().pk == news.pk
    assert story.live is True
    assert story.title == "Gənc bəstəkarlar festivalı"
    assert story.date == datetime.date(2025, 3, 8)
    assert story.programme == "music"
    assert story.intro == "Mərkəzin rezidentləri səhnədə."
    assert sorted(tag.name for tag in story.tags.all()) == ["festival", "konsert"]
    assert [block.block_type for block in story.body] == ["rich_text"]
    assert without_block_keys(story.body[0].value.source) == (
        "<p>Üç gün, on iki ifa.</p>"
    )


def test_where_story_pages_go():
    assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert StoryPage.allowed_subpage_models() == []


@pytest.fixture
def translated_story(news):
    story = add_story(
        news, "Festival başladı", "festival", date=TODAY, programme="music"
    )
    en_news = translate(news, "en", title="News", slug="news")
    ru_news = translate(news, "ru", title="Новости", slug="novosti")
    translate(story, "en", title="The festival has begun")
    translate(story, "ru", title="Фестиваль начался")
    return {"az": news, "en": en_news, "ru": ru_news}


@pytest.mark.parametrize(
    ("language", "path", "title", "story_title"),
    [
        ("az", "/xeberler/", "Xəbərlər", "Festival başladı"),
        ("en", "/en/news/", "News", "The festival has begun"),
        ("ru", "/ru/novosti/", "Новости", "Фестиваль начался"),
    ],
)
def test_the_story_index_is_served_in_each_language(
    client, translated_story, language, path, title, story_title
):
    response = client.get(path, HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.context["page"].title == title
    assert response.context["page"].locale.language_code == language
    assert titles(response) == [story_title]
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        f'title="{title}" href="{path}feed/">'
    ) in html


@pytest.mark.parametrize(
    ("language", "path", "title", "date", "programme"),
    [
        ("az", "/xeberler/festival/", "Festival başladı", "8 mart 2025", "Musiqi"),
        (
            "en",
            "/en/news/festival/",
            "The festival has begun",
            "8 March 2025",
            "Music",
        ),
        (
            "ru",
            "/ru/novosti/festival/",
            "Фестиваль начался",
            "8 марта 2025 г.",
            "Музыка",
        ),
    ],
)
def test_a_story_is_served_in_each_language(
    client, translated_story, language, path, title, date, programme
):
    response = client.get(path, HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.context["page"].title == title
    assert response.context["page"].locale.language_code == language
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<time datetime="2025-03-08">{date}</time>' in html
    assert f'<span class="story-programme">{programme}</span>' in html


def test_a_story_shows_its_programme_tags_body_and_image(client, news):
    image = Image.objects.create(title="Səhnə", file=get_test_image_file())
    add_story(
        news,
        "Festival başladı",
        "festival",
        date=TODAY,
        programme="music",
        intro="Üç gün musiqi.",
        tags=["festival", "konsert"],
        body=[("rich_text", "<p>On iki ifaçı.</p>")],
        share_image=image,
    )

    response = client.get("/xeberler/festival/", HTTP_HOST=HOST)

    html = response.content.decode()
    assert '<span class="story-programme">Musiqi</span>' in html
    assert '<p class="lead story-intro">Üç gün musiqi.</p>' in html
    assert "<p>On iki ifaçı.</p>" in html
    assert 'href="/xeberler/?tag=festival">#festival</a>' in html
    assert 'href="/xeberler/?tag=konsert">#konsert</a>' in html
    # A responsive picture: WebP with a JPEG fallback.
    assert '<figure class="story-image mb-4"><picture><source ' in html


def test_the_index_filters_by_programme(client, filtered_stories):
    response = client.get("/xeberler/?programme=music", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert titles(response) == ["Musiqi festivalı", "Studiya açıldı"]
    assert response.context["programme"] == "music"


def test_the_index_filters_by_tag(client, filtered_stories):
    response = client.get("/xeberler/?tag=festival", HTTP_HOST=HOST)

    assert titles(response) == ["Musiqi festivalı", "Oyun cemi"]
    assert response.context["tag"] == "festival"


def test_the_index_filters_by_programme_and_tag_together(client, filtered_stories):
    response = client.get("/xeberler/?tag=festival&programme=gametech", HTTP_HOST=HOST)

    assert titles(response) == ["Oyun cemi"]


def test_an_unknown_programme_is_ignored(client, filtered_stories):
    response = client.get("/xeberler/?programme=nonsense", HTTP_HOST=HOST)

    assert titles(response) == [
        "Musiqi festivalı",
        "Oyun cemi",
        "Studiya açıldı",
        "Muzey gecəsi",
    ]
    assert response.context["programme"] == ""


def test_changing_one_filter_keeps_the_other(client, filtered_stories):
    response = client.get("/xeberler/?tag=festival&programme=music", HTTP_HOST=HOST)

    html = response.content.decode()
    # Programme links keep the tag; tag links keep the programme.
    assert 'href="?tag=festival&amp;programme=gametech"' in html
    assert 'href="?tag=festival"' in html  # all programmes
    assert 'href="?tag=oyun&amp;programme=music"' in html
    assert 'href="?programme=music"' in html  # all tags


def test_the_index_offers_the_tags_in_use(client, filtered_stories):
    response = client.get("/xeberler/", HTTP_HOST=HOST)

    assert sorted(tag.slug for tag in response.context["tags"]) == [
        "festival",
        "oyun",
        "studiya",
    ]


def test_nothing_matches_says_so(client, filtered_stories):
    response = client.get("/xeberler/?tag=yoxdur", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert titles(response) == []
    assert '<p class="story-list-empty">' in response.content.decode()


def test_ten_stories_a_page_and_the_filters_are_kept(client, news):
    today = timezone.localdate()
    for number in range(11):
        add_story(
            news,
            f"Hekayə {number}",
            f"hekaye-{number}",
            programme="music",
            date=today - datetime.timedelta(days=number),
        )
    add_story(news, "Başqa proqram", "basqa", programme="cultech", date=today)

    first = client.get("/xeberler/?programme=music", HTTP_HOST=HOST)
    second = client.get("/xeberler/?programme=music&page=2", HTTP_HOST=HOST)

    assert titles(first) == [f"Hekayə {number}" for number in range(10)]
    assert 'href="?programme=music&amp;page=2"' in first.content.decode()
    assert titles(second) == ["Hekayə 10"]
    assert 'href="?programme=music&amp;page=1"' in second.content.decode()


def test_stories_dated_in_the_future_are_not_listed(client, news):
    today = timezone.localdate()
    add_story(news, "Bu gün", "bu-gun", date=today)
    add_story(news, "Sabah", "sabah", date=today + datetime.timedelta(days=1))

    response = client.get("/xeberler/", HTTP_HOST=HOST)
    feed = client.get("/xeberler/feed/", HTTP_HOST=HOST)

    assert titles(response) == ["Bu gün"]
    assert [item.findtext("title") for item in items(feed)] == ["Bu gün"]


def items(feed_response):
    return fromstring(feed_response.content).find("channel").findall("item")


def test_the_feed_lists_the_newest_live_stories(client, news):
    add_story(
        news,
        "Köhnə xəbər",
        "kohne",
        date=datetime.date(2025, 3, 1),
        intro="Bir həftə əvvəl.",
    )
    add_story(
        news,
        "Yeni xəbər",
        "yeni",
        date=datetime.date(2025, 3, 8),
        intro="Bu gün.",
        tags=["festival"],
    )
    draft = StoryPage(title="Qaralama", slug="qaralama", live=False)
    news.add_child(instance=draft)

    response = client.get("/xeberler/feed/", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Xəbərlər"
    assert channel.findtext("link") == "http://market.localhost:8000/xeberler/"
    assert channel.findtext("description") == "Mərkəzin xəbərləri."
    assert channel.findtext("language") == "az"
    assert [
        (
            item.findtext("title"),
            item.findtext("link"),
            item.findtext("description"),
            item.findtext("pubDate"),
            [category.text for category in item.findall("category")],
        )
        for item in channel.findall("item")
    ] == [
        (
            "Yeni xəbər",
            "http://market.localhost:8000/xeberler/yeni/",
            "Bu gün.",
            "Sat, 08 Mar 2025 00:00:00 +0400",
            ["festival"],
        ),
        (
            "Köhnə xəbər",
            "http://market.localhost:8000/xeberler/kohne/",
            "Bir həftə əvvəl.",
            "Sat, 01 Mar 2025 00:00:00 +0400",
            [],
        ),
    ]


def test_each_language_has_its_own_feed(client, translated_story):
    response = client.get("/ru/novosti/feed/", HTTP_HOST=HOST)

    channel = fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Новости"
    assert channel.findtext("language") == "ru"
    assert [
        (item.findtext("title"), item.findtext("link"))
        for item in channel.findall("item")
    ] == [
        ("Фестиваль начался", "http://market.localhost:8000/ru/novosti/festival/"),
    ]


def test_the_feed_has_at_most_twenty_stories(client, news):
    today = timezone.localdate()
    for number in range(21):
        add_story(
            news,
            f"Hekayə {number}",
            f"hekaye-{number}",
            date=today - datetime.timedelta(days=number),
        )

    response = client.get("/xeberler/feed/", HTTP_HOST=HOST)

    assert [item.findtext("title") for item in items(response)] == [
        f"Hekayə {number}" for number in range(20)
    ]


def test_staff_preview_a_story_while_editing(client, staff, news):
    story = add_story(news, "Festival başladı", "festival", date=TODAY)
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])

    posted = client.post(url, story_form(title="Festival hələ davam edir"))
    response = client.get(url)

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    assert "<h1>Festival hələ davam edir</h1>" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Festival başladı"  # a preview changes nothing


def test_a_scheduled_story_goes_live_when_its_time_comes(client, news):
    now = timezone.now()
    story = StoryPage(
        title="Gələn həftə",
        slug="gelen-hefte",
        date=timezone.localdate(),
        live=False,
        go_live_at=now + datetime.timedelta(hours=1),
    )
    news.add_child(instance=story)

    story.save_revision().publish()

    story.refresh_from_db()
    assert story.live is False
    assert story.get_latest_revision().approved_go_live_at == story.go_live_at
    assert titles(client.get("/xeberler/", HTTP_HOST=HOST)) == []

    later = now + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)

    story.refresh_from_db()
    assert story.live is True
    assert story.get_latest_revision().approved_go_live_at is None
    assert titles(client.get("/xeberler/", HTTP_HOST=HOST)) == ["Gələn həftə"]


def test_the_scheduler_leaves_a_story_whose_time_has_not_come(news):
    story = StoryPage(
        title="Gələn həftə",
        slug="gelen-hefte",
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=7),
    )
    news.add_child(instance=story)
    story.save_revision().publish()

    call_command("publish_scheduled", verbosity=0)

    story.refresh_from_db()
    assert story.live is False


@pytest.fixture
def review(sites, news):
    """The "Story review" workflow on the market's story index, an editor and
    a reviewer."""
    workflow = story_review_workflow_ensure()
    editor = UserFactory(email="editor@example.az")
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = UserFactory(email="reviewer@example.az")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    return {"workflow": workflow, "editor": editor, "reviewer": reviewer}


def workflow_rows() -> dict[str, int]:
    return {
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "tasks": Task.objects.count(),
        "workflows": Workflow.objects.count(),
        "workflow tasks": WorkflowTask.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
    }


def test_the_story_review_workflow_governs_every_story_index(news, sites):
    translate(news, "en", title="News", slug="news")

    workflow = story_review_workflow_ensure()

    assert workflow.name == "Story review"
    assert [task.name for task in workflow.tasks] == ["Reviewers approval"]
    assert [
        group.name for group in workflow.tasks[0].specific.groups.order_by("name")
    ] == ["Reviewers"]
    assert sorted(
        WorkflowPage.objects.filter(workflow=workflow).values_list(
            "page__title", flat=True
        )
    ) == ["News", "Xəbərlər"]
    assert sorted(
        Group.objects.get(name="Reviewers").page_permissions.values_list(
            "page__title", "permission__codename"
        )
    ) == [
        ("News", "change_page"),
        ("News", "publish_page"),
        ("Xəbərlər", "change_page"),
        ("Xəbərlər", "publish_page"),
    ]
    assert sorted(
        Group.objects.get(name="Editors")
        .page_permissions.filter(page__depth__gt=1)
        .values_list("page__title", "permission__codename")
    ) == [
        ("News", "add_page"),
        ("News", "change_page"),
        ("Xəbərlər", "add_page"),
        ("Xəbərlər", "change_page"),
    ]
    # Stories go through the reviewers; other pages keep Wagtail's default.
    assert add_story(news, "X", "x").get_workflow() == workflow
    assert market_home().get_workflow().name == "Moderators approval"


def test_ensuring_the_story_review_workflow_twice_changes_nothing(news):
    story_review_workflow_ensure()
    before = workflow_rows()

    story_review_workflow_ensure()

    assert workflow_rows() == before


def test_an_editor_submits_a_story_and_a_reviewer_approves_it(client, review, news):
    editor, reviewer = review["editor"], review["reviewer"]
    client.force_login(editor)

    response = admin_create(client, news, StoryPage, story_form(), "action-submit")

    story = StoryPage.objects.get(slug="festival")
    assert response.status_code == 200
    assert story.live is False
    assert story.has_unpublished_changes is True
    state = story.current_workflow_state
    assert state.workflow.name == "Story review"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert state.current_task_state.task.name == "Reviewers approval"
    assert state.current_task_state.status == "in_progress"
    assert titles(client.get("/xeberler/", HTTP_HOST=HOST)) == []

    client.force_login(reviewer)
    task_state = state.current_task_state
    approved = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[story.pk, "approve", task_state.pk],
        ),
        {"comment": "Əla."},
    )

    assert approved.status_code == 302
    story.refresh_from_db()
    state.refresh_from_db()
    task_state.refresh_from_db()
    assert story.live is True
    assert story.has_unpublished_changes is False
    assert state.status == WorkflowState.STATUS_APPROVED
    assert task_state.status == "approved"
    assert task_state.finished_by == reviewer
    assert titles(client.get("/xeberler/", HTTP_HOST=HOST)) == [
        "Gənc bəstəkarlar festivalı"
    ]


def test_an_editor_cannot_approve_their_own_story(client, review, news):
    editor = review["editor"]
    client.force_login(editor)
    admin_create(client, news, StoryPage, story_form(), "action-submit")
    story = StoryPage.objects.get(slug="festival")
    task_state = story.current_workflow_state.current_task_state

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[story.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    story.refresh_from_db()
    task_state.refresh_from_db()
    assert story.live is False
    assert task_state.status == "in_progress"
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_editor_cannot_publish_a_story_directly(client, review, news):
    client.force_login(review["editor"])

    admin_create(client, news, StoryPage, story_form())

    assert StoryPage.objects.filter(live=True).count() == 0
    assert Page.objects.filter(slug="festival", live=True).exists() is False
