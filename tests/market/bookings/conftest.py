import pytest
from django.utils import timezone

from tests.factories.studios import make_equipment, make_quota, make_room, next_weekday


@pytest.fixture
def room(db):
    return make_room()


@pytest.fixture
def microphones(room):
    return make_equipment(room)


@pytest.fixture
def cultech_quota(db):
    """The `resident` fixture's programme (Cultech): 10 free hours a month."""
    return make_quota(programme="cultech", hours=10)


@pytest.fixture
def tuesday():
    """A Tuesday at least a week ahead (off-peak until 17:00)."""
    return next_weekday(timezone.localdate() + timezone.timedelta(days=7), 1)
