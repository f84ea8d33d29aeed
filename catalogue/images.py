"""Product images as the pages send them: WebP thumbnails in a few widths,
with the size of each, for `srcset`, `width` and `height`.

Thumbnails go through sorl-thumbnail (Oscar's OSCAR_THUMBNAILER), whose
key-value store remembers each one; a lookup is one cache read (a database
read on a cold cache). Every picture asks for as few widths as the layout
needs (two for a card or the main image, one for a gallery thumbnail), and a
page asks for all of its pictures' thumbnails in one `cache.get_many`
(`pictures`): 24 cards cost one cache round trip, not 48. A thumbnail the
store does not know yet is made by sorl as usual.
"""

from __future__ import annotations

from dataclasses import dataclass

from sorl.thumbnail import default, get_thumbnail
from sorl.thumbnail.conf import defaults as sorl_defaults
from sorl.thumbnail.conf import settings as sorl_settings
from sorl.thumbnail.helpers import ThumbnailError
from sorl.thumbnail.images import ImageFile, deserialize_image_file
from sorl.thumbnail.kvstores.base import add_prefix

# (geometry, crop) per use; widths are CSS pixels at 1x and 2x.
CARD_WIDTHS = (320, 640)
CARD_RATIO = (4, 3)
MAIN_WIDTHS = (600, 1000)
THUMB_SIZE = 96
WEBP_QUALITY = 80


@dataclass(frozen=True)
class Picture:
    """One image in two widths: `src` (the smaller), `srcset`, and the
    intrinsic width and height of `src` (so the page does not jump)."""

    src: str
    srcset: str
    width: int
    height: int


def _options(**options) -> dict:
    return {"format": "WEBP", "quality": WEBP_QUALITY, "upscale": False, **options}


def _thumbnail(source, geometry: str, known: dict | None = None, **options):
    found = (known or {}).get(_request_key(source, geometry, options))
    if found is not None:
        return found
    return get_thumbnail(source, geometry, **_options(**options))


def _request_key(source, geometry: str, options: dict) -> tuple:
    name = getattr(source, "name", source)
    return (str(name), geometry, tuple(sorted(options.items())))


def _store_key(source, geometry: str, options: dict) -> tuple[str, ImageFile]:
    """The key-value store's key of a thumbnail, as `get_thumbnail` builds
    it (sorl.thumbnail.base.ThumbnailBackend.get_thumbnail)."""
    backend = default.backend
    full = _options(**options)
    for key, value in backend.default_options.items():
        full.setdefault(key, value)
    for key, attr in backend.extra_options:
        value = getattr(sorl_settings, attr)
        if value != getattr(sorl_defaults, attr):
            full.setdefault(key, value)
    name = backend._get_thumbnail_filename(ImageFile(source), geometry, full)
    thumbnail = ImageFile(name, default.storage)
    return add_prefix(thumbnail.key), thumbnail


def known_thumbnails(requests: list[tuple]) -> dict:
    """The thumbnails the store already knows among `requests` ((source,
    geometry, options) triples), read in one cache round trip, by request."""
    keys = {}
    for source, geometry, options in requests:
        if not source:
            continue
        try:
            store_key, _thumbnail_file = _store_key(source, geometry, options)
        except (ThumbnailError, OSError, ValueError, AttributeError):
            continue
        keys[store_key] = _request_key(source, geometry, options)
    cache = getattr(default.kvstore, "cache", None)
    if cache is None or not keys:
        return {}
    found = {}
    for store_key, value in cache.get_many(list(keys)).items():
        if not isinstance(value, str | bytes):
            continue  # not sorl's serialised entry: sorl asks its own store
        try:
            found[keys[store_key]] = deserialize_image_file(value)
        except (TypeError, ValueError):
            continue
    return found


def _picture(
    source, geometries: list[str], known: dict | None = None, **options
) -> Picture | None:
    if not source:
        return None
    try:
        thumbnails = [
            _thumbnail(source, geometry, known, **options) for geometry in geometries
        ]
        first = thumbnails[0]
        seen, entries = set(), []
        for thumbnail in thumbnails:
            if thumbnail.width in seen:
                continue  # a small original: both widths are the original's
            seen.add(thumbnail.width)
            entries.append(f"{thumbnail.url} {thumbnail.width}w")
    except (OSError, TypeError):
        # The original is missing or unreadable (sorl gives a thumbnail with no
        # size): the page shows no picture rather than failing.
        return None
    return Picture(
        src=first.url,
        srcset=", ".join(entries),
        width=first.width,
        height=first.height,
    )


def _card_geometries() -> list[str]:
    across, down = CARD_RATIO
    return [f"{width}x{width * down // across}" for width in CARD_WIDTHS]


MAIN_GEOMETRIES = [f"{width}x{width}" for width in MAIN_WIDTHS]
THUMB_GEOMETRIES = [f"{THUMB_SIZE}x{THUMB_SIZE}"]
CROP = {"crop": "center"}


def card_requests(source) -> list[tuple]:
    return [(source, geometry, CROP) for geometry in _card_geometries()]


def gallery_requests(source, *, with_thumb: bool) -> list[tuple]:
    requests = [(source, geometry, {}) for geometry in MAIN_GEOMETRIES]
    if with_thumb:
        requests += [(source, geometry, CROP) for geometry in THUMB_GEOMETRIES]
    return requests


def card_picture(source, known: dict | None = None) -> Picture | None:
    """A card's image: cropped to 4:3, 320 and 640 px wide."""
    return _picture(source, _card_geometries(), known, **CROP)


def main_picture(source, known: dict | None = None) -> Picture | None:
    """The product page's large image: its own shape, 600 and 1000 px wide."""
    return _picture(source, MAIN_GEOMETRIES, known)


def thumb_picture(source, known: dict | None = None) -> Picture | None:
    """A gallery thumbnail: a 96 px square (sharp enough at 2x for 48 px)."""
    return _picture(source, THUMB_GEOMETRIES, known, **CROP)
