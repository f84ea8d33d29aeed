"""axe-core on the key pages of both sites: no critical and no serious
violation (WCAG 2.1 AA rules and axe's best practices), in Chromium.

axe-core is the npm package pinned in tools/axe/package-lock.json, which
`make browser-deps` installs into .tools/axe (`make test` does it when npm is
here). The pages are built from the test factories: home pages of both sites,
catalogue, category, search, a product of each kind, the basket, the checkout
preview, a resident's shop, the course catalogue, a course page, sign-in.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from cms.models import CourseIndexPage, CourseLandingPage, HomePage
from tests.market.trade.conftest import (  # noqa: F401 (fixtures)
    business_buyer,
    scarf_profile,
    scarves,
)
from tests.stripe_fixtures import ensure_countries, start_checkout

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = Path(settings.BASE_DIR) / ".tools" / "axe" / "node_modules" / "axe-core"
BLOCKING = {"critical", "serious"}


@pytest.fixture(scope="module")
def axe_source():
    path = AXE / "axe.min.js"
    if not path.exists():
        message = "axe-core is not installed (make browser-deps: needs npm)"
        if os.environ.get("MARKET_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


def _violations(browser, url: str, axe_source: str, cookies=(), width=1366):
    """axe's blocking violations of the page at `url`, as readable lines."""
    context = browser.new_context(
        locale="az-AZ",
        bypass_csp=True,  # to inject axe; the CSP has its own tests
        viewport={"width": width, "height": 900},
    )
    if cookies:
        context.add_cookies(list(cookies))
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        response = page.goto(url)
        assert response.status == 200, (url, response.status)
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                    count: v.nodes.length,
                }));
            }"""
        )
    finally:
        context.close()
    return [
        f"{item['impact']} {item['id']} ({item['count']}): {item['help']} "
        f"e.g. {item['nodes']}"
        for item in result
        if item["impact"] in BLOCKING
    ]


def _session_cookie(client: Client, live_server) -> dict:
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _course_page(course) -> CourseLandingPage:
    edu = HomePage.objects.get(slug="edu", locale__language_code="az", depth=2)
    index = edu.add_child(instance=CourseIndexPage(title="Kurslar", slug="kurslar"))
    return index.add_child(
        instance=CourseLandingPage(
            title=course.title, slug="animasiya", product=course, intro="Altı həftə."
        )
    )


def test_key_pages_have_no_critical_or_serious_violation(
    browser, axe_source, live_server, sites, catalogue, resident, buyer, rates
):
    ensure_countries()
    course_page = _course_page(catalogue[COURSE])
    market = live_server.url
    edu = live_server.url.replace("localhost", settings.EDU_SITE_HOSTNAME).replace(
        "127.0.0.1", settings.EDU_SITE_HOSTNAME
    )
    pages = {
        "market home": market + "/",
        "edu home": edu + "/",
        "catalogue": market + reverse("catalogue:index"),
        "category": market + catalogue["category"].get_absolute_url(),
        "search": market + reverse("search:search") + "?q=xal%C3%A7a",
        "physical product": market + catalogue[PHYSICAL].get_absolute_url(),
        "digital product": market + catalogue[DIGITAL].get_absolute_url(),
        "service": market + catalogue[SERVICE].get_absolute_url(),
        "course product": market + catalogue[COURSE].get_absolute_url(),
        "resident shop": market + reverse("residents:shop", args=[resident.slug]),
        "course catalogue": edu + course_page.get_parent().get_url_parts()[2],
        "course page": edu + course_page.get_url_parts()[2],
        "sign-in": market + reverse("customer:login"),
        "home in English": market + "/en/",
    }
    found = {name: _violations(browser, url, axe_source) for name, url in pages.items()}

    # The buyer's basket and checkout preview (their session in the browser).
    client = Client()
    client.force_login(buyer)
    start_checkout(client, [catalogue[PHYSICAL]])
    cookie = _session_cookie(client, live_server)
    for name, path in (
        ("basket", reverse("basket:summary")),
        ("checkout preview", reverse("checkout:preview")),
    ):
        found[name] = _violations(browser, market + path, axe_source, [cookie])
    # Phones: the home and a product page at 390 px.
    for name, url in (
        ("market home at 390 px", pages["market home"]),
        ("physical product at 390 px", pages["physical product"]),
    ):
        found[name] = _violations(browser, url, axe_source, width=390)

    failing = {name: lines for name, lines in found.items() if lines}
    assert failing == {}, "\n".join(
        f"{name}: {line}" for name, lines in failing.items() for line in lines
    )


def test_quote_pages_have_no_critical_or_serious_violation(
    browser,
    axe_source,
    live_server,
    resident,
    owner,
    business_buyer,  # noqa: F811 (the fixture)
    scarves,  # noqa: F811 (the fixture)
):
    """The buyer's ask form and request page (with a quote to accept), and
    the resident's quote form."""
    from tests.market.trade.conftest import ask, offer

    quoted = offer(ask(business_buyer, resident, scarves), owner)
    waiting = ask(business_buyer, resident, scarves, quantity=12, destination="FR")
    market = live_server.url
    found = {}
    for user, pages in (
        (
            business_buyer,
            {
                "ask form": reverse("trade:ask", args=[resident.slug]),
                "buyer's request": reverse(
                    "trade:request", args=[quoted.request.reference]
                ),
            },
        ),
        (
            owner,
            {
                "resident's quote form": reverse(
                    "resident_dashboard:quote-request", args=[waiting.reference]
                ),
            },
        ),
    ):
        client = Client()
        client.force_login(user)
        client.get(market + "/")
        cookie = _session_cookie(client, live_server)
        for name, path in pages.items():
            found[name] = _violations(browser, market + path, axe_source, [cookie])

    failing = {name: lines for name, lines in found.items() if lines}
    assert failing == {}, "\n".join(
        f"{name}: {line}" for name, lines in failing.items() for line in lines
    )
