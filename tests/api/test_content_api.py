"""Wagtail's content API for partners, at /api/content/v2/: the live,
public pages of the site asked for (market or edu, by hostname) and the
image library; unpublished and restricted pages absent, even for a signed-in
staff member; bad input is a 4xx JSON answer, never a 500."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from cms.models import EventIndexPage, EventPage, HomePage, ProgrammePage

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"
EDU = "edu.localhost:8000"
BAKU = ZoneInfo("Asia/Baku")
PAGES = "/api/content/v2/pages/"


def home(site: str) -> HomePage:
    return HomePage.objects.get(slug=site, locale__language_code="az")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


@pytest.fixture
def pages(sites):
    """On the market site: a programme page, an events index with a
    published event, a draft, a password-protected and a login-only event;
    on the edu site: a programme page."""
    market = home("market")
    music = add(market, ProgrammePage(title="Musiqi", slug="musiqi", programme="music"))
    index = add(market, EventIndexPage(title="Tədbirlər", slug="tedbirler"))
    starts = datetime(2031, 5, 16, 18, 30, tzinfo=BAKU)
    ends = datetime(2031, 5, 16, 20, 0, tzinfo=BAKU)

    def event(slug, **fields):
        return add(
            index,
            EventPage(
                title=f"Tədbir {slug}",
                slug=slug,
                starts_at=starts,
                ends_at=ends,
                intro="Söhbət.",
                **fields,
            ),
        )

    talk = event("talk", city="Bakı", venue="Kreativ Mərkəz", capacity=30)
    draft = event("draft")
    draft.unpublish()
    password = event("password")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    members = event("members")
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.LOGIN
    )
    staff_only = event("staff-only")
    restriction = PageViewRestriction.objects.create(
        page=staff_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Staff readers"))
    gametech = add(
        home("edu"),
        ProgrammePage(
            title="Oyun texnologiyaları", slug="gametech", programme="gametech"
        ),
    )
    return {
        "music": music,
        "index": index,
        "talk": talk,
        "hidden": [draft, password, members, staff_only],
        "gametech": gametech,
    }


def listed_ids(client, host, query="") -> list[int]:
    response = client.get(PAGES + "?limit=20" + query, HTTP_HOST=host)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["meta"]["total_count"] == len(body["items"])
    return sorted(item["id"] for item in body["items"])


def site_pages(site: str) -> list[int]:
    """The live, public pages under a site's home and its translations."""
    from wagtail.models import Page

    homes = HomePage.objects.filter(translation_key=home(site).translation_key)
    pages = Page.objects.none()
    for each in homes:
        pages |= Page.objects.live().public().descendant_of(each, inclusive=True)
    return sorted(pages.values_list("pk", flat=True))


def test_each_site_lists_its_own_live_public_pages(client, pages):
    market = listed_ids(client, MARKET)
    edu = listed_ids(client, EDU)

    assert market == site_pages("market")
    assert edu == site_pages("edu")
    assert pages["talk"].pk in market
    assert pages["music"].pk in market
    assert pages["gametech"].pk not in market
    assert pages["gametech"].pk in edu
    assert pages["talk"].pk not in edu
    for hidden in pages["hidden"]:
        assert hidden.pk not in market


def test_restricted_pages_stay_hidden_from_a_signed_in_staff_member(
    client, pages, staff
):
    client.force_login(staff)

    market = listed_ids(client, MARKET)

    for hidden in pages["hidden"]:
        assert hidden.pk not in market
        detail = client.get(f"{PAGES}{hidden.pk}/", HTTP_HOST=MARKET)
        assert detail.status_code == 404
        assert detail.json() == {"message": "No Page matches the given query."}


def test_a_page_in_detail(client, pages):
    talk = pages["talk"]

    response = client.get(f"{PAGES}{talk.pk}/", HTTP_HOST=MARKET)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["id"] == talk.pk
    assert body["title"] == "Tədbir talk"
    assert body["meta"]["type"] == "cms.EventPage"
    assert body["meta"]["slug"] == "talk"
    assert body["meta"]["html_url"] == "http://market.localhost:8000/tedbirler/talk/"
    assert body["meta"]["locale"] == "az"
    assert body["meta"]["parent"]["id"] == pages["index"].pk
    assert body["intro"] == "Söhbət."
    assert body["starts_at"] == "2031-05-16T18:30:00+04:00"
    assert body["ends_at"] == "2031-05-16T20:00:00+04:00"
    assert (body["city"], body["venue"], body["capacity"]) == (
        "Bakı",
        "Kreativ Mərkəz",
        30,
    )


def test_a_page_of_the_other_site_is_not_found(client, pages):
    response = client.get(f"{PAGES}{pages['gametech'].pk}/", HTTP_HOST=MARKET)

    assert response.status_code == 404


def test_pages_of_one_type(client, pages):
    ids = listed_ids(client, MARKET, "&type=cms.EventPage&fields=starts_at")

    assert ids == [pages["talk"].pk]


def test_images(client, sites):
    image = Image.objects.create(title="Səs studiyası", file=get_test_image_file())

    response = client.get("/api/content/v2/images/", HTTP_HOST=MARKET)

    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "id": image.pk,
            "meta": {
                "type": "wagtailimages.Image",
                "detail_url": f"http://market.localhost:8000/api/content/v2/images/{image.pk}/",
                "tags": [],
                "download_url": image.file.url,
            },
            "title": "Səs studiyası",
        }
    ]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (PAGES + "?limit=abc", 400),
        (PAGES + "?limit=-1", 400),
        (PAGES + "?offset=-1", 400),
        (PAGES + "?offset=abc", 400),
        (PAGES + "?limit=100000", 400),
        (PAGES + "?limit=21", 400),
        (PAGES + "?fields=nonexistent", 400),
        (PAGES + "?type=nonexistent.Model", 400),
        (PAGES + "?type=cms", 400),
        (PAGES + "?order=nonexistent", 400),
        (PAGES + "?child_of=abc", 400),
        (PAGES + "?child_of=99999999999999999999", 400),
        (PAGES + "?descendant_of=-5", 400),
        (PAGES + "?id=abc", 400),
        (PAGES + "?nonexistent=1", 400),
        (PAGES + "?search=%00", 422),
        (PAGES + "?site=%00", 422),
        (PAGES + "?site=nosuchsite.example", 404),
        (PAGES + "?locale=xx", 404),
        (PAGES + "?translation_of=abc", 400),
        (PAGES + "find/?html_path=%00", 422),
        (PAGES + "find/?id=abc", 400),
        (PAGES + "99999999999999999999/", 404),
        (PAGES + "9223372036854775807/", 404),
        ("/api/content/v2/images/?limit=abc", 400),
        ("/api/content/v2/images/99999999999999999999/", 404),
        ("/api/content/v2/nothing/", 404),
    ],
)
def test_bad_input_is_a_json_4xx(client, pages, path, status):
    response = client.get(path, HTTP_HOST=MARKET)

    assert response.status_code == status, (path, response.content)
    assert response["Content-Type"] in (
        "application/json",
        "application/problem+json",
    )
    assert response.json()


def test_json_only_even_when_a_browser_asks_for_html(client, pages):
    browsable = client.get(PAGES + "?format=api", HTTP_HOST=MARKET)
    html = client.get(PAGES, HTTP_HOST=MARKET, HTTP_ACCEPT="text/html")
    browser = client.get(
        PAGES, HTTP_HOST=MARKET, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8"
    )

    assert (browsable.status_code, browsable["Content-Type"]) == (
        404,
        "application/json",
    )
    assert (html.status_code, html["Content-Type"]) == (406, "application/json")
    assert html.json() == {"detail": "Could not satisfy the request Accept header."}
    assert (browser.status_code, browser["Content-Type"]) == (200, "application/json")
    # The site's policy comes along; JSON runs no script, so it hinders nothing.
    assert "default-src 'self'" in browser["Content-Security-Policy"]


def test_the_address_budget_is_shared_with_the_v1_api(client, sites, settings):
    settings.MARKET_API_RATE_PER_ADDRESS = "3/min"

    statuses = [
        client.get(PAGES, HTTP_HOST=MARKET).status_code,
        client.get("/api/v1/events").status_code,
        client.get("/api/content/v2/images/", HTTP_HOST=MARKET).status_code,
    ]
    refused = client.get(PAGES, HTTP_HOST=MARKET)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert int(refused["Retry-After"]) > 0


def test_pages_found_by_search(client, pages):
    ids = listed_ids(client, MARKET, "&search=talk&type=cms.EventPage")

    assert ids == [pages["talk"].pk]
