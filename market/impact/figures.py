"""Every figure of the Centre's impact, each defined once, here.

The dashboard, its exports, the quarterly PDF and the public page all read
these functions; the README's "Impact reporting" section repeats the
definitions (`definitions()`). Money is read from the ledger
(market.payouts, AZN) and nowhere else, so every money figure equals the
ledger's own totals for the same period to the cent
(tests/market/impact/test_reconciliation.py). Periods are whole days in the
Centre's time zone (Asia/Baku), ranges [start, end).

Counts of learners are counts only, and pass the small-cell rule
(`tables.protect`) before anyone sees them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.order.models import Line, Order
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import DIGITAL
from catalogue.licences import TIER_NAMES, TIER_ORDER
from catalogue.models import ProductAttributeValue, ProductClass
from market.bookings.figures import use_by_programme
from market.export.countries import country_name
from market.export.models import Parcel, ParcelStatus
from market.learning.models import (
    AGE_BANDS,
    REGIONS,
    Certificate,
    Seat,
    SeatSource,
    SeatStatus,
)
from market.payouts.models import EntryKind, LedgerEntry
from market.residents.models import Programme, Resident, ResidentStatus
from market.residents.selectors import public_products, public_residents

from .periods import Period
from .tables import (
    SUPPRESSED,
    Column,
    Table,
    _Suppressed,
    figure,
    protect,
    totals_row,
)

ZERO = Decimal("0.00")
TOTAL = pgettext_lazy("impact table", "Total")
# Parcels that left the country: handed to the carrier or delivered.
SENT = [ParcelStatus.SHIPPED, ParcelStatus.DELIVERED]
CAPITAL_NAMES = {"baku", "bakı", "баку"}


def _money(value) -> Decimal:
    return (value or ZERO).quantize(Decimal("0.01"))


def _local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _within(period: Period, field: str) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


# Residents -----------------------------------------------------------------


def _residents(programme: str) -> QuerySet[Resident]:
    residents = Resident.objects.all()
    return residents.filter(programme=programme) if programme else residents


def residents_table(*, period: Period, programme: str = "") -> Table:
    """Residents per programme: where they stand today, and what changed in
    the period (applications received, residents approved)."""
    residents = _residents(programme)
    rows = (
        residents.values("programme")
        .annotate(
            applied=Count("pk", filter=Q(status=ResidentStatus.APPLIED)),
            approved=Count("pk", filter=Q(status=ResidentStatus.APPROVED)),
            suspended=Count("pk", filter=Q(status=ResidentStatus.SUSPENDED)),
            startups=Count(
                "pk",
                filter=Q(status=ResidentStatus.APPROVED) & ~Q(startup_name=""),
            ),
            new=Count("pk", filter=_within(period, "created_at")),
            approved_in_period=Count(
                "pk",
                filter=Q(status=ResidentStatus.APPROVED)
                & _within(period, "decided_at"),
            ),
        )
        .order_by()
    )
    by_programme = {row["programme"]: row for row in rows}
    columns = [
        Column("programme", _("Programme"), "text"),
        Column("approved", _("Approved residents"), "count"),
        Column("startups", _("Start-ups among them"), "count"),
        Column("applied", _("Waiting for a decision"), "count"),
        Column("suspended", _("Suspended"), "count"),
        Column("new", _("Applications in the period"), "count"),
        Column("approved_in_period", _("Approved in the period"), "count"),
    ]
    keys = [column.key for column in columns[1:]]
    table_rows = [
        [label, *[by_programme.get(value, {}).get(key, 0) for key in keys]]
        for value, label in Programme.choices
        if not programme or value == programme
    ]
    return Table(
        key="residents",
        title=_("Residents"),
        definition=_(
            "A resident is a seller the Centre approved. Approved, waiting and "
            "suspended are counted today; applications and approvals by the "
            "date they happened. A start-up is an approved resident with a "
            "start-up name."
        ),
        columns=columns,
        rows=table_rows,
        total=totals_row(columns, table_rows, TOTAL),
        chart="approved",
    )


# Listings ------------------------------------------------------------------


def _sold_by_programme(programme: str) -> Q:
    if not programme:
        return Q()
    own = StockRecord.objects.filter(
        product=OuterRef("pk"), partner__resident__programme=programme
    )
    variants = StockRecord.objects.filter(
        product__parent=OuterRef("pk"), partner__resident__programme=programme
    )
    return Q(Exists(own)) | Q(Exists(variants))


def listings_table(*, period: Period, programme: str = "") -> Table:
    """Listings on sale today (the one rule "may this be sold now"), by kind,
    and how many of them were first listed in the period."""
    counts = {
        row["product_class"]: row
        for row in public_products()
        .filter(_sold_by_programme(programme))
        .values("product_class")
        .annotate(
            live=Count("pk"), new=Count("pk", filter=_within(period, "date_created"))
        )
        .order_by()
    }
    columns = [
        Column("kind", _("Kind"), "text"),
        Column("live", _("Listings on sale"), "count"),
        Column("new", _("First listed in the period"), "count"),
    ]
    rows = [
        [
            kind.get_name(),
            counts.get(kind.pk, {}).get("live", 0),
            counts.get(kind.pk, {}).get("new", 0),
        ]
        for kind in ProductClass.objects.order_by("pk")
    ]
    return Table(
        key="listings",
        title=_("Listings on sale"),
        definition=_(
            "A listing is on sale when it is public, approved by staff and sold "
            "by an approved resident (or the Centre). Counted today."
        ),
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, TOTAL),
        chart="live",
    )


# Money (the ledger) --------------------------------------------------------


def ledger_entries(*, period: Period, programme: str = "") -> QuerySet[LedgerEntry]:
    """The ledger entries of the period (by their own date); with
    `programme`, only the accounts of that programme's residents (the
    Centre's own account belongs to no programme)."""
    entries = LedgerEntry.objects.filter(_within(period, "created_at"))
    if programme:
        entries = entries.filter(account__programme=programme)
    return entries


# The money figures, and the ledger entries each one adds up. Entries are
# read grouped by (kind, whose side) and folded here, one pass over the
# ledger instead of one filtered sum per figure.
MONEY_KEYS = ("gross", "shipping", "refunds", "commission", "paid_out")
# Sums the ledger keeps negative that the tables show as positive amounts.
SHOWN_NEGATED = {"refunds", "commission", "paid_out"}


def money_key(kind: str, *, centre: bool) -> str | None:
    """Which money figure an entry of `kind` adds to; `centre` says whether
    it is on the Centre's own account."""
    if kind == EntryKind.SALE:
        # What buyers paid for lines, to whoever sold them.
        return "gross"
    if kind == EntryKind.SHIPPING:
        # What buyers paid for shipping.
        return "shipping"
    if kind == EntryKind.REFUND:
        # Refunded to buyers.
        return "refunds"
    if kind in (EntryKind.COMMISSION, EntryKind.COMMISSION_REFUND):
        # The Centre's commission less commission given back by refunds,
        # read on the residents' side (each is -c for the resident, +c for
        # the Centre) so that it splits by programme.
        return None if centre else "commission"
    if kind in (EntryKind.PAYOUT, EntryKind.PAYOUT_FAILED, EntryKind.REVERSAL):
        # Paid out to residents, less failed payouts and reversed transfers.
        return "paid_out"
    return None


def _fold(groups) -> dict[str, Decimal]:
    """Money figures from rows of (kind, centre, sum)."""
    sums = dict.fromkeys(MONEY_KEYS, ZERO)
    for kind, centre, amount in groups:
        key = money_key(kind, centre=centre)
        if key is not None:
            sums[key] += amount
    return {
        key: _money(-value if key in SHOWN_NEGATED else value)
        for key, value in sums.items()
    }


CENTRE_SIDE = ExpressionWrapper(Q(account__isnull=True), output_field=BooleanField())


def money_totals(*, period: Period, programme: str = "") -> dict[str, Decimal]:
    """The period's money figures, from the ledger."""
    groups = (
        ledger_entries(period=period, programme=programme)
        .annotate(centre=CENTRE_SIDE)
        .values("kind", "centre")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("kind", "centre", "total")
    )
    return _fold(groups)


def _orders_placed(*, period: Period, programme: str = "") -> QuerySet[Order]:
    """Orders placed (paid) in the period; with `programme`, those with a
    line sold by one of its residents."""
    orders = Order.objects.filter(_within(period, "date_placed"))
    if programme:
        orders = orders.filter(
            Exists(
                Line.objects.filter(
                    order=OuterRef("pk"), partner__resident__programme=programme
                )
            )
        )
    return orders


def _month_number(period: Period, field: str) -> Case:
    """The index in `period.months()` of each row's `field`: range tests on
    the column, cheaper than converting every row's time to Baku time and
    truncating it (a third of the query at 100,000 orders)."""
    firsts = [
        timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))
        for month in period.months()[1:]
    ]
    return Case(
        *[
            When(**{f"{field}__lt": first}, then=Value(index))
            for index, first in enumerate(firsts)
        ],
        default=Value(len(firsts)),
        output_field=IntegerField(),
    )


def sales_table(*, period: Period, programme: str = "") -> Table:
    """Orders and money per month of the period, from the ledger."""
    months = period.months()
    groups: dict[int, list] = {}
    for month, kind, centre, total in (
        ledger_entries(period=period, programme=programme)
        .annotate(month=_month_number(period, "created_at"), centre=CENTRE_SIDE)
        .values("month", "kind", "centre")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("month", "kind", "centre", "total")
    ):
        groups.setdefault(month, []).append((kind, centre, total))
    orders = dict(
        _orders_placed(period=period, programme=programme)
        .annotate(month=_month_number(period, "date_placed"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("month", "count")
    )
    columns = [
        Column("month", _("Month"), "text"),
        Column("orders", _("Orders paid"), "count"),
        Column("gross", _("Sales (gross)"), "money"),
        Column("shipping", _("Shipping"), "money"),
        Column("refunds", _("Refunds"), "money"),
        Column("commission", _("Commission"), "money"),
        Column("paid_out", _("Paid out to residents"), "money"),
    ]
    rows = []
    for index, month in enumerate(months):
        money = _fold(groups.get(index, []))
        rows.append(
            [
                date_format(month, "YEAR_MONTH_FORMAT"),
                orders.get(index, 0),
                *[money[column.key] for column in columns[2:]],
            ]
        )
    return Table(
        key="sales",
        title=_("Orders and sales"),
        definition=_(
            "Read from the ledger, in AZN, by the date of each entry. Sales are "
            "what buyers paid for items; refunds what was given back; "
            "commission is the Centre's share less commission returned with "
            "refunds; paid out is what reached residents' accounts less failed "
            "payouts and reversed transfers. An order is counted in the month "
            "it was paid."
        ),
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, TOTAL),
        chart="gross",
    )


# Exports -------------------------------------------------------------------


def sent_abroad(*, period: Period | None = None, programme: str = "") -> QuerySet:
    """Parcels that left for another country (shipped or delivered), by the
    day they were handed to the carrier."""
    parcels = Parcel.objects.filter(status__in=SENT).exclude(
        country=settings.MARKET_HOME_COUNTRY
    )
    if period is not None:
        parcels = parcels.filter(_within(period, "shipped_at"))
    if programme:
        parcels = parcels.filter(partner__resident__programme=programme)
    return parcels


def exports_table(*, period: Period, programme: str = "") -> Table:
    """Sales shipped abroad, by destination country."""
    parcels = sent_abroad(period=period, programme=programme)
    counts = {
        row["country"]: row
        for row in parcels.values("country")
        .annotate(
            parcels=Count("pk", distinct=True),
            orders=Count("order", distinct=True),
        )
        .order_by()
    }
    items = dict(
        parcels.values("country")
        .annotate(items=Sum("lines__quantity"))
        .order_by()
        .values_list("country", "items")
    )
    gross = dict(
        LedgerEntry.objects.filter(
            kind=EntryKind.SALE, line__parcels__in=parcels.values("pk")
        )
        .values("line__parcels__country")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("line__parcels__country", "total")
    )
    columns = [
        Column("country", _("Destination"), "text"),
        Column("parcels", _("Parcels"), "count"),
        Column("orders", _("Orders"), "count"),
        Column("items", _("Items"), "count"),
        Column("gross", _("Sales (gross)"), "money"),
    ]
    rows = sorted(
        (
            [
                country_name(country),
                row["parcels"],
                row["orders"],
                items.get(country) or 0,
                _money(gross.get(country)),
            ]
            for country, row in counts.items()
        ),
        key=lambda row: (-row[4], row[0]),
    )
    return Table(
        key="exports",
        title=_("Exports by destination"),
        definition=_(
            "An export is a parcel sent to a buyer in another country, counted "
            "on the day it was handed to the carrier, if it was not cancelled "
            "or returned since. Its sales are the ledger's sale entries of the "
            "items in it (before any later refund)."
        ),
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, TOTAL),
        chart="gross",
    )


# Digital sales by licence tier ---------------------------------------------


def licences_table(*, period: Period, programme: str = "") -> Table:
    """Digital sales of the period by licence tier, from the ledger."""
    tier = ProductAttributeValue.objects.filter(
        product=OuterRef("line__product"), attribute__code="licence"
    ).values("value_option__code")[:1]
    digital = Q(line__product__product_class__slug=DIGITAL) | Q(
        line__product__parent__product_class__slug=DIGITAL
    )
    sums = {
        row["tier"] or "": row
        for row in ledger_entries(period=period, programme=programme)
        .filter(digital, kind=EntryKind.SALE)
        .annotate(tier=Subquery(tier))
        .values("tier")
        .annotate(
            lines=Count("line", distinct=True),
            units=Sum("line__quantity"),
            gross=Sum("amount"),
        )
        .order_by()
    }
    columns = [
        Column("tier", _("Licence tier"), "text"),
        Column("lines", _("Sales"), "count"),
        Column("units", _("Licences sold"), "count"),
        Column("gross", _("Sales (gross)"), "money"),
    ]
    labels: list[tuple[str, str | Promise]] = [
        (code, TIER_NAMES[code]) for code in TIER_ORDER
    ]
    labels.append(("", _("Single file, no tiers")))
    rows = [
        [
            label,
            sums.get(code, {}).get("lines", 0),
            sums.get(code, {}).get("units") or 0,
            _money(sums.get(code, {}).get("gross")),
        ]
        for code, label in labels
    ]
    return Table(
        key="licences",
        title=_("Digital sales by licence tier"),
        definition=_(
            "Sales of digital files in the period, from the ledger, by the "
            "licence tier the buyer chose."
        ),
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, TOTAL),
        chart="gross",
    )


# Learners ------------------------------------------------------------------

LEARNER_NOTE = _("Kreativ Edu's figures are the same for every programme filter.")


def _seats_taken(period: Period) -> QuerySet[Seat]:
    """Seats taken in the period and not cancelled."""
    return Seat.objects.filter(_within(period, "created_at")).exclude(
        status=SeatStatus.CANCELLED
    )


def _learners_by(field: str, choices, period: Period) -> list[list]:
    profile = f"learner__learner_profile__{field}"
    enrolled = dict(
        _seats_taken(period)
        .values(profile)
        .annotate(n=Count("learner", distinct=True))
        .order_by()
        .values_list(profile, "n")
    )
    completed = dict(
        Seat.objects.filter(_within(period, "completed_at"))
        .exclude(status=SeatStatus.CANCELLED)
        .values(profile)
        .annotate(n=Count("learner", distinct=True))
        .order_by()
        .values_list(profile, "n")
    )
    certificate_profile = f"seat__{profile}"
    certificates = dict(
        Certificate.objects.filter(
            _within(period, "issued_at"), revoked_at__isnull=True
        )
        .values(certificate_profile)
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(certificate_profile, "n")
    )

    def merged(counts: dict, code: str) -> int:
        # A learner without a profile (None) has not given it either.
        if code == "":
            return counts.get("", 0) + counts.get(None, 0)
        return counts.get(code, 0)

    return [
        [
            label,
            merged(enrolled, code),
            merged(completed, code),
            merged(certificates, code),
        ]
        for code, label in [*choices, ("", _("Not given"))]
    ]


LEARNER_COLUMNS = [
    Column("enrolled", _("Learners enrolled"), "people"),
    Column("completed", _("Learners who completed"), "people"),
    Column("certificates", _("Certificates issued"), "people"),
]


def _learners_table(*, key: str, title, first: Column, field: str, choices, period):
    """Learners enrolled, completed and certified, by one profile field."""
    columns = [first, *LEARNER_COLUMNS]
    rows = _learners_by(field, choices, period)
    return protect(
        Table(
            key=key,
            title=title,
            definition=LEARNER_DEFINITION,
            columns=columns,
            rows=rows,
            total=totals_row(columns, rows, TOTAL),
            chart="enrolled",
            notes=[LEARNER_NOTE],
        )
    )


def learners_by_region_table(*, period: Period, programme: str = "") -> Table:
    """Kreativ Edu learners by the region they gave (with consent)."""
    return _learners_table(
        key="learners_region",
        title=_("Learners by region"),
        first=Column("region", _("Region"), "text"),
        field="region",
        choices=REGIONS,
        period=period,
    )


def learners_by_age_table(*, period: Period, programme: str = "") -> Table:
    """Kreativ Edu learners by the age band they gave (with consent)."""
    return _learners_table(
        key="learners_age",
        title=_("Learners by age"),
        first=Column("age", _("Age"), "text"),
        field="age_band",
        choices=AGE_BANDS,
        period=period,
    )


LEARNER_DEFINITION = _(
    "A learner is enrolled when they took a seat on a Kreativ Edu course in the "
    "period (paid, free or sponsored) and did not cancel it; a learner "
    "completed when their teacher marked the course complete in the period; a "
    "certificate counts when issued in the period and not revoked. Regions and "
    "age bands are those learners agreed to give. A learner enrolled on two "
    "courses counts once per row. Counts under 5 are shown as “fewer than 5”."
)


def sponsored_table(*, period: Period, programme: str = "") -> Table:
    """Sponsored seats taken in the period, by sponsor and learner region."""
    region_names = dict(REGIONS)
    counts = (
        Seat.objects.filter(source=SeatSource.SPONSORED)
        .filter(_within(period, "created_at"))
        .exclude(status=SeatStatus.CANCELLED)
        .values("quota__sponsor", "learner__learner_profile__region")
        .annotate(n=Count("pk"))
        .order_by("quota__sponsor", "learner__learner_profile__region")
    )
    columns = [
        Column("sponsor", _("Sponsor"), "text"),
        Column("region", _("Region"), "text"),
        Column("seats", _("Sponsored seats used"), "people"),
    ]
    rows = [
        [
            row["quota__sponsor"] or "",
            region_names.get(row["learner__learner_profile__region"] or "")
            or _("Not given"),
            row["n"],
        ]
        for row in counts
    ]
    return protect(
        Table(
            key="sponsored",
            title=_("Sponsored seats"),
            definition=_(
                "Seats paid for by a sponsor and taken in the period (not "
                "cancelled), by sponsor and by the region the learner gave."
            ),
            columns=columns,
            rows=rows,
            total=totals_row(columns, rows, TOTAL),
            chart="seats",
            notes=[LEARNER_NOTE],
        )
    )


# Events --------------------------------------------------------------------


def _where(registration_row: dict) -> str:
    if registration_row["event__online"]:
        return "online"
    city = (registration_row["event__city"] or "").strip().casefold()
    return "capital" if city in CAPITAL_NAMES else "regions"


def events_table(*, period: Period, programme: str = "") -> Table:
    """Registrations and attendance of events held in the period, by series
    and by where they were held (the capital, the regions, online)."""
    # The events' pages are content (cms), which shows these figures: read
    # through the app registry, so neither package imports the other's
    # modules in a circle.
    event_model = apps.get_model("cms", "EventPage")
    registrations_model = apps.get_model("cms", "EventRegistration")
    series_choices = event_model._meta.get_field("series").choices
    rows_by_key: dict[tuple[str, str], dict[str, int]] = {}
    registrations = (
        registrations_model.objects.filter(
            status="registered",
            event__starts_at__gte=period.start,
            event__starts_at__lt=period.end,
        )
        .values("event__series", "event__online", "event__city")
        .annotate(
            registered=Count("pk"),
            attended=Count("pk", filter=Q(attended_at__isnull=False)),
            events=Count("event", distinct=True),
        )
        .order_by()
    )
    for row in registrations:
        key = (row["event__series"], _where(row))
        sums = rows_by_key.setdefault(
            key, {"events": 0, "registered": 0, "attended": 0}
        )
        for name in sums:
            sums[name] += row[name]
    places = [
        ("capital", _("Baku")),
        ("regions", _("Regions")),
        ("online", pgettext_lazy("event place", "Online")),
    ]
    columns = [
        Column("series", _("Series"), "text"),
        Column("where", _("Where"), "text"),
        Column("events", _("Events"), "count"),
        Column("registered", _("Registered"), "people"),
        Column("attended", _("Attended"), "people"),
    ]
    rows = []
    for series, series_label in series_choices:
        for place, place_label in places:
            sums = rows_by_key.get((series, place))
            if sums:
                rows.append(
                    [
                        series_label,
                        place_label,
                        sums["events"],
                        sums["registered"],
                        sums["attended"],
                    ]
                )
    return protect(
        Table(
            key="events",
            title=_("Events"),
            definition=_(
                "Events held in the period, by series and place: Baku, the "
                "regions (any other city) or online. Registered counts people "
                "holding a place (not the waitlist, not cancelled); attended "
                "counts those staff marked present."
            ),
            columns=columns,
            rows=rows,
            total=totals_row(columns, rows, TOTAL),
            chart="registered",
        )
    )


# Studios -------------------------------------------------------------------


def studio_hours_table(*, period: Period, programme: str = "") -> Table:
    """Studio hours booked and used in the period, per programme of the
    residents who booked and for the public (market.bookings.figures, where
    each figure is defined)."""
    use = use_by_programme(period, programme=programme)
    columns = [
        Column("programme", _("Programme"), "text"),
        Column("bookings", _("Studio bookings"), "count"),
        Column("booked", _("Hours booked"), "count"),
        Column("used", _("Hours used"), "count"),
    ]
    rows: list[list] = [
        [row.label, row.bookings, row.booked_hours, row.used_hours] for row in use.rows
    ]
    return Table(
        key="studio_hours",
        title=_("Studio hours"),
        definition=_(
            "Studio bookings starting in the period, by the programme of the "
            "resident they were made for, or the public. Hours booked: room "
            "bookings confirmed, and those cancelled after the free "
            "cancellation cut-off; hours used: booked less no-shows and "
            "cancellations."
        ),
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, TOTAL),
        chart="booked",
    )


# The report ----------------------------------------------------------------

SECTIONS = [
    residents_table,
    listings_table,
    sales_table,
    exports_table,
    licences_table,
    learners_by_region_table,
    learners_by_age_table,
    sponsored_table,
    events_table,
    studio_hours_table,
]


def impact_report(*, period: Period, programme: str = "") -> list[Table]:
    """Every table of the dashboard, in its order. `programme` is "" (all)
    or a Programme value."""
    if programme and programme not in Programme.values:
        raise ValueError(f"Unknown programme: {programme!r}")
    return [section(period=period, programme=programme) for section in SECTIONS]


# The public page -----------------------------------------------------------


@dataclass(frozen=True)
class PublicFigure:
    key: str
    label: str | Promise
    value: int | _Suppressed
    definition: str | Promise


def public_figures() -> list[PublicFigure]:
    """The all-time figures a public impact page may show."""
    residents = public_residents()
    abroad = sent_abroad()
    seats = Seat.objects.exclude(status=SeatStatus.CANCELLED)
    items = abroad.aggregate(
        n=Coalesce(Sum("lines__quantity"), Value(0), output_field=IntegerField())
    )["n"]
    return [
        PublicFigure(
            "residents",
            _("Residents"),
            residents.count(),
            _("Creative businesses the Centre approved to sell here."),
        ),
        PublicFigure(
            "startups",
            _("Start-ups"),
            residents.exclude(startup_name="")
            .exclude(programme=Programme.NONE)
            .count(),
            _("Residents with a start-up from the Centre's programmes."),
        ),
        PublicFigure(
            "products_abroad",
            _("Products sold abroad"),
            items,
            _("Items in parcels sent to buyers in other countries."),
        ),
        PublicFigure(
            "countries",
            _("Countries reached"),
            abroad.values("country").distinct().count(),
            _("Countries our parcels were sent to."),
        ),
        PublicFigure(
            "learners",
            _("Learners"),
            figure(seats.values("learner").distinct().count()),
            _("Young people who took a seat on a Kreativ Edu course."),
        ),
        PublicFigure(
            "regions",
            _("Regions reached"),
            seats.exclude(learner__learner_profile__region__in=["", "abroad"])
            .exclude(learner__learner_profile__isnull=True)
            .values("learner__learner_profile__region")
            .distinct()
            .count(),
            _("Regions of Azerbaijan our learners come from (as they told us)."),
        ),
        PublicFigure(
            "certificates",
            _("Certificates"),
            figure(Certificate.objects.filter(revoked_at__isnull=True).count()),
            _("Certificates of completion issued by Kreativ Edu."),
        ),
    ]


def definitions() -> list[tuple[str | Promise, str | Promise]]:
    """What each word of the report means (the definitions page)."""
    return [
        (_("Period"), _("Whole days in Baku time (Asia/Baku), both ends included.")),
        (
            _("Resident"),
            _(
                "A seller the Centre approved, with a shop on Creative Market. "
                "A start-up is a resident with a start-up name."
            ),
        ),
        (
            _("Listing on sale"),
            _(
                "Public, approved by staff and sold by an approved resident or "
                "by the Centre."
            ),
        ),
        (
            _("Money"),
            _(
                "Every amount is read from the ledger, in AZN, by the date of "
                "its entry; the report's totals equal the ledger's."
            ),
        ),
        (
            _("Export"),
            _(
                "A parcel sent to a buyer in another country, counted on the "
                "day it was handed to the carrier, unless it was cancelled or "
                "returned."
            ),
        ),
        (_("Enrolment"), _("A seat taken on a Kreativ Edu course and not cancelled.")),
        (
            _("Completion"),
            _("A seat the teacher marked complete; one certificate follows it."),
        ),
        (
            _("Small numbers"),
            _(
                "Any count of people under 5 is shown as “fewer than 5”, and "
                "enough other cells are hidden that no total gives it away."
            ),
        ),
        (
            _("Studio hours"),
            _(
                "Hours of studio room bookings starting in the period. Booked: "
                "confirmed, or cancelled after the free cancellation cut-off; "
                "used: booked less no-shows and cancellations. A resident's "
                "hours count under the resident's programme; bookings made "
                "for no resident are the public's."
            ),
        ),
    ]


__all__ = [
    "SUPPRESSED",
    "PublicFigure",
    "definitions",
    "impact_report",
    "money_totals",
    "public_figures",
]
