"""Each impact figure against facts computed by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from market.export.models import Parcel, ParcelStatus
from market.impact import figures
from market.impact.periods import Period
from market.impact.tables import SUPPRESSED
from market.learning.models import (
    Certificate,
    LearnerProfile,
    Seat,
    SeatSource,
    SeatStatus,
    SponsoredQuota,
)
from market.payouts import selectors, services
from market.residents.models import Programme, Resident, ResidentStatus
from tests.factories import (
    ResidentFactory,
    UserFactory,
    VariantFactory,
    course_product,
    licence_option,
)
from tests.market.payouts.conftest import make_order

pytestmark = pytest.mark.django_db
D = Decimal
BAKU = datetime.timezone(datetime.timedelta(hours=4))
Q3 = Period.quarter(2027, 3)


def at(day: str, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=BAKU)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = at("2027-07-15")

    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now)
    return clock


def rows(table):
    return [
        [
            str(cell)
            if not isinstance(cell, int | Decimal) or cell is SUPPRESSED
            else cell
            for cell in row
        ]
        for row in table.rows
    ]


def test_the_period_is_whole_days_in_baku():
    assert Q3.start == at("2027-07-01", 0)
    assert Q3.end == at("2027-10-01", 0)
    assert Q3.months() == [
        datetime.date(2027, 7, 1),
        datetime.date(2027, 8, 1),
        datetime.date(2027, 9, 1),
    ]
    assert Period.quarter(2027, 4).last == datetime.date(2027, 12, 31)
    with pytest.raises(ValueError, match="end before"):
        Period(datetime.date(2027, 2, 1), datetime.date(2027, 1, 1))


def test_residents_by_programme_today_and_in_the_period():
    music = ResidentFactory(programme=Programme.MUSIC, startup_name="Səs Lab")
    ResidentFactory(programme=Programme.MUSIC, startup_name="")
    ResidentFactory(programme=Programme.GAMETECH, status=ResidentStatus.SUSPENDED)
    applied = ResidentFactory(
        programme=Programme.CULTECH, status=ResidentStatus.APPLIED, startup_name=""
    )
    Resident.objects.update(created_at=at("2026-01-10"), decided_at=at("2026-01-12"))
    Resident.objects.filter(pk=music.pk).update(
        created_at=at("2027-07-02"), decided_at=at("2027-08-30")
    )
    Resident.objects.filter(pk=applied.pk).update(
        created_at=at("2027-09-30", 23), decided_at=None
    )

    table = figures.residents_table(period=Q3)

    assert [column.key for column in table.columns] == [
        "programme",
        "approved",
        "startups",
        "applied",
        "suspended",
        "new",
        "approved_in_period",
    ]
    assert rows(table) == [
        ["Musiqi", 2, 1, 0, 0, 1, 1],
        ["Gametech", 0, 0, 0, 1, 0, 0],
        ["Cultech", 0, 0, 1, 0, 1, 0],
        ["Proqramsız", 0, 0, 0, 0, 0, 0],
    ]
    assert table.total[1:] == [2, 1, 1, 1, 2, 1]
    only_music = figures.residents_table(period=Q3, programme=Programme.MUSIC)
    assert rows(only_music) == [["Musiqi", 2, 1, 0, 0, 1, 1]]


def _paid(clock, when, *lines, shipping=()):
    clock.now = when
    order = make_order(*lines, shipping=shipping, date_placed=when)
    services.order_shares_record(order=order)
    for parcel in order.parcels.order_by("pk"):
        services.parcel_shipping_record(parcel=parcel)
    return order


def test_money_per_month_equals_the_ledger(clock):
    music = ResidentFactory(programme=Programme.MUSIC)
    game = ResidentFactory(programme=Programme.GAMETECH)
    # Default commission: settings.MARKET_COMMISSION_DEFAULT_PERCENT.
    before = _paid(clock, at("2027-06-30", 23), (music, "50.00", 1))
    july = _paid(clock, at("2027-07-01", 0), (music, "100.00", 2), (game, "10.00", 1))
    _paid(clock, at("2027-09-30", 23), (game, "30.00", 1), shipping=[(game, "12.00")])
    clock.now = at("2027-08-05")
    line = july.lines.get(partner=music.partner)
    services.line_refund_record(line=line, amount=D("40.00"), key="refund-1")
    after = _paid(clock, at("2027-10-01", 0), (music, "999.00", 1))

    table = figures.sales_table(period=Q3)

    percent = D(str(selectors.commission_rate_for(resident=music)[0]))
    commission_july = (D("200.00") * percent / 100).quantize(D("0.01")) + (
        D("10.00") * percent / 100
    ).quantize(D("0.01"))
    assert rows(table)[0][:3] == ["İyul 2027", 1, D("210.00")]
    assert rows(table)[0][5] == commission_july
    assert rows(table)[1][1:5] == [0, D("0.00"), D("0.00"), D("40.00")]
    assert rows(table)[2][1:4] == [1, D("30.00"), D("12.00")]
    totals = figures.money_totals(period=Q3)
    assert totals["gross"] == D("240.00")
    assert totals["shipping"] == D("12.00")
    assert totals["refunds"] == D("40.00")
    assert table.total[2:] == [
        totals["gross"],
        totals["shipping"],
        totals["refunds"],
        totals["commission"],
        totals["paid_out"],
    ]
    # Only gametech: its two lines.
    assert figures.money_totals(period=Q3, programme=Programme.GAMETECH)["gross"] == (
        D("40.00")
    )
    # The orders a minute either side of the quarter fall in their own months.
    june = Period(datetime.date(2027, 6, 30), datetime.date(2027, 6, 30))
    october = Period(datetime.date(2027, 10, 1), datetime.date(2027, 10, 1))
    assert figures.money_totals(period=june)["gross"] == D("50.00")
    assert figures.money_totals(period=october)["gross"] == D("999.00")
    assert before.lines.count() == after.lines.count() == 1


def test_exports_are_parcels_sent_abroad_by_country(clock):
    maker = ResidentFactory()
    orders = {
        name: _paid(
            clock, at("2027-07-10"), (maker, price, qty), shipping=[(maker, "9.00")]
        )
        for name, price, qty in [
            ("berlin", "100.00", 2),
            ("paris", "40.00", 1),
            ("baku", "70.00", 1),
            ("cancelled", "55.00", 1),
            ("late", "20.00", 1),
        ]
    }
    states = {
        "berlin": ("DE", ParcelStatus.DELIVERED, at("2027-07-12")),
        "paris": ("FR", ParcelStatus.SHIPPED, at("2027-09-30", 23)),
        "baku": ("AZ", ParcelStatus.DELIVERED, at("2027-07-12")),
        "cancelled": ("DE", ParcelStatus.CANCELLED, at("2027-07-12")),
        "late": ("FR", ParcelStatus.SHIPPED, at("2027-10-01", 1)),
    }
    for name, (country, status, shipped_at) in states.items():
        parcel = orders[name].parcels.get()
        parcel.lines.set(orders[name].lines.all())
        Parcel.objects.filter(pk=parcel.pk).update(
            country=country,
            status=status,
            shipped_at=shipped_at,
            tracking_number=f"EE{parcel.pk}AZ",
        )

    table = figures.exports_table(period=Q3)

    assert rows(table) == [
        ["Almaniya", 1, 1, 2, D("200.00")],
        ["Fransa", 1, 1, 1, D("40.00")],
    ]
    assert table.total[1:] == [2, 2, 3, D("240.00")]
    public = {figure.key: figure.value for figure in figures.public_figures()}
    assert public["products_abroad"] == 4  # the late parcel counts all-time
    assert public["countries"] == 2


def test_digital_sales_by_licence_tier(clock):
    maker = ResidentFactory()
    variants = {
        code: VariantFactory(
            resident=maker,
            parent__kind="digital",
            attributes={"licence": licence_option(code)},
        )
        for code in ("personal", "commercial")
    }
    clock.now = at("2027-08-01")
    order = make_order((maker, "25.00", 3), (maker, "80.00", 1))
    first, second = order.lines.order_by("pk")
    first.product = variants["personal"]
    first.save()
    second.product = variants["commercial"]
    second.save()
    services.order_shares_record(order=order)

    table = figures.licences_table(period=Q3)

    assert rows(table) == [
        ["Şəxsi", 1, 3, D("75.00")],
        ["Kommersiya", 1, 1, D("80.00")],
        ["Genişləndirilmiş", 0, 0, D("0.00")],
        ["Tək fayl, səviyyəsiz", 0, 0, D("0.00")],
    ]


def _learner(region="", age_band=""):
    user = UserFactory()
    LearnerProfile.objects.create(
        user=user,
        region=region,
        region_consent=bool(region),
        age_band=age_band,
        age_band_consent=bool(age_band),
    )
    return user


def test_learners_by_region_hide_small_cells(clock):
    course = course_product(resident=ResidentFactory(), capacity=100)
    seats = []
    for region, count in [("baku", 7), ("ganja-dashkasan", 6), ("nakhchivan", 2)]:
        for _ in range(count):
            seats.append(
                Seat.objects.create(
                    course=course,
                    learner=_learner(region, "14-17"),
                    source=SeatSource.FREE,
                )
            )
    cancelled = Seat.objects.create(
        course=course,
        learner=_learner("baku"),
        source=SeatSource.FREE,
        status=SeatStatus.CANCELLED,
    )
    Seat.objects.update(created_at=at("2027-07-20"))
    for seat in seats[:6]:
        Seat.objects.filter(pk=seat.pk).update(completed_at=at("2027-09-01"))
        Certificate.objects.create(
            seat=seat, learner_name="A", course_title="C", completed_on="2027-09-01"
        )
    Certificate.objects.update(issued_at=at("2027-09-02"))

    table = figures.learners_by_region_table(period=Q3)
    by_region = {row[0]: row[1:] for row in rows(table)}

    # Enrolled: Nakhchivan's 2 and every empty region are hidden; they add
    # up to 2, which the total (15) would give away, so the next smallest
    # (Ganja's 6) is hidden too. Completed and certificates: Baku alone has
    # any (6), so the total would give Baku away: Baku is hidden as well.
    assert by_region["Bakı"] == [7, "5-dən az", "5-dən az"]
    assert by_region["Gəncə-Daşkəsən"] == ["5-dən az", "5-dən az", "5-dən az"]
    assert by_region["Naxçıvan"] == ["5-dən az", "5-dən az", "5-dən az"]
    assert table.total[1:] == [15, 6, 6]
    assert cancelled.pk not in [seat.pk for seat in seats]
    age = figures.learners_by_age_table(period=Q3)
    # Everyone is 14 to 17: shown, the total would name that band's count
    # (the other bands are 0, hidden), so the band is hidden; the total stays.
    assert {row[0]: row[1] for row in rows(age)}["14 - 17"] == "5-dən az"
    assert age.total[1] == 15


def test_sponsored_seats_by_sponsor_and_region(clock):
    course = course_product(resident=ResidentFactory(), capacity=100)
    quota = SponsoredQuota.objects.create(
        course=course.course, sponsor="Bank", seats=20
    )
    for _ in range(6):
        Seat.objects.create(
            course=course,
            learner=_learner("sheki-zagatala"),
            source=SeatSource.SPONSORED,
            quota=quota,
        )
    Seat.objects.update(created_at=at("2027-07-20"))

    table = figures.sponsored_table(period=Q3)

    assert rows(table) == [["Bank", "Şəki-Zaqatala", 6]]
    assert table.total[2] == 6


def test_public_figures_hide_few_learners():
    ResidentFactory(startup_name="")
    ResidentFactory(startup_name="Oyun")
    # A start-up name outside the Centre's programmes is not its start-up.
    ResidentFactory(startup_name="Öz işim", programme=Programme.NONE)
    ResidentFactory(status=ResidentStatus.SUSPENDED)

    public = {figure.key: figure.value for figure in figures.public_figures()}

    assert public["residents"] == 3
    assert public["startups"] == 1
    assert public["learners"] is SUPPRESSED
    assert public["certificates"] is SUPPRESSED
    assert public["regions"] == 0


def test_an_unknown_programme_is_refused():
    with pytest.raises(ValueError, match="Unknown programme"):
        figures.impact_report(period=Q3, programme="banking")
