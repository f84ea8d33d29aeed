"""The demo's pages: every page type on both sites, in Azerbaijani, English
and Russian, translated through wagtail-localize, each answering in its own
language; partners on both home pages; each site's settings."""

from html import escape
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site, WorkflowPage
from wagtail_localize.models import Translation

from catalogue.kinds import SERVICE
from cms.models import (
    ContactFormField,
    ContactPage,
    CourseIndexPage,
    CourseLandingPage,
    EventIndexPage,
    EventPage,
    HomePage,
    ImpactPage,
    PartnerOrganisation,
    ProgrammePage,
    SiteSettings,
    StandardPage,
    StoryIndexPage,
    StoryPage,
    StudioIndexPage,
    StudioPage,
)
from cms.workflows import STORY_REVIEW
from market.demo import builders, data, page_data

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGES = ["az", "en", "ru"]
HOSTS = {"market": "market.localhost:8000", "edu": "edu.localhost:8000"}
PAGE_TYPES = [
    HomePage,
    ProgrammePage,
    StoryIndexPage,
    StoryPage,
    EventIndexPage,
    EventPage,
    CourseIndexPage,
    CourseLandingPage,
    StudioIndexPage,
    StudioPage,
    StandardPage,
    ContactPage,
    ImpactPage,
]
# Pages of each type on each site, in each language.
EXPECTED_PAGES = {
    "market": {
        HomePage: 1,
        ProgrammePage: 3,
        StoryIndexPage: 1,
        StoryPage: 6,
        EventIndexPage: 1,
        # Four of the demo, five of last year's history (market/demo/history.py).
        EventPage: 9,
        CourseIndexPage: 0,
        CourseLandingPage: 0,
        StudioIndexPage: 1,
        StudioPage: 4,
        StandardPage: 4,
        ContactPage: 1,
        ImpactPage: 1,
    },
    "edu": {
        HomePage: 1,
        ProgrammePage: 0,
        StoryIndexPage: 1,
        StoryPage: 2,
        EventIndexPage: 1,
        EventPage: 2,
        CourseIndexPage: 1,
        CourseLandingPage: 4,
        StudioIndexPage: 0,
        StudioPage: 0,
        StandardPage: 1,
        ContactPage: 1,
        ImpactPage: 1,
    },
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for this module and rolled back after it."""
    media = tmp_path_factory.mktemp("demo-pages-media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", verbosity=0)
        yield media
        transaction.set_rollback(True)


def _home(site: str, language: str) -> HomePage:
    original = HomePage.objects.get(slug=site, depth=2, locale__language_code="az")
    return original.get_translation(Locale.objects.get(language_code=language))


def _host(page: Page) -> str:
    _site_id, root_url, _path = page.get_url_parts()
    return urlparse(root_url).netloc


def _get(client, page: Page):
    _site_id, root_url, path = page.get_url_parts()
    return client.get(path, HTTP_HOST=urlparse(root_url).netloc)


def _texts_shape(value):
    """The shape of a text entry: keys, list lengths, kinds, not the words."""
    if isinstance(value, dict):
        return {key: _texts_shape(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_texts_shape(item) for item in value]
    return type(value).__name__ if not isinstance(value, str) else bool(value)


def _all_texts():
    entries = [
        page_data.MARKET_HOME_EXTRA,
        page_data.EDU_HOME_EXTRA,
        page_data.PROGRAMME_CALL,
        page_data.MARKET_STORY_INDEX,
        page_data.EDU_STORY_INDEX,
        page_data.MARKET_EVENT_INDEX,
        page_data.EDU_EVENT_INDEX,
        page_data.STUDIO_INDEX,
        page_data.STUDIO_PHOTO_ALT,
        page_data.COURSE_INDEX,
        page_data.MARKET_CONTACT["texts"],
        page_data.EDU_CONTACT["texts"],
        *page_data.MARKET_STANDARD_PAGES,
        *page_data.EDU_STANDARD_PAGES,
    ]
    for specs in (
        page_data.PROGRAMMES,
        page_data.MARKET_STORIES,
        page_data.EDU_STORIES,
        page_data.MARKET_EVENTS,
        page_data.EDU_EVENTS,
        page_data.STUDIOS,
        page_data.COURSES,
        page_data.PARTNERS,
    ):
        entries.extend(spec["texts"] for spec in specs)
    return entries


def test_every_text_has_the_same_shape_in_the_three_languages():
    for texts in _all_texts():
        assert sorted(texts) == LANGUAGES
        assert _texts_shape(texts["en"]) == _texts_shape(texts["az"]), texts["az"]
        assert _texts_shape(texts["ru"]) == _texts_shape(texts["az"]), texts["az"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("site", ["market", "edu"])
def test_each_page_type_on_each_site_in_each_language(demo, site, language):
    home = _home(site, language)

    counts = {
        page_type: page_type.objects.descendant_of(home, inclusive=True)
        .filter(locale__language_code=language)
        .count()
        for page_type in PAGE_TYPES
    }

    assert counts == EXPECTED_PAGES[site]
    assert home.get_descendants(inclusive=True).count() == sum(counts.values())


def test_every_page_is_live_in_three_languages(demo):
    pages = Page.objects.filter(depth__gte=2)
    per_site = sum(sum(expected.values()) for expected in EXPECTED_PAGES.values())

    assert pages.count() == 3 * per_site
    assert not pages.filter(live=False).exists()
    for language in LANGUAGES:
        assert pages.filter(locale__language_code=language).count() == per_site


def test_translations_are_made_with_wagtail_localize(demo):
    originals = Page.objects.filter(depth__gte=2, locale__language_code="az")

    for page in originals:
        targets = Translation.objects.filter(
            source__object_id=page.translation_key
        ).values_list("target_locale__language_code", flat=True)
        assert sorted(targets) == ["en", "ru"], page.title
        assert page.get_translations().count() == 2
    for partner in PartnerOrganisation.objects.filter(locale__language_code="az"):
        targets = Translation.objects.filter(
            source__object_id=partner.translation_key
        ).values_list("target_locale__language_code", flat=True)
        assert sorted(targets) == ["en", "ru"], partner.name


def test_translations_carry_their_own_texts_and_slugs(demo):
    spec = page_data.PROGRAMMES[0]
    music = ProgrammePage.objects.get(
        programme=spec["programme"], locale__language_code="az"
    )

    for language in LANGUAGES:
        page = music.get_translation(Locale.objects.get(language_code=language))
        texts = spec["texts"][language]
        assert (page.title, page.slug, page.intro) == (
            texts["title"],
            texts["slug"],
            texts["intro"],
        )
        assert [block.value["name"] for block in page.cohorts] == [
            name for name, _text in texts["cohorts"]
        ]
        assert texts["body"][0] in page.body[0].value.source


def test_every_page_answers_in_its_language_with_its_title(demo, client):
    pages = Page.objects.filter(depth__gte=2).live().specific()

    for page in pages:
        response = _get(client, page)

        assert response.status_code == 200, page.url
        assert response.context["page"].pk == page.pk
        assert response["Content-Language"] == page.locale.language_code
        assert escape(page.title) in response.content.decode(), page.url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("site", ["market", "edu"])
def test_partners_appear_on_both_home_pages(demo, client, site, language):
    partners = PartnerOrganisation.objects.filter(locale__language_code=language)

    response = _get(client, _home(site, language))

    html = response.content.decode()
    assert partners.count() == len(page_data.PARTNERS)
    assert [p.name for p in partners] == [
        spec["texts"][language]["name"] for spec in page_data.PARTNERS
    ]
    for partner in partners:
        assert escape(partner.name) in html
        assert partner.url in html
    assert partners.filter(logo__isnull=True).count() == 0


def test_home_pages_are_composed_of_blocks(demo):
    market = _home("market", "en")
    edu = _home("edu", "ru")

    assert [block.block_type for block in market.body] == [
        "hero",
        "product_carousel",
        "resident_spotlight",
        "product_list",
        "resident_list",
        "event_list",
        "call_to_action",
    ]
    assert [p.upc for p in market.body[1].value["products"]] == (
        page_data.MARKET_CAROUSEL
    )
    assert market.body[2].value["resident"].slug == page_data.MARKET_SPOTLIGHT
    assert market.body[6].value["link"] == "/en/shop/residents/apply/"
    assert [block.block_type for block in edu.body] == [
        "hero",
        "course_list",
        "event_list",
        "quote",
        "rich_text",
        "product_list",
        "call_to_action",
    ]
    assert edu.body[3].value["quote"] == page_data.EDU_HOME_EXTRA["ru"]["quote"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("site", ["market", "edu"])
def test_home_page_buttons_lead_to_pages(demo, client, site, language):
    # Opening a shop asks to sign in first.
    client.login(
        request=HttpRequest(),
        email=builders.BUYER_EMAIL,
        password=builders.BUYER_PASSWORD,
    )
    home = _home(site, language)
    links = [
        block.value["button_link"]
        if block.block_type == "hero"
        else block.value["link"]
        for block in home.body
        if block.block_type in {"hero", "call_to_action"}
    ]

    statuses = [client.get(link, HTTP_HOST=_host(home)).status_code for link in links]

    assert len(links) == 2
    assert statuses == [200, 200]


def test_events_stay_upcoming_with_one_past(demo, client):
    index = EventIndexPage.objects.descendant_of(_home("market", "en")).get()

    response = _get(client, index)

    upcoming = list(response.context["upcoming"])
    past = list(response.context["past"])
    assert [(e.series, e.online, e.city, e.capacity) for e in upcoming] == [
        ("creative-talks", False, "Baku", 60),
        ("ai4art", True, "", 200),
        ("creative-talks", False, "Ganja", 80),
    ]
    assert all(event.registration_open for event in upcoming)
    # The demo's past talk, then last year's history, newest first.
    assert [(e.city, e.registration_open) for e in past] == [
        ("Shaki", False),
        ("Baku", False),
        ("Lankaran", False),
        ("", False),
        ("Ganja", False),
        ("Baku", False),
    ]
    edu_events = EventPage.objects.descendant_of(_home("edu", "az"))
    assert sorted(edu_events.values_list("series", "city")) == [
        ("ai4art", "Lənkəran"),
        ("workshop", "Quba"),
    ]


def test_course_pages_present_the_four_demo_courses(demo):
    upcs = [spec["upc"] for spec in page_data.COURSES]
    titles = {spec["upc"]: spec["title"] for spec in data.PRODUCTS}

    for language in LANGUAGES:
        pages = CourseLandingPage.objects.filter(
            locale__language_code=language
        ).select_related("product")
        assert sorted(page.product.upc for page in pages) == sorted(upcs)
        for page in pages:
            assert page.title == titles[page.product.upc][language]


def test_studios_offer_service_products(demo):
    studios = StudioPage.objects.filter(locale__language_code="en")

    services = {
        studio.kind: [product.upc for product in studio.bookable_services()]
        for studio in studios
    }

    assert services == {spec["kind"]: spec["services"] for spec in page_data.STUDIOS}
    for studio in studios:
        assert len(studio.gallery) == 1
        for product in studio.bookable_services():
            assert product.product_class.slug == SERVICE


def test_stories_have_programmes_tags_and_past_dates(demo):
    stories = StoryPage.objects.descendant_of(_home("market", "ru"))

    assert sorted(stories.values_list("programme", flat=True)) == sorted(
        spec["programme"] for spec in page_data.MARKET_STORIES
    )
    assert sorted(tag for story in stories for tag in story.tags.names()) == sorted(
        tag for spec in page_data.MARKET_STORIES for tag in spec["tags"]
    )
    assert all(story.date < story.first_published_at.date() for story in stories)


def test_contact_forms_ask_in_each_language(demo, client):
    original = ContactPage.objects.descendant_of(_home("market", "az")).get()

    for language in LANGUAGES:
        page = original.get_translation(Locale.objects.get(language_code=language))
        labels = list(page.form_fields.values_list("label", flat=True))
        assert labels == page_data.MARKET_CONTACT["texts"][language]["fields"]
        assert page.to_address == "hello@creative-market.example.az"
        response = _get(client, page)
        for label in labels:
            assert escape(label) in response.content.decode()
    names = set(
        ContactFormField.objects.filter(page__translation_key=original.translation_key)
        .values_list("clean_name", flat=True)
        .distinct()
    )
    assert len(names) == 3


@pytest.mark.parametrize(
    ("language", "field"),
    [("az", "footer_text"), ("en", "footer_text_en"), ("ru", "footer_text_ru")],
)
@pytest.mark.parametrize("site", ["market", "edu"])
def test_site_settings_give_each_footer_in_three_languages(
    demo, client, site, language, field
):
    settings = SiteSettings.objects.get(site__root_page=_home(site, "az"))

    response = _get(client, _home(site, language))

    expected = page_data.SITE_SETTINGS[site][field]
    assert getattr(settings, field) == expected
    assert escape(expected) in response.content.decode()
    assert settings.contact_email in response.content.decode()


def test_story_indexes_are_reviewed(demo):
    indexes = StoryIndexPage.objects.all()

    assert indexes.count() == 6
    assert (
        WorkflowPage.objects.filter(
            page__in=indexes, workflow__name=STORY_REVIEW
        ).count()
        == 6
    )


def test_load_demo_again_adds_no_page_partner_or_translation(demo):
    def counts():
        return (
            Page.objects.count(),
            PartnerOrganisation.objects.count(),
            Translation.objects.count(),
            ContactFormField.objects.count(),
            Image.objects.count(),
            Site.objects.count(),
            SiteSettings.objects.count(),
        )

    before = counts()

    call_command("load_demo", verbosity=0)

    assert counts() == before
    assert before[:2] == (
        1 + 3 * sum(sum(expected.values()) for expected in EXPECTED_PAGES.values()),
        3 * len(page_data.PARTNERS),
    )
