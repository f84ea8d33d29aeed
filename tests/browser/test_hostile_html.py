"""Hostile HTML saved by a resident fires no script in a real browser."""

import pytest

from catalogue.kinds import SERVICE
from market.html import sanitise_html

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAYLOAD = (
    '<p>Səs</p><script>alert("script")</script><img src=x onerror="alert(\'img\')">'
    "<a href=\"javascript:alert('link')\">link</a><svg onload=\"alert('svg')\"></svg>"
)


def test_no_dialog_fires_on_the_product_and_shop_pages(
    page, live_server, catalogue, resident
):
    product = catalogue[SERVICE]
    product.title = f"Studiya {PAYLOAD}"
    product.description = sanitise_html(PAYLOAD)  # what the dashboard stores
    product.save()
    resident.bio = PAYLOAD  # sanitised by Resident.save()
    resident.save()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    for path in (product.get_absolute_url(), resident.get_absolute_url()):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.locator("a", has_text="link").first.click(timeout=2_000)

    assert dialogs == []
    assert page.locator(".resident-bio").inner_text().startswith("Səs")
