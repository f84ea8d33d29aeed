"""Row locks hold under real concurrency (PostgreSQL only)."""

import pytest
from django.core.exceptions import ValidationError

from market.residents import services
from market.residents.models import Resident, ResidentStatus
from tests.factories import UserFactory
from tests.threads import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_applications_make_one(db):
    user = UserFactory(email="twice@example.az")

    outcomes = run_in_threads(
        8,
        lambda: services.resident_apply(
            user=user, display_name="Eyni Studiya", programme="music"
        ),
    )

    assert sum(isinstance(o, Resident) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 7
    assert Resident.objects.filter(applicant=user).count() == 1


def test_simultaneous_approvals_make_one_partner(db):
    from oscar.apps.partner.models import Partner

    user = UserFactory(email="applicant@example.az")
    staff = UserFactory(email="boss@example.az", is_staff=True)
    application = services.resident_apply(
        user=user, display_name="Tək Partnyor", programme="gametech"
    )

    outcomes = run_in_threads(
        8, lambda: services.resident_approve(resident=application, staff_user=staff)
    )

    assert [type(o).__name__ for o in outcomes] == ["Resident"] * 8
    application.refresh_from_db()
    assert application.status == ResidentStatus.APPROVED
    assert Partner.objects.count() == 1
