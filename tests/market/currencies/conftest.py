import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

# The demo file's date, at noon in Baku.
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("Asia/Baku"))
TODAY = date(2026, 11, 27)

VALID = {"base": "AZN", "date": "2026-11-27", "rates": {"USD": "0.5882", "EUR": 0.5412}}


@pytest.fixture
def write_document(tmp_path):
    """Writes a document (a dict as JSON, or raw text) and returns its path."""

    def write(document, name="rates.json") -> str:
        path = tmp_path / name
        text = document if isinstance(document, str) else json.dumps(document)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write
