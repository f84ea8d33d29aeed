"""Sponsored seats: codes redeemed within their quota, course and regions;
the sponsor's counts-only report; the staff admin; learners by region."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from market.learning.models import (
    Certificate,
    Course,
    LearnerProfile,
    Seat,
    SeatStatus,
    SponsoredQuota,
)
from market.learning.selectors import learners_by_region
from market.learning.services.seats import SeatsUnavailable, seat_cancel
from market.learning.services.sponsors import quota_seats_used, sponsored_seat_redeem
from tests.factories import UserFactory, course_product


@pytest.fixture(autouse=True)
def _english():
    # The refusals are compared word for word, in the language they are written in.
    translation.activate("en")


@pytest.fixture
def english_staff(staff):
    # The admin speaks each editor's own language, Azerbaijani by default.
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    return staff


@pytest.fixture
def course(resident):
    return course_product(resident=resident, title="Musiqi istehsalı", capacity=10)


def _quota(product, **fields) -> SponsoredQuota:
    fields.setdefault("seats", 2)
    fields.setdefault("sponsor", "Bakı Fondu")
    return SponsoredQuota.objects.create(
        course=Course.objects.get(product=product), **fields
    )


def _learner(email: str, region: str = "", consent: bool = True):
    user = UserFactory(email=email)
    if region or consent:
        LearnerProfile.objects.create(user=user, region=region, region_consent=consent)
    return user


def _allocated(product) -> int:
    return product.stockrecords.get().num_allocated or 0


def test_a_code_is_refused_beyond_its_quota(course):
    quota = _quota(course, seats=2)
    first, second, third = (
        _learner(f"learner{n}@example.az", consent=False) for n in range(3)
    )
    sponsored_seat_redeem(product=course, learner=first, code=quota.code)
    sponsored_seat_redeem(product=course, learner=second, code=quota.code.lower())

    with pytest.raises(SeatsUnavailable) as refusal:
        sponsored_seat_redeem(product=course, learner=third, code=quota.code)

    assert str(refusal.value) == "All seats of this code have been taken."
    assert list(
        Seat.objects.filter(quota=quota).values_list("learner__email", flat=True)
    ) == ["learner0@example.az", "learner1@example.az"]
    assert not Seat.objects.filter(learner=third).exists()
    assert _allocated(course) == 2
    assert quota_seats_used(quota) == 2


def test_an_enrolled_learner_cannot_redeem_twice(course, buyer):
    quota = _quota(course, seats=5)
    sponsored_seat_redeem(product=course, learner=buyer, code=quota.code)

    with pytest.raises(SeatsUnavailable) as refusal:
        sponsored_seat_redeem(product=course, learner=buyer, code=quota.code)

    assert str(refusal.value) == "You are already enrolled in “Musiqi istehsalı”."
    assert Seat.objects.filter(learner=buyer).count() == 1
    assert _allocated(course) == 1
    assert quota_seats_used(quota) == 1


def test_a_learner_from_a_listed_region_redeems(course):
    quota = _quota(course, regions=["ganja-dashkasan", "sheki-zagatala"])
    learner = _learner("ganja@example.az", region="ganja-dashkasan")

    seat = sponsored_seat_redeem(product=course, learner=learner, code=quota.code)

    assert (seat.quota, seat.source, seat.status) == (quota, "sponsored", "active")
    assert _allocated(course) == 1


def test_a_learner_from_another_region_is_refused(course):
    quota = _quota(course, regions=["ganja-dashkasan", "sheki-zagatala"])
    learner = _learner("baku@example.az", region="baku")

    with pytest.raises(SeatsUnavailable) as refusal:
        sponsored_seat_redeem(product=course, learner=learner, code=quota.code)

    assert str(refusal.value) == (
        "This code is only for learners from: Ganja-Dashkasan, Sheki-Zagatala."
    )
    assert Seat.objects.count() == 0
    assert _allocated(course) == 0


@pytest.mark.parametrize("has_profile", [True, False], ids=["no-consent", "no-profile"])
def test_a_learner_without_a_consented_region_is_refused(course, has_profile):
    quota = _quota(course, regions=["ganja-dashkasan"])
    learner = (
        _learner("quiet@example.az", consent=False)
        if has_profile
        else UserFactory(email="quiet@example.az")
    )

    with pytest.raises(SeatsUnavailable) as refusal:
        sponsored_seat_redeem(product=course, learner=learner, code=quota.code)

    assert str(refusal.value) == (
        "This code is for learners from: Ganja-Dashkasan. Add your region to "
        "your learner profile first."
    )
    assert Seat.objects.count() == 0
    assert _allocated(course) == 0


def test_a_code_for_another_course_is_refused(course, resident, buyer):
    other = course_product(resident=resident, title="Animasiya", capacity=5)
    quota = _quota(other)

    with pytest.raises(SeatsUnavailable) as refusal:
        sponsored_seat_redeem(product=course, learner=buyer, code=quota.code)

    assert str(refusal.value) == "This code is for another course."
    assert Seat.objects.count() == 0
    assert (_allocated(course), _allocated(other)) == (0, 0)


@pytest.mark.parametrize("code", ["inactive", "NOSUCHCODE12"])
def test_an_inactive_or_unknown_code_is_refused(course, buyer, code):
    quota = _quota(course, active=False)

    with pytest.raises(SeatsUnavailable) as refusal:
        sponsored_seat_redeem(
            product=course,
            learner=buyer,
            code=quota.code if code == "inactive" else code,
        )

    assert str(refusal.value) == "This code is not valid."
    assert Seat.objects.count() == 0
    assert _allocated(course) == 0


def test_a_cancelled_sponsored_seat_returns_to_the_quota(course):
    quota = _quota(course, seats=1)
    first = _learner("first@example.az", consent=False)
    second = _learner("second@example.az", consent=False)
    seat = sponsored_seat_redeem(product=course, learner=first, code=quota.code)

    seat_cancel(seat=seat, by=first)
    taken = sponsored_seat_redeem(product=course, learner=second, code=quota.code)

    assert quota_seats_used(quota) == 1
    assert list(
        Seat.objects.filter(quota=quota)
        .order_by("pk")
        .values_list("learner__email", "status")
    ) == [("first@example.az", "cancelled"), ("second@example.az", "active")]
    assert taken.learner == second
    assert _allocated(course) == 1


def _report_scenario(course) -> SponsoredQuota:
    """A quota of 5: three seats held (Ganja twice, one not given), one of
    them completed and certified, and one seat given back."""
    quota = _quota(course, seats=5, sponsor="Gəncə Fondu")
    learners = [
        _learner("nigar.ganja@example.az", region="ganja-dashkasan"),
        _learner("orxan.ganja@example.az", region="ganja-dashkasan"),
        _learner("sevda.quiet@example.az", consent=False),
        _learner("tural.left@example.az", region="baku"),
    ]
    seats = [
        sponsored_seat_redeem(product=course, learner=learner, code=quota.code)
        for learner in learners
    ]
    seat_cancel(seat=seats[3], by=learners[3])
    seats[0].completed_at = timezone.now()
    seats[0].save(update_fields=["completed_at"])
    Certificate.objects.create(
        seat=seats[0],
        learner_name="Nigar Əliyeva",
        course_title="Musiqi istehsalı",
        completed_on=date(2025, 6, 1),
    )
    return quota


def test_the_sponsor_report_shows_counts_and_no_learner(client, course):
    quota = _report_scenario(course)

    response = client.get(
        reverse("learning:sponsor-report", kwargs={"token": quota.report_token})
    )

    assert response.status_code == 200
    context = response.context
    assert (
        context["seats"],
        context["used"],
        context["left"],
        context["cancelled"],
        context["completed"],
        context["certified"],
    ) == (5, 3, 2, 1, 1, 1)
    assert [(row["code"], row["count"]) for row in context["by_region"]] == [
        ("", 1),
        ("ganja-dashkasan", 2),
    ]
    html = response.content.decode()
    for figure, value in [
        ("seats", 5),
        ("used", 3),
        ("left", 2),
        ("cancelled", 1),
        ("completed", 1),
        ("certified", 1),
    ]:
        assert f'<td data-figure="{figure}">{value}</td>' in html
    assert '<td data-region="ganja-dashkasan">2</td>' in html
    assert '<td data-region="none">1</td>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Gəncə Fondu" in html
    for secret in ["@example.az", "Nigar", "Orxan", "Sevda", "Tural", "Məmmədova"]:
        assert secret not in html


def test_the_sponsor_report_downloads_as_csv(client, course):
    quota = _report_scenario(course)

    response = client.get(
        reverse("learning:sponsor-report", kwargs={"token": quota.report_token}),
        {"format": "csv"},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="sponsored-seats-{quota.code}.csv"'
    )
    assert response.content.decode().splitlines() == [
        "Course,Musiqi istehsalı",
        "Sponsor,Gəncə Fondu",
        "Seats,5",
        "Used,3",
        "Left,2",
        "Cancelled,1",
        "Completed,1",
        "Certified,1",
        "",
        "Region,Learners",
        "Not given,1",
        "Ganja-Dashkasan,2",
    ]


def test_an_unknown_report_token_is_404(client, course):
    _quota(course)

    response = client.get(
        reverse("learning:sponsor-report", kwargs={"token": "not-a-token"})
    )

    assert response.status_code == 404


def _quota_form(course) -> dict:
    return {
        "course": course.pk,
        "sponsor": "Sumqayıt Texnoparkı",
        "sponsor_email": "fond@example.az",
        "seats": "12",
        "regions": ["absheron-khizi", "baku"],
        "active": "on",
    }


def test_staff_create_a_quota_in_the_admin(client, english_staff, course):
    client.force_login(english_staff)

    response = client.post(reverse("sponsored_seats:add"), _quota_form(course))

    assert response.status_code == 302
    quota = SponsoredQuota.objects.get()
    assert (
        quota.course_id,
        quota.sponsor,
        quota.sponsor_email,
        quota.seats,
        quota.regions,
        quota.active,
    ) == (
        course.pk,
        "Sumqayıt Texnoparkı",
        "fond@example.az",
        12,
        ["absheron-khizi", "baku"],
        True,
    )
    assert len(quota.code) == 12
    assert len(quota.report_token) == 32


def test_the_admin_listing_shows_code_use_and_report_link(
    client, english_staff, course
):
    quota = _quota(course, seats=3, sponsor="Bakı Fondu")
    sponsored_seat_redeem(
        product=course, learner=_learner("a@example.az", consent=False), code=quota.code
    )
    client.force_login(english_staff)

    response = client.get(reverse("sponsored_seats:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bakı Fondu" in html
    assert quota.code in html
    assert "1 / 3" in html
    # The sidebar's "Kreativ Edu" menu holds the quotas and the region report.
    assert "Kreativ Edu" in html
    assert reverse("learners_by_region:index") in html
    # The link to send is in the site's default language (no /en/ prefix).
    assert f"http://testserver/learning/sponsors/{quota.report_token}/" in html


def test_a_quota_cannot_shrink_below_its_used_seats(client, english_staff, course):
    quota = _quota(course, seats=3)
    for n in range(2):
        sponsored_seat_redeem(
            product=course,
            learner=_learner(f"l{n}@example.az", consent=False),
            code=quota.code,
        )
    client.force_login(english_staff)
    form = _quota_form(course) | {"seats": "1"}

    response = client.post(reverse("sponsored_seats:edit", args=[quota.pk]), form)

    assert response.status_code == 200
    assert response.context["form"].errors["seats"] == [
        "2 seats are already taken: give at least that many."
    ]
    quota.refresh_from_db()
    assert (quota.seats, quota.sponsor) == (3, "Bakı Fondu")


def test_a_non_staff_user_cannot_create_a_quota(client, buyer, course):
    client.force_login(buyer)

    response = client.post(reverse("sponsored_seats:add"), _quota_form(course))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert SponsoredQuota.objects.count() == 0


def _learners_by_region_scenario(resident):
    """Two courses. Ganja: one learner on both courses (completed one) and
    one on a single course. Baku: one learner whose only seat was given back.
    Not given: one without consent, one without a profile (completed)."""
    music = course_product(resident=resident, title="Musiqi", capacity=10)
    film = course_product(resident=resident, title="Film", capacity=10)
    music_quota = _quota(music, seats=10)
    film_quota = _quota(film, seats=10)
    ganja_both = _learner("g1@example.az", region="ganja-dashkasan")
    ganja_one = _learner("g2@example.az", region="ganja-dashkasan")
    baku_gone = _learner("b1@example.az", region="baku")
    quiet = _learner("q1@example.az", consent=False)
    no_profile = UserFactory(email="q2@example.az")

    def redeem(product, quota, learner):
        return sponsored_seat_redeem(product=product, learner=learner, code=quota.code)

    completed = redeem(music, music_quota, ganja_both)
    redeem(film, film_quota, ganja_both)
    redeem(music, music_quota, ganja_one)
    seat_cancel(seat=redeem(music, music_quota, baku_gone), by=baku_gone)
    redeem(film, film_quota, quiet)
    no_profile_seat = redeem(film, film_quota, no_profile)
    Seat.objects.filter(pk__in=[completed.pk, no_profile_seat.pk]).update(
        completed_at=timezone.now()
    )


def test_learners_by_region_counts_distinct_consenting_learners(resident):
    _learners_by_region_scenario(resident)

    rows = learners_by_region()

    assert [
        (row["code"], row["active"], row["completed"])
        for row in rows
        if row["active"] or row["completed"]
    ] == [("ganja-dashkasan", 2, 1), ("", 2, 1)]
    assert len(rows) == 16
    assert rows[-1]["name"] == "Not given"
    assert Seat.objects.filter(status=SeatStatus.ACTIVE).count() == 5


def test_staff_see_and_download_learners_by_region(client, english_staff, resident):
    _learners_by_region_scenario(resident)
    client.force_login(english_staff)

    page = client.get(reverse("learners_by_region:index"))
    download = client.get(reverse("learners_by_region:csv"))

    assert page.status_code == 200
    html = page.content.decode()
    assert (
        '<tr data-region="ganja-dashkasan">\n                        '
        "<td>Ganja-Dashkasan</td>\n                        "
        '<td data-column="active">2</td>\n                        '
        '<td data-column="completed">1</td>'
    ) in html
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    lines = download.content.decode().splitlines()
    assert lines[0] == "Region,Learners with a seat,Learners who completed"
    assert "Ganja-Dashkasan,2,1" in lines
    assert "Baku,0,0" in lines
    assert lines[-2:] == ["Not given,2,1", "Total,4,2"]


def test_the_learners_by_region_report_is_refused_to_a_non_staff_user(client, buyer):
    client.force_login(buyer)

    response = client.get(reverse("learners_by_region:csv"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
