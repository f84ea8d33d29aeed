"""Keyset pages for the token endpoints: newest first by primary key, an
opaque `cursor` (the last id seen, base64) and a fixed page size, so a page
costs the same queries however deep it is."""

import base64
import binascii

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Schema

from .problems import ApiRefusal

PAGE_SIZE = 20


class PageOut(Schema):
    next: str | None = None


def _forged() -> ApiRefusal:
    return ApiRefusal(
        _("The cursor is not one this API gave: follow `next` as it is."),
        status=422,
        type="invalid-input",
    )


def _decode(cursor: str) -> int:
    try:
        value = int(base64.urlsafe_b64decode(cursor.encode("ascii") + b"==").decode())
    except (ValueError, UnicodeError, binascii.Error):
        value = -1
    if not 1 <= value <= 2**63 - 1:
        raise _forged()
    return value


def _encode(value: int) -> str:
    return base64.urlsafe_b64encode(str(value).encode()).decode().rstrip("=")


def keyset_page(queryset: QuerySet, cursor: str | None, field: str = "pk"):
    """One page of `queryset` ordered by `-field`, and the next cursor."""
    if cursor:
        queryset = queryset.filter(**{f"{field}__lt": _decode(cursor)})
    rows = list(queryset.order_by(f"-{field}")[: PAGE_SIZE + 1])
    following = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        following = _encode(rows[-1].pk if field == "pk" else getattr(rows[-1], field))
    return rows, following


# Offset cursors: for lists ordered by the search backend (relevance, price),
# which pages by offset. Deeper than this is refused: nobody pages that far,
# and a forged offset must not make the backend scan.
MAX_OFFSET = 10_000


def offset_cursor(offset: int) -> str:
    """The opaque cursor of the page starting at `offset`."""
    return _encode(offset)


def offset_of(cursor: str | None) -> int:
    """The offset a cursor of `offset_cursor` holds (0 without one); a cursor
    this API did not give is a 422 problem."""
    if not cursor:
        return 0
    offset = _decode(cursor)
    if offset > MAX_OFFSET:
        raise _forged()
    return offset
