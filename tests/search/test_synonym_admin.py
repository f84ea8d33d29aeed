"""Staff edit the synonym list in the Wagtail admin."""

import pytest
from django.utils import translation

from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


def test_staff_add_a_synonym_group(client, staff):
    client.force_login(staff)
    before = SynonymGroup.objects.count()

    response = client.post(
        "/cms/synonyms/new/", {"terms": " vase , vaza,ваза "}, follow=True
    )

    assert response.status_code == 200
    assert SynonymGroup.objects.count() == before + 1
    assert SynonymGroup.objects.order_by("-pk").first().terms == "vase, vaza, ваза"


@pytest.mark.parametrize(
    ("terms", "message", "params"),
    [
        ("vase", "Give at least two words, separated by commas.", {}),
        ("vase, gil vaza", "“%(term)s” is not a single word.", {"term": "gil vaza"}),
    ],
)
def test_a_group_must_be_single_words(client, staff, terms, message, params):
    client.force_login(staff)
    before = SynonymGroup.objects.count()

    response = client.post("/cms/synonyms/new/", {"terms": terms})

    assert response.status_code == 200
    with translation.override("az"):
        expected = (
            translation.gettext(message) % params
            if params
            else (translation.gettext(message))
        )
    assert response.context["form"].errors["terms"] == [expected]
    assert SynonymGroup.objects.count() == before


def test_the_list_is_staff_only(client, buyer):
    client.force_login(buyer)

    response = client.get("/cms/synonyms/")

    assert response.status_code == 302
