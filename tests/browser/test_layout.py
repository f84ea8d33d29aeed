"""The shared header on a phone: no page is wider than a 360 px screen, the
search box stays visible, and the one menu button opens the navigation,
language, currency and ship-to country with the keyboard."""

import pytest

from catalogue.kinds import PHYSICAL

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_no_page_is_wider_than_a_phone(phone, live_server, sites, catalogue):
    paths = ["/", "/en/shop/catalogue/", catalogue[PHYSICAL].get_absolute_url()]
    widths = {}
    for path in paths:
        phone.goto(live_server.url + path)
        widths[path] = phone.evaluate("document.documentElement.scrollWidth")

    assert widths == dict.fromkeys(paths, 360)


def test_the_menu_opens_with_the_keyboard(phone, live_server, sites, catalogue):
    phone.goto(live_server.url + "/en/")
    toggle = phone.locator(".site-menu-toggle")
    menu = phone.locator("#site-menu")
    assert phone.locator("#site-search").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()

    toggle.focus()
    phone.keyboard.press("Enter")

    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("link", name="Shop", exact=True).is_visible()
    assert phone.locator("#currency-switcher-select").is_visible()
    assert phone.locator("#destination-switcher-select").is_visible()
    assert phone.locator(".language-switcher").is_visible()

    phone.keyboard.press("Escape")

    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert phone.evaluate("document.activeElement.className") == "site-menu-toggle"


def test_the_skip_link_leads_to_the_main_content(page, live_server, sites):
    page.goto(live_server.url + "/en/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
    assert page.locator("main").count() == 1
