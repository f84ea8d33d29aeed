"""The impact dashboard in the Wagtail admin: who may see it, its period
form, and its CSV and Excel downloads."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from market.impact.exports import table_csv
from market.impact.figures import impact_report
from market.impact.forms import last_full_quarter, preset_choices
from market.impact.periods import Period
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/cms/impact/"
QUARTER = {"period": "custom", "first": "2026-07-01", "last": "2026-09-30"}
TITLES = [
    "Residents",
    "Listings on sale",
    "Orders and sales",
    "Exports by destination",
    "Digital sales by licence tier",
    "Learners by region",
    "Learners by age",
    "Sponsored seats",
    "Events",
    "Studio hours",
]


def _in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_the_reports_group_may_open_the_admin_and_see_figures_only(db):
    group = Group.objects.get(name="Reports")

    assert sorted(
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.all()
    ) == ["impact.view_figures", "wagtailadmin.access_admin"]
    assert group.collection_permissions.count() == 0
    assert group.page_permissions.count() == 0


@pytest.fixture
def reports_user(db):
    """A member of the "Reports" group (migration impact 0002): may open the
    admin and see the figures, and nothing else."""
    user = UserFactory(email="reports@example.az", is_staff=True)
    user.groups.add(Group.objects.get(name="Reports"))
    return _in_english(user)


@pytest.fixture
def admin_only_user(db):
    """A staff user who may open the Wagtail admin but not see the figures."""
    user = UserFactory(email="editor@example.az", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return _in_english(user)


def test_the_url_names():
    assert reverse("impact:index") == DASHBOARD
    assert reverse("impact:csv") == "/cms/impact/csv/"
    assert reverse("impact:table_csv", args=["exports"]) == "/cms/impact/csv/exports/"
    assert reverse("impact:xlsx") == "/cms/impact/xlsx/"
    assert reverse("impact:pdf") == "/cms/impact/pdf/"


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    for url in [DASHBOARD, "/cms/impact/csv/", "/cms/impact/xlsx/"]:
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"] == f"/cms/login/?next={url}"


def test_a_staff_user_without_the_permission_is_turned_away(client, admin_only_user):
    client.force_login(admin_only_user)

    response = client.get(DASHBOARD, QUARTER)
    download = client.get("/cms/impact/csv/", QUARTER)
    home = client.get("/cms/")

    # Wagtail answers a permission refusal with a redirect to the admin home
    # and a message.
    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    assert download.status_code == 302
    assert download["Location"] == "/cms/"
    assert "Content-Disposition" not in download
    assert home.status_code == 200
    content = home.content.decode()
    assert DASHBOARD not in content
    assert "Exports by destination" not in content


def test_a_reports_user_sees_every_table(client, reports_user):
    client.force_login(reports_user)

    response = client.get(DASHBOARD, QUARTER)

    assert response.status_code == 200
    content = response.content.decode()
    for title in TITLES:
        assert f'class="w-h2">{title}</h2>' in content
        assert f'<caption class="w-sr-only">{title}</caption>' in content
    # A chart above each table with rows: exports, sponsored seats and
    # events have none in an empty database.
    assert content.count('role="img"') == len(TITLES) - 3
    assert 'id="impact-chart-exports"' not in content
    assert 'id="impact-chart-residents"' in content
    assert "Figures for 1 July 2026 to 30 September 2026 (Baku time)." in content
    assert (
        '<a class="button button-secondary" href="/cms/impact/csv/?period=custom'
        '&amp;first=2026-07-01&amp;last=2026-09-30" download>'
        "Download the report (CSV)</a>"
    ) in content
    assert 'href="/cms/impact/pdf/?quarter=' in content
    assert ">Quarterly report (PDF)</a>" in content


def test_the_reports_menu_offers_the_dashboard_to_a_reports_user(client, reports_user):
    client.force_login(reports_user)

    content = client.get("/cms/").content.decode()

    assert DASHBOARD in content


def test_without_a_period_the_dashboard_shows_the_last_twelve_months(
    client, reports_user
):
    client.force_login(reports_user)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert response.context["form"].report_period == Period.last_twelve_months()
    assert len(response.context["sections"]) == len(TITLES)


def test_a_reports_user_cannot_edit_pages_or_snippets(client, reports_user, sites):
    client.force_login(reports_user)
    page = Page.objects.filter(depth=2).order_by("pk").first()
    title = page.title

    responses = [
        client.get(f"/cms/pages/{page.pk}/edit/"),
        client.post(f"/cms/pages/{page.pk}/edit/", {"title": "Changed"}),
        client.get("/cms/pages/"),
        client.get(reverse("wagtailsnippets_cms_partnerorganisation:list")),
        client.get(reverse("wagtailsnippets_cms_partnerorganisation:add")),
        client.get("/cms/users/"),
    ]

    assert [response.status_code for response in responses] == [302] * 6
    assert {response["Location"] for response in responses} == {"/cms/"}
    page.refresh_from_db()
    assert page.title == title


def test_a_resident_sees_nothing(client, owner):
    client.force_login(owner)

    for url in [DASHBOARD, "/cms/impact/csv/", "/cms/impact/xlsx/"]:
        response = client.get(url, QUARTER)

        assert response.status_code == 302
        assert response["Location"] == f"/cms/login/?next={url}" + (
            "%3Fperiod%3Dcustom%26first%3D2026-07-01%26last%3D2026-09-30"
        )


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"period": "custom", "first": "2026-13-45", "last": "2026-09-30"},
            "first",
            "Enter a valid date.",
        ),
        (
            {"period": "custom", "first": "2026-09-30", "last": "2026-07-01"},
            "last",
            "The last day cannot be before the first day.",
        ),
        (
            {"period": "custom", "first": "2020-01-01", "last": "2025-01-01"},
            "last",
            "A period can be at most 5 years long.",
        ),
        (
            {"period": "custom", "first": "2026-07-01"},
            "__all__",
            "Choose a period, or give both its first and last days.",
        ),
        (
            {"period": "2019-Q9"},
            "period",
            "Select a valid choice. 2019-Q9 is not one of the available choices.",
        ),
        (
            {**QUARTER, "programme": "opera"},
            "programme",
            "Select a valid choice. opera is not one of the available choices.",
        ),
        (
            {"period": "custom", "first": "9998-06-01", "last": "9999-12-31"},
            "__all__",
            "Choose days between 2000 and 2100.",
        ),
        (
            {"period": "custom", "first": "0001-01-01", "last": "0001-01-02"},
            "__all__",
            "Choose days between 2000 and 2100.",
        ),
    ],
)
def test_a_bad_period_or_programme_is_a_form_error(
    client, reports_user, query, field, message
):
    client.force_login(reports_user)

    response = client.get(DASHBOARD, query)
    download = client.get("/cms/impact/csv/", query)

    assert response.status_code == 200
    with translation.override("en"):
        assert response.context["form"].errors == {field: [message]}
    assert response.context["sections"] == []
    assert message in response.content.decode()
    assert download.status_code == 400
    assert "Content-Disposition" not in download


def test_five_years_less_a_day_is_allowed(client, reports_user):
    client.force_login(reports_user)

    response = client.get(
        DASHBOARD, {"period": "custom", "first": "2020-01-01", "last": "2024-12-31"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert len(response.context["sections"]) == len(TITLES)


def test_the_report_downloads_as_csv(client, reports_user, resident):
    client.force_login(reports_user)

    response = client.get("/cms/impact/csv/", QUARTER)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="impact-20260701-20260930.csv"'
    )
    text = response.content.decode()
    # A byte order mark first, so that Excel reads UTF-8.
    assert text.startswith("\ufeffResidents\r\nProgramme,Approved residents,")
    for title in TITLES:
        assert f"\r\n\r\n{title}\r\n" in text or text.startswith(f"\ufeff{title}\r\n")


def test_one_table_downloads_as_csv(client, reports_user, resident):
    client.force_login(reports_user)
    period = Period.quarter(2026, 3)

    response = client.get(
        "/cms/impact/csv/residents/", {**QUARTER, "programme": "cultech"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="impact-residents-20260701-20260930-cultech.csv"'
    )
    with translation.override("en"):
        expected = table_csv(impact_report(period=period, programme="cultech")[0])
    assert response.content.decode() == "\ufeff" + expected
    assert expected.splitlines()[1].startswith("Cultech,1,")


def test_an_unknown_table_is_not_found(client, reports_user):
    client.force_login(reports_user)

    response = client.get("/cms/impact/csv/salaries/", QUARTER)

    assert response.status_code == 404
    assert "Content-Disposition" not in response


def test_the_report_downloads_as_excel(client, reports_user):
    client.force_login(reports_user)

    year, number = last_full_quarter(timezone.localdate())
    quarter = Period.quarter(year, number)
    assert quarter.slug == f"{quarter.first:%Y%m%d}-{quarter.last:%Y%m%d}"

    response = client.get("/cms/impact/xlsx/", {"period": f"{year}-Q{number}"})

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="impact-{quarter.slug}.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["About this report", *TITLES]


@pytest.mark.parametrize(
    "query",
    [
        {"quarter": "2026-Q5", "language": "en"},
        {"quarter": "2026Q3", "language": "en"},
        {"quarter": "2026-Q3", "language": "de"},
        {"quarter": "2026-Q3"},
        {"quarter": "2026-Q3", "language": "en", "programme": "opera"},
        {"quarter": "2026-Q3\n", "language": "en"},
        {"quarter": "0000-Q1", "language": "en"},
        {"quarter": "9999-Q1", "language": "en"},
    ],
)
def test_the_pdf_refuses_a_bad_quarter_or_language(client, reports_user, query):
    client.force_login(reports_user)

    response = client.get("/cms/impact/pdf/", query)

    assert response.status_code == 400
    assert response.content.decode() == (
        "Give a quarter (such as 2026-Q3) and a language (az, en or ru)."
    )


def test_a_superuser_sees_the_dashboard(client, staff):
    client.force_login(staff)

    response = client.get(DASHBOARD, QUARTER)

    assert response.status_code == 200
    assert len(response.context["sections"]) == len(TITLES)


def test_the_presets_are_the_quarters_that_have_begun():
    with translation.override("en"):
        choices = [
            (key, str(label))
            for key, label in preset_choices(datetime.date(2026, 5, 10))
        ]

    assert choices == [
        ("12m", "Last 12 months"),
        ("this-year", "This year (2026)"),
        ("last-year", "Last year (2025)"),
        ("2026-Q2", "Q2 2026"),
        ("2026-Q1", "Q1 2026"),
        ("2025-Q4", "Q4 2025"),
        ("2025-Q3", "Q3 2025"),
        ("2025-Q2", "Q2 2025"),
        ("2025-Q1", "Q1 2025"),
        ("custom", "Dates below"),
    ]
    assert last_full_quarter(datetime.date(2026, 5, 10)) == (2026, 1)
    assert last_full_quarter(datetime.date(2026, 2, 1)) == (2025, 4)


def test_the_pdf_link_follows_a_chosen_quarter(client, reports_user):
    client.force_login(reports_user)
    year, number = last_full_quarter(timezone.localdate())
    earlier = (year, number - 1) if number > 1 else (year - 1, 4)
    key = f"{earlier[0]}-Q{earlier[1]}"

    response = client.get(DASHBOARD, {"period": key, "programme": "music"})

    content = response.content.decode()
    assert response.context["pdf_quarter"] == key
    assert (
        f'href="/cms/impact/pdf/?quarter={key}&amp;language=en&amp;programme=music">'
        "Quarterly report (PDF)</a>"
    ) in content
    assert (
        f'href="/cms/impact/pdf/?quarter={key}&amp;language=ru&amp;programme=music" '
        'lang="ru" hreflang="ru">Русский</a>'
    ) in content
