"""The account page says the account's facts in words, not raw values."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_profile_page_shows_yes_no_and_the_country_by_name(client, buyer):
    buyer.email_confirmed = True
    buyer.destination_country = "DE"
    buyer.save()
    client.force_login(buyer)

    html = client.get("/en" + reverse("customer:profile-view")).content.decode()

    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert "Yes" in cells
    assert "Germany" in cells
    assert "True" not in cells
    assert "DE" not in cells
