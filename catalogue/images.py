"""Product images as the pages send them: WebP thumbnails in a few widths,
with the size of each, for `srcset`, `width` and `height`.

Thumbnails go through sorl-thumbnail (Oscar's OSCAR_THUMBNAILER), whose
key-value store remembers each one; a lookup is one cache read (a database
read on a cold cache), so every picture asks for as few widths as the layout
needs: two for a card or the main image, one for a gallery thumbnail.
"""

from __future__ import annotations

from dataclasses import dataclass

from sorl.thumbnail import get_thumbnail

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


def _thumbnail(source, geometry: str, **options):
    return get_thumbnail(
        source,
        geometry,
        format="WEBP",
        quality=WEBP_QUALITY,
        upscale=False,
        **options,
    )


def _picture(source, geometries: list[str], **options) -> Picture | None:
    if not source:
        return None
    thumbnails = [_thumbnail(source, geometry, **options) for geometry in geometries]
    first = thumbnails[0]
    seen, entries = set(), []
    for thumbnail in thumbnails:
        if thumbnail.width in seen:
            continue  # a small original: both widths are the original's
        seen.add(thumbnail.width)
        entries.append(f"{thumbnail.url} {thumbnail.width}w")
    return Picture(
        src=first.url,
        srcset=", ".join(entries),
        width=first.width,
        height=first.height,
    )


def card_picture(source) -> Picture | None:
    """A card's image: cropped to 4:3, 320 and 640 px wide."""
    across, down = CARD_RATIO
    geometries = [f"{width}x{width * down // across}" for width in CARD_WIDTHS]
    return _picture(source, geometries, crop="center")


def main_picture(source) -> Picture | None:
    """The product page's large image: its own shape, 600 and 1000 px wide."""
    return _picture(source, [f"{width}x{width}" for width in MAIN_WIDTHS])


def thumb_picture(source) -> Picture | None:
    """A gallery thumbnail: a 96 px square (sharp enough at 2x for 48 px)."""
    return _picture(source, [f"{THUMB_SIZE}x{THUMB_SIZE}"], crop="center")
