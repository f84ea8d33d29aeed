"""Where settings say production, load_demo refuses (its accounts'
passwords are in the README) and creates nothing."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_load_demo_refuses_when_the_demo_is_not_allowed(settings):
    settings.MARKET_DEMO_ALLOWED = False
    before = _row_counts()

    with pytest.raises(CommandError) as refusal:
        call_command("load_demo", verbosity=0)

    assert str(refusal.value) == (
        "The demo is not allowed under these settings (MARKET_DEMO_ALLOWED is "
        "false, as in production): it creates accounts whose passwords are "
        "published in the README."
    )
    assert _row_counts() == before
