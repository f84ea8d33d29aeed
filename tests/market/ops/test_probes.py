import json

import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["market.example"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_any_host_over_plain_http_without_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content) == {"status": "ok"}


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["market.example"])
def test_other_paths_still_meet_the_host_check(client):
    response = client.get("/healthzz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 400
