"""The hostile crawler: every URL pattern of the site, as an anonymous visitor,
a buyer, a resident and staff, with hostile values in the path, the query
string and form bodies. Nothing may answer 5xx.

How it walks (about 5,000 requests; the figures are printed):
1. Every pattern of the root URLconf (Oscar's shop and dashboard, Wagtail's
   admin and pages, ours) is turned into paths: one with real values (taken
   from links the crawl itself finds on the pages, else from the demo-like
   objects made below), and hostile ones (a number too large for any column,
   a negative one where the pattern allows it, 10,000 characters, control
   characters). Wagtail's page that fails on purpose is left out.
2. Each role GETs each real path; staff GET every hostile path, the
   anonymous visitor those of the shop (the admin sends them to sign in).
3. Hostile query strings, given to the parameter names the site's views and
   forms read: the anonymous visitor sends each kind (NUL, control
   characters, 10,000-character strings, huge, negative and non-finite
   numbers, unknown choices, malformed dates) to every page of the shop; the
   buyer and the resident one mixed string (each name another kind); staff
   one mixed string to every page of the admin they can open.
4. Hostile form bodies: POSTed by the anonymous visitor, the buyer and the
   resident to every path of the shop and the content, and by staff to the
   admin's, last (a POST may delete).

Every request runs in a savepoint: a database error in one (PostgreSQL
aborts the transaction on one) cannot hide the next. The failures are
collected and printed with the exception, then the list is asserted empty.
CI runs it on PostgreSQL, where NUL bytes are refused by the database.
"""

from __future__ import annotations

import datetime
import re
import time
from collections import Counter, defaultdict
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from oscar.test.factories import OrderFactory, OrderLineFactory

from catalogue.kinds import PHYSICAL
from market.bookings.services import SlotRequest, booking_create, feed_for
from tests.factories import course_product
from tests.factories.studios import baku, make_room, next_weekday

HUGE = "99999999999999999999999"
LONG = "x" * 10_000
CONTROL = "\x01\x07\x08\x1b[31m\r\n\t\u202e\ufeff"
NUL = "a\x00b"

# The parameter names the site's views and forms read (search and facets,
# lists, pagination and sorting in the shop, the dashboards and the admin,
# statements and reports, redirects, Stripe's return).
QUERY_NAMES = (
    "q",
    "page",
    "p",
    "sort",
    "sort_by",
    "dir",
    "ordering",
    "order_by",
    "kind",
    "category",
    "programme",
    "resident",
    "ships_to",
    "language",
    "level",
    "region",
    "in_stock",
    "price",
    "price_min",
    "price_max",
    "start",
    "end",
    "date_from",
    "date_to",
    "status",
    "format",
    "tag",
    "next",
    "currency",
    "payment_intent",
    "locale",
    "per_page",
    "id",
    "pk",
    "week",
    "day",
    "date",
    "room",
)

# One query string per kind of hostile value: every name gets it.
# The kinds of hostile query value; a kind with several values gives the
# names different ones (rotating from path to path).
QUERY_VALUES = {
    "nul": [NUL],
    "control": [CONTROL],
    "long": [LONG],
    "numbers": [HUGE, "-1", "1e309", "-" + HUGE, "NaN", "0"],
    "choice": ["no-such-choice"],
    "dates": ["0000-13-45", "9999-12-31", "0001-01-01", "31/02/2020", "2025-1-1T25"],
}
# Wagtail's page that fails on purpose, to try the 500 page.
DELIBERATE_ERRORS = {"cms/failwhale/"}
ADMIN_PREFIXES = ("cms/", "dashboard/", "_util/")

ROLES = ("anonymous", "buyer", "resident", "staff")


def _join(route: str, sub: str) -> str:
    # As Django's ResolverMatch.route joins them.
    return sub if not route else route + sub.removeprefix("^")


def _walk(patterns, route="", converters=None):
    """(route, parameter kinds by name) for every URLPattern: a converter's
    class name, or "regex:..." for a group of a regex route."""
    for entry in patterns:
        kinds = dict(converters or {})
        text = str(entry.pattern)
        if isinstance(entry.pattern, RoutePattern):
            for name, converter in entry.pattern.converters.items():
                kinds[name] = type(converter).__name__
        else:
            for name, regex in _regex_groups(text):
                numeric = regex in (r"\d+", r"-?\d+")
                kinds[name] = "IntConverter" if numeric else "regex:" + regex
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, _join(route, text), kinds)
        elif isinstance(entry, URLPattern):
            yield _join(route, text), kinds


def _group_end(text: str, start: int) -> int:
    """The index just past the group opening at `start`."""
    depth, index, in_class = 0, start, False
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return index


def _regex_groups(text: str):
    """(name, inner regex) of the capturing groups of a regex route; unnamed
    ones are named _1, _2..."""
    index, number = 0, 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == "(" and not text.startswith("(?:", index):
            end = _group_end(text, index)
            named = re.match(r"\(\?P<(\w+)>", text[index:])
            if named:
                yield named.group(1), text[index + len(named.group(0)) : end - 1]
            else:
                number += 1
                yield f"_{number}", text[index + 1 : end - 1]
            index = end
            continue
        index += 1


def _fill(route: str, values: dict[str, str]) -> str:
    """The path of `route` with each parameter replaced by its value."""
    out, index, number = [], 0, 0
    while index < len(route):
        char = route[index]
        if char == "<":
            end = route.index(">", index)
            name = route[index + 1 : end].split(":")[-1]
            out.append(values[name])
            index = end + 1
        elif char == "(" and not route.startswith("(?:", index):
            end = _group_end(route, index)
            named = re.match(r"\(\?P<(\w+)>", route[index:])
            if named:
                out.append(values[named.group(1)])
            else:
                number += 1
                out.append(values.get(f"_{number}", ""))
            index = end
        elif char in "^$":
            index += 1
        elif char == "\\" and index + 1 < len(route):
            out.append(route[index + 1])
            index += 2
        elif char in "?*+":
            index += 1
        else:
            out.append(char)
            index += 1
    return "/" + "".join(out)


def _hostile_fills(kinds: dict[str, str]) -> list[dict[str, str]]:
    fills = []
    for style in ("huge", "control", "long"):
        values = {}
        for name, kind in kinds.items():
            if kind == "IntConverter":
                values[name] = {"huge": HUGE, "control": "-1", "long": "0"}[style]
            elif kind == "UUIDConverter":
                values[name] = "00000000-0000-0000-0000-000000000000"
            elif kind.startswith("regex:") or kind == "SlugConverter":
                values[name] = {"huge": HUGE, "control": "a-b", "long": LONG}[style]
            else:
                values[name] = {
                    "huge": HUGE,
                    "control": quote(CONTROL, safe=""),
                    "long": LONG,
                }[style]
        fills.append(values)
    return fills


def _query(kind: str, shift: int) -> str:
    return urlencode(_query_pairs(kind, shift))


def _query_pairs(kind: str, shift: int) -> list[tuple[str, str]]:
    """Every name with a value of `kind` ("mixed": each name another kind;
    NUL aside, as one NUL anywhere refuses the request before any view)."""
    kinds = [k for k in QUERY_VALUES if k != "nul"]
    pairs = []
    for index, name in enumerate(QUERY_NAMES):
        if kind == "long" and (index + shift) % 3:
            continue  # a third of the names at a time: 10,000 characters each
        chosen = kinds[(index + shift) % len(kinds)] if kind == "mixed" else kind
        values = QUERY_VALUES[chosen]
        pairs.append((name, values[(index + shift) % len(values)]))
    return pairs


def _is_admin(path: str) -> bool:
    return path.lstrip("/").startswith(ADMIN_PREFIXES)


_LINK = re.compile(r'(?:href|action)="(/[^"#?]*)')


@pytest.fixture
def demo(sites, catalogue, resident, owner, buyer, staff):
    """Demo-like objects every page can show: the two sites, a product of each
    kind, a course with a session, an order of the buyer with a line of the
    resident's."""
    now = timezone.now()
    course = course_product(
        resident=resident,
        title="Səs dizaynı",
        price=Decimal("0.00"),
        sessions=[
            (
                now + datetime.timedelta(days=3),
                now + datetime.timedelta(days=3, hours=2),
            )
        ],
    )
    room = make_room(slug="ses-otagi")
    booking = booking_create(
        request=SlotRequest(
            room_id=room.pk,
            starts_at=baku(next_weekday(timezone.localdate(), 1), 12),
            minutes=60,
        ),
        booker=buyer,
    )
    order = OrderFactory(user=buyer)
    line = OrderLineFactory(
        order=order, product=catalogue[PHYSICAL], partner=resident.partner
    )
    return {
        "product_pk": str(catalogue[PHYSICAL].pk),
        "parent_pk": str(catalogue[PHYSICAL].pk),
        "pk": str(catalogue[PHYSICAL].pk),
        "product_slug": catalogue[PHYSICAL].slug,
        "category_slug": catalogue["category"].slug,
        "partner_pk": str(resident.partner.pk),
        "user_pk": str(owner.pk),
        "number": order.number,
        "line_id": str(line.pk),
        "slug": resident.slug,
        "kind": PHYSICAL,
        "product_class_slug": "physical",
        "section": "products",
        "course": str(course.pk),
        "room_slug": room.slug,
        "reference": str(booking.reference),
        "token": feed_for(buyer).token,
    }


def _request(client, method, path, data, failures, counts, role, label):
    counts["requests"] += 1
    started = time.monotonic()
    try:
        return _timed_request(client, method, path, data, failures, counts, role, label)
    finally:
        area = "admin" if _is_admin(path) else "shop"
        counts[f"seconds {area} {role} {label}"] += time.monotonic() - started
        counts[f"requests {area} {role} {label}"] += 1


def _timed_request(client, method, path, data, failures, counts, role, label):
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(path, data)
            else:
                response = client.post(path, data)
            if response.status_code >= 500:
                # A failed request must not leave its writes behind.
                transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - every failure is collected
        failures.append((role, method, label, path[:120], repr(error)[:300]))
        return None
    if response.status_code >= 500:
        detail = ""
        if getattr(response, "exc_info", None):
            error = response.exc_info[1]
            detail = f"{type(error).__name__}: {error}"[:300]
        failures.append((role, method, label, path[:120], response.status_code, detail))
    counts[response.status_code // 100] += 1
    return response


@pytest.mark.slow
@pytest.mark.django_db
def test_no_url_answers_5xx_to_hostile_input(demo, buyer, owner, staff):
    """Given every URL pattern and the demo-like objects, when each role sends
    hostile paths, query strings and form bodies, then no answer is a 5xx."""
    started = time.monotonic()
    routes = list(_walk(get_resolver().url_patterns))
    users = {"anonymous": None, "buyer": buyer, "resident": owner, "staff": staff}
    failures: list[tuple] = []
    counts: Counter = Counter()
    harvested: dict[str, str] = {}

    def harvest(response):
        if response is None or "html" not in response.get("Content-Type", ""):
            return
        for path in _LINK.findall(response.content.decode(errors="replace")):
            try:
                match = resolve(path)
            except Resolver404:
                continue
            harvested.setdefault(match.route, path)

    routes = [(r, kinds) for r, kinds in routes if r not in DELIBERATE_ERRORS]
    plain = [(route, kinds) for route, kinds in routes if not kinds]
    with_parameters = [(route, kinds) for route, kinds in routes if kinds]
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if users[role] is not None:
            client.force_login(users[role])
        clients[role] = client

    # 1. Paths without parameters: plain (harvesting links), then hostile
    # query strings.
    answered: set[str] = set()  # the admin's pages that staff get (200)
    for role in ROLES:
        for route, _kinds in plain:
            path = _fill(route, {})
            response = _request(
                clients[role], "GET", path, {}, failures, counts, role, "plain"
            )
            harvest(response)
            if role == "staff" and response is not None and response.status_code == 200:
                answered.add(path)

    # 2. Paths with parameters: real values (harvested, else the demo's), and
    # hostile ones.
    real_paths = [_fill(route, {}) for route, _kinds in plain]
    hostile_paths = []
    for route, kinds in with_parameters:
        if route in harvested:
            real_paths.append(harvested[route])
        else:
            values = {
                name: demo.get(name, demo["pk"])
                if kind == "IntConverter" or not name.startswith("_")
                else ""
                for name, kind in kinds.items()
            }
            real_paths.append(_fill(route, values))
        hostile_paths.extend(_fill(route, values) for values in _hostile_fills(kinds))

    shop_paths = [p for p in real_paths if not _is_admin(p)]
    admin_paths = [p for p in real_paths if _is_admin(p)]
    for role in ROLES:
        client = clients[role]
        for path in real_paths[len(plain) :]:
            response = _request(client, "GET", path, {}, failures, counts, role, "real")
            if role == "staff" and response is not None and response.status_code == 200:
                answered.add(path)
        # Hostile paths: staff (who may open every page) everywhere, the
        # anonymous visitor in the shop (the admin sends them to sign in).
        for path in hostile_paths:
            if role == "staff" or (role == "anonymous" and not _is_admin(path)):
                _request(client, "GET", path, {}, failures, counts, role, "path")

    # 3. Hostile query strings: the anonymous visitor sends every kind of
    # value to each page of the shop; the buyer and the resident one mixed
    # string each (each name another kind); staff one mixed string to each
    # page of the admin.
    for index, path in enumerate(shop_paths):
        for kind in QUERY_VALUES:
            query = _query(kind, index)
            _request(
                clients["anonymous"], "GET", f"{path}?{query}", {},
                failures, counts, "anonymous", kind,
            )  # fmt: skip
        for role in ("buyer", "resident"):
            query = _query("mixed", index)
            _request(
                clients[role], "GET", f"{path}?{query}", {},
                failures, counts, role, "mixed",
            )  # fmt: skip
    # (Only the admin's pages staff get: the others redirect or 404 first.)
    for index, path in enumerate(p for p in admin_paths if p in answered):
        query = _query("mixed", index)
        _request(
            clients["staff"], "GET", f"{path}?{query}", {},
            failures, counts, "staff", "mixed",
        )  # fmt: skip

    # 4. Hostile form bodies (no NUL: refused before any view reads them);
    # staff's POSTs to the admin last (they may delete).
    for index, path in enumerate(shop_paths):
        body = dict(_query_pairs("mixed", index))
        for role in ("anonymous", "buyer", "resident"):
            _request(clients[role], "POST", path, body, failures, counts, role, "post")
    for index, path in enumerate(admin_paths):
        body = dict(_query_pairs("mixed", index))
        _request(
            clients["staff"], "POST", path, body, failures, counts, "staff", "post"
        )

    seconds = time.monotonic() - started
    by_route = defaultdict(list)
    for failure in failures:
        by_route[failure[3]].append(failure)
    print(  # noqa: T201 - the figures the issue asks for
        f"\nhostile crawler: {len(routes)} URL patterns "
        f"({len(plain)} without parameters, {len(harvested)} filled from links), "
        f"{len(real_paths)} real paths + {len(hostile_paths)} hostile paths, "
        f"{len(ROLES)} roles, {len(QUERY_VALUES)} kinds of query value; "
        f"{counts['requests']} requests in {seconds:.1f} s; "
        f"answers: " + ", ".join(f"{k}xx {counts[k]}" for k in (2, 3, 4, 5))
    )
    for failure in failures[:60]:
        print("  ", failure)  # noqa: T201
    assert failures == []
