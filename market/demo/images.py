"""Product and resident images drawn locally with Pillow (nothing downloaded)."""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

SIZE = 640


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines[:4]


def _pattern(draw: ImageDraw.ImageDraw, kind: str, seed: bytes, colour) -> None:
    """A simple motif per kind, varied by a hash of the title."""
    light = tuple(min(255, c + 60) for c in colour)
    for index in range(12):
        a, b, c = (
            seed[index],
            seed[index + 12],
            seed[index + 24 if index < 8 else index],
        )
        x, y, r = a * SIZE // 255, b * SIZE // 255, 20 + c // 4
        if kind == "physical":  # carpet-like diamonds
            draw.polygon(
                [(x, y - r), (x + r, y), (x, y + r), (x - r, y)], outline=light, width=4
            )
        elif kind == "digital":  # waveform bars
            draw.rectangle(
                [
                    index * 52 + 10,
                    SIZE // 2 - r * 2,
                    index * 52 + 40,
                    SIZE // 2 + r * 2,
                ],
                fill=light,
            )
        elif kind == "service":  # rings
            draw.ellipse([x - r, y - r, x + r, y + r], outline=light, width=5)
        else:  # course: rows of seats
            draw.rounded_rectangle([x, y, x + r, y + r], radius=6, fill=light)


def product_image(title: str, kind: str, colour: str) -> ContentFile:
    """A square PNG: the resident's colour, a motif of the kind, the title."""
    seed = hashlib.sha256(f"{title}|{kind}".encode()).digest()
    base = _rgb(colour)
    image = Image.new("RGB", (SIZE, SIZE), base)
    draw = ImageDraw.Draw(image)
    _pattern(draw, kind, seed, base)
    draw.rectangle([0, SIZE - 190, SIZE, SIZE], fill=(20, 20, 28))
    font = _font(40)
    for number, line in enumerate(_wrap(title, 24)):
        draw.text((28, SIZE - 170 + number * 46), line, fill=(255, 255, 255), font=font)
    return _png(image, f"{seed.hex()[:16]}.png")


def logo_image(name: str, colour: str) -> ContentFile:
    """A round monogram logo for a resident."""
    image = Image.new("RGB", (320, 320), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.ellipse([10, 10, 310, 310], fill=_rgb(colour))
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    draw.text((160, 160), initials, fill=(255, 255, 255), font=_font(120), anchor="mm")
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    return _png(image, f"logo-{digest}.png")


def _png(image: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=name)
