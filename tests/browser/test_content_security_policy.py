"""The Content-Security-Policy is on and breaks nothing, in Chromium: the
Wagtail admin and Oscar's dashboard (staff policy), the shop's pages, and the
pay page with localstripe's Stripe.js, where a 3-D Secure payment goes
through. Chromium reports every blocked script, frame, style or request in
the console; none may appear."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalogue.kinds import COURSE, PHYSICAL
from checkout.models import CheckoutPayment, CheckoutStatus
from cms.models import HomePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def violations(page):
    """Console messages of Content-Security-Policy violations."""
    found = []

    def collect(message):
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", collect)
    return found


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _open(page, url: str) -> dict:
    """Open `url`, wait until it settled, and return its response headers."""
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    return response.headers


def test_the_policy_blocks_a_script_without_the_nonce(page, live_server, violations):
    """The control: the collector sees a violation when there is one."""
    headers = _open(page, live_server.url + reverse("basket:summary"))

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)

    assert "'nonce-" in headers["content-security-policy"]
    assert page.evaluate("() => window.injected") is None
    assert len(violations) == 1
    assert "Executing inline script violates" in violations[0]
    assert "The action has been blocked." in violations[0]


def test_the_wagtail_admin_and_oscar_dashboard_work_under_the_staff_policy(
    page, live_server, staff, sites, violations
):
    home = HomePage.objects.get(slug="market", locale__language_code="az")
    _sign_in(page, live_server, staff)

    dashboard = _open(page, live_server.url + "/cms/")
    _open(page, live_server.url + f"/cms/pages/{home.pk}/edit/")
    # The admin speaks Azerbaijani by default (translations/wagtail).
    with translation.override("az"):
        save_draft = gettext("Save draft")
    page.get_by_role("button", name=save_draft).wait_for()
    # The editor's scripts ran: its StreamField blocks are drawn.
    page.locator("[data-streamfield-stream-container]").first.wait_for()
    _open(page, live_server.url + "/dashboard/")

    assert "'unsafe-inline'" in dashboard["content-security-policy"]
    assert violations == []


def test_the_shop_home_and_a_product_page_run_under_the_public_policy(
    page, live_server, catalogue, sites, violations
):
    home = _open(page, live_server.url + "/")
    product = _open(page, live_server.url + catalogue[PHYSICAL].get_absolute_url())
    # Oscar's page-load script (with the nonce) ran: the basket form works.
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state("networkidle")

    for headers in (home, product):
        directives = dict(
            part.strip().split(" ", 1)
            for part in headers["content-security-policy"].split(";")
        )
        assert "'nonce-" in directives["script-src"]
        assert "'unsafe-inline'" not in directives["script-src"]
    assert page.locator(".basket-mini").inner_text().count("450") == 1
    assert violations == []


def test_paying_with_stripe_js_under_the_policy(
    page, live_server, buyer, catalogue, rates, stripe_settings, violations
):
    course = catalogue[COURSE]
    course.stockrecords.update(price=Decimal("25.00"))
    _sign_in(page, live_server, buyer)
    _open(page, live_server.url + course.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(live_server.url + reverse("checkout:index"))
    page.wait_for_url("**/payment-details/")
    page.locator("#view_preview").click()
    page.wait_for_url("**/preview/")
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/pay/")
    page.wait_for_load_state("networkidle")

    element = page.locator("#payment-element")
    element.get_by_placeholder("number").fill("4000002760003184")
    element.get_by_placeholder("exp_month").fill("12")
    element.get_by_placeholder("exp_year").fill("30")
    element.get_by_placeholder("cvc").fill("123")
    element.get_by_placeholder("postal_code").fill("10115")
    page.locator("#pay-button").click()
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url("**/checkout/thank-you/")

    assert CheckoutPayment.objects.get().status == CheckoutStatus.PLACED
    assert violations == []
