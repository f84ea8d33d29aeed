"""Staff alerts: raised once per problem (a repeat adds to the open one),
e-mailed to MARKET_ALERT_EMAILS when they open, listed in the Wagtail admin
for staff only, and resolved with a note."""

import pytest
from django.core import mail
from django.urls import reverse

from market.alerts.models import AlertKind, AlertStatus, StaffAlert
from market.alerts.services import alert_raise, alert_resolve

pytestmark = pytest.mark.django_db


def _raise(message="Refund failed: card expired"):
    return alert_raise(
        kind=AlertKind.REFUND_FAILED,
        key="checkout:7:refund-failed",
        subject="Refund of paid checkout 7 failed",
        message=message,
        link="/cms/payments/",
    )


def test_a_problem_raised_twice_is_one_open_alert_and_one_e_mail(
    settings, django_capture_on_commit_callbacks
):
    settings.MARKET_ALERT_EMAILS = ["ops@creative-market.az", "finance@cm.az"]

    with django_capture_on_commit_callbacks(execute=True):
        first = _raise()
        second = _raise("Refund failed again: card expired")

    assert first.pk == second.pk
    alert = StaffAlert.objects.get()
    assert (alert.status, alert.occurrences, alert.message) == (
        AlertStatus.OPEN,
        2,
        "Refund failed again: card expired",
    )
    assert [m.to for m in mail.outbox] == [["ops@creative-market.az", "finance@cm.az"]]
    assert (
        mail.outbox[0].subject == "[Creative Market] Refund of paid checkout 7 failed"
    )
    assert "http://market.localhost:8000/cms/alerts/" in mail.outbox[0].body


def test_with_no_address_set_an_alert_is_still_listed(settings):
    settings.MARKET_ALERT_EMAILS = []

    _raise()

    assert StaffAlert.objects.filter(status=AlertStatus.OPEN).count() == 1
    assert mail.outbox == []


def test_staff_see_and_resolve_alerts(client, staff):
    alert = _raise()
    client.force_login(staff)

    page = client.get(reverse("alerts_list"))
    empty_note = client.post(
        reverse("alerts_resolve", args=[alert.pk]), {"resolution": "  "}
    )
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    resolved = client.post(
        reverse("alerts_resolve", args=[alert.pk]),
        {"resolution": "Refunded in the Stripe dashboard"},
    )

    alert.refresh_from_db()
    assert page.status_code == 200
    assert "Refund of paid checkout 7 failed" in page.content.decode()
    assert empty_note.status_code == resolved.status_code == 302
    assert (alert.status, alert.resolved_by, alert.resolution) == (
        AlertStatus.RESOLVED,
        staff,
        "Refunded in the Stripe dashboard",
    )
    resolved_page = client.get(reverse("alerts_list"), {"status": "resolved"})
    assert "Refunded in the Stripe dashboard" in resolved_page.content.decode()
    # The same problem again opens a new alert.
    assert _raise().pk != alert.pk


def test_resolving_twice_is_refused_and_changes_nothing(staff):
    from django.core.exceptions import ValidationError

    alert = alert_resolve(alert=_raise(), user=staff, resolution="Done")
    resolved_at = alert.resolved_at

    with pytest.raises(ValidationError):
        alert_resolve(alert=alert, user=staff, resolution="Again")

    alert.refresh_from_db()
    assert (alert.resolution, alert.resolved_at) == ("Done", resolved_at)


@pytest.mark.parametrize("who", ["anonymous", "buyer", "editor"])
def test_only_staff_with_the_permission_see_or_resolve_alerts(client, buyer, who):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    alert = _raise()
    if who == "buyer":
        client.force_login(buyer)
    elif who == "editor":
        editor = UserFactory(email="editor@example.az", is_staff=True)
        editor.user_permissions.add(
            Permission.objects.get(
                codename="access_admin", content_type__app_label="wagtailadmin"
            )
        )
        client.force_login(editor)

    page = client.get(reverse("alerts_list"))
    resolve = client.post(
        reverse("alerts_resolve", args=[alert.pk]), {"resolution": "Mine now"}
    )

    alert.refresh_from_db()
    assert page.status_code in (302, 403)
    assert resolve.status_code in (302, 403)
    if who == "editor":
        # Wagtail answers a refusal in its admin with a redirect home.
        assert (page["Location"], resolve["Location"]) == ("/cms/", "/cms/")
    assert alert.status == AlertStatus.OPEN
