"""Renditions read from the cache are not written back to it (cms/renditions.py,
Wagtail's fix wagtail/wagtail#14541 applied to the installed version)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def writes(monkeypatch):
    """The keys written to the renditions' cache, in order: a spy around the
    real backend's set and set_many, which still write."""
    backend = Rendition.cache_backend
    keys = []
    real_set, real_set_many = backend.set, backend.set_many
    inside_many = []  # Django's base set_many calls set for each key

    def spy_set(key, value, *args, **kwargs):
        if not inside_many:
            keys.append(key)
        return real_set(key, value, *args, **kwargs)

    def spy_set_many(values, *args, **kwargs):
        keys.extend(values)
        inside_many.append(True)
        try:
            return real_set_many(values, *args, **kwargs)
        finally:
            inside_many.pop()

    monkeypatch.setattr(backend, "set", spy_set)
    monkeypatch.setattr(backend, "set_many", spy_set_many)
    return keys


@pytest.fixture
def image():
    cache.clear()
    return Image.objects.create(title="Studio", file=get_test_image_file())


def _fresh(image) -> Image:
    return Image.objects.get(pk=image.pk)


def test_a_new_rendition_is_made_and_cached_once(image, writes):
    rendition = image.get_rendition("max-120x80")

    assert rendition.pk is not None
    assert (rendition.width, rendition.height) == (106, 80)
    assert Rendition.objects.filter(image=image).count() == 1
    assert len(writes) == 1


def test_a_cached_rendition_is_read_without_a_query_or_a_write(image, writes):
    made = image.get_rendition("max-120x80")
    writes.clear()
    again = _fresh(image)

    with CaptureQueriesContext(connection) as queries:
        rendition = again.get_rendition("max-120x80")

    assert rendition.pk == made.pk
    assert rendition.url == made.url
    assert len(queries) == 0
    assert writes == []


def test_cached_renditions_of_a_picture_are_not_written_back(image, writes):
    specs = ("format-webp|max-120x80", "format-png|max-120x80")
    made = image.get_renditions(*specs)
    assert len(writes) == 2
    writes.clear()
    again = _fresh(image)

    with CaptureQueriesContext(connection) as queries:
        found = again.get_renditions(*specs)

    assert {spec: r.pk for spec, r in found.items()} == {
        spec: r.pk for spec, r in made.items()
    }
    assert len(queries) == 0
    assert writes == []


def test_a_rendition_in_the_database_only_is_cached_on_the_way(image, writes):
    made = image.get_rendition("max-120x80")
    cache.clear()
    writes.clear()

    rendition = _fresh(image).get_rendition("max-120x80")

    assert rendition.pk == made.pk
    assert len(writes) == 1
    writes.clear()
    _fresh(image).get_rendition("max-120x80")
    assert writes == []


def test_a_bad_filter_is_still_wagtails_error(image):
    from wagtail.images.exceptions import InvalidFilterSpecError

    with pytest.raises(InvalidFilterSpecError):
        image.get_rendition(42)
