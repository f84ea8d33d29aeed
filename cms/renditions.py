"""Image renditions read from the cache are not written back to it.

Wagtail 8.0 marks a rendition `_from_cache` only when it came from a
prefetch, not when it came from the cache itself, so every `{% picture %}`
and `{% image %}` wrote the renditions it had just read back to the cache
(`set_many`, and `set` in `get_rendition` without even looking): a cache
write per image per page view, on every page of both sites (issue 16: five
on the market home, one for the brand logo on every page). Wagtail fixed both
upstream (wagtail/wagtail#14541, merged as c1c39fe); `install()` applies the
same fix to the installed version until it ships. Prefetched renditions and
the database lookup are Wagtail's own code, unchanged.
"""

from __future__ import annotations

from wagtail.images.models import AbstractImage, Filter

_original_find = AbstractImage.find_existing_renditions
_original_get = AbstractImage.get_rendition


def find_existing_renditions(self, *filters: Filter):
    """Wagtail's lookup (prefetched renditions, else the cache, else the
    database), with the renditions found in the cache marked as such."""
    if self._get_prefetched_renditions() is not None:
        return _original_find(self, *filters)
    rendition_model = self.get_rendition_model()
    by_key = {
        rendition_model.construct_cache_key(
            self, filter.get_cache_key(self), filter.spec
        ): filter
        for filter in filters
    }
    found = {}
    for key, rendition in rendition_model.cache_backend.get_many(list(by_key)).items():
        rendition.image = self
        rendition._from_cache = True
        found[by_key[key]] = rendition
    missing = [filter for filter in filters if filter not in found]
    if missing:
        found.update(_original_find(self, *missing))
    return found


def get_rendition(self, filter: Filter | str):
    """Wagtail's `get_rendition` through its `get_renditions` (one filter:
    the same lookup, the same race-safe creation), which writes the cache
    only for renditions that did not come from it. The one value is taken
    as is: an SVG's filter spec is rewritten on the way."""
    if not isinstance(filter, (Filter, str)):
        return _original_get(self, filter)  # Wagtail's own error
    return next(iter(self.get_renditions(filter).values()))


def install() -> None:
    """Called once from the cms app's ready()."""
    AbstractImage.find_existing_renditions = find_existing_renditions
    AbstractImage.get_rendition = get_rendition
