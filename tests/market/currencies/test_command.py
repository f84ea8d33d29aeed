import io

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from market.currencies.models import ExchangeRate

from .conftest import VALID

pytestmark = pytest.mark.django_db


def _run(source) -> str:
    out = io.StringIO()
    call_command("load_exchange_rates", source, stdout=out)
    return out.getvalue()


def test_the_command_loads_and_says_how_many(write_document):
    path = write_document(VALID)

    assert "Stored 2 exchange rate(s)" in _run(path)
    assert "already loaded" in _run(path)
    assert ExchangeRate.objects.count() == 2


def test_the_command_fails_with_the_problem(write_document):
    path = write_document({**VALID, "rates": {"GBP": "0.46"}})

    with pytest.raises(CommandError, match="Unknown currency 'GBP'"):
        _run(path)

    assert ExchangeRate.objects.count() == 0


def test_the_command_refuses_file_urls():
    with pytest.raises(CommandError, match="file://"):
        _run("file:///etc/passwd")


def test_the_command_exits_non_zero(write_document, capsys):
    utility = ManagementUtility(
        ["manage.py", "load_exchange_rates", write_document("nonsense")]
    )

    with pytest.raises(SystemExit) as exited:
        utility.execute()

    assert exited.value.code != 0
    assert "not JSON" in capsys.readouterr().err
