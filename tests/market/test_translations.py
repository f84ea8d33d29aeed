"""The UI ships in Azerbaijani (default), English and Russian: our catalogues
are complete, compiled, and hold every string of our code and templates."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    ROOT / folder / language / "LC_MESSAGES" / "django.po"
    for folder in ("locale", "translations/oscar", "translations/wagtail")
    for language in ("az", "ru")
]
SOURCES = ["market", "cms", "catalogue", "checkout", "search", "templates"]


def _messages(po_path: Path):
    with po_path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_untranslated_or_fuzzy_entry(po_path):
    untranslated = [
        message.id
        for message in _messages(po_path)
        if message.fuzzy
        or not (
            all(message.string) if isinstance(message.string, tuple) else message.string
        )
    ]

    assert untranslated == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po_path):
    with po_path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog

    stale = []
    for message in _messages(po_path):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        key = f"{message.context}\x04{ids[0]}" if message.context else ids[0]
        if isinstance(message.string, tuple):
            for index, text in enumerate(message.string):
                if compiled.get((key, index)) != text:
                    stale.append(ids[0])
        elif compiled.get(key) != message.string:
            stale.append(ids[0])

    assert stale == [], "run `make messages` (compilemessages)"


def test_every_string_of_ours_is_in_the_catalogues(tmp_path):
    if shutil.which("xgettext") is None:
        pytest.skip("needs GNU gettext's xgettext (CI installs it)")
    for source in SOURCES:
        shutil.copytree(
            ROOT / source,
            tmp_path / source,
            ignore=shutil.ignore_patterns("locale", "migrations", "__pycache__"),
        )
    (tmp_path / "locale").mkdir()
    subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale=az",
            "--no-location",
            "--verbosity=0",
        ],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=True,
        timeout=120,
    )
    extracted = {m.id for m in _messages(tmp_path / "locale/az/LC_MESSAGES/django.po")}
    shipped = {m.id for m in _messages(ROOT / "locale/az/LC_MESSAGES/django.po")}

    assert "Creative Market" in extracted
    assert sorted(map(str, extracted - shipped)) == [], "run `make messages`"
    assert sorted(map(str, shipped - extracted)) == [], "obsolete entries"
