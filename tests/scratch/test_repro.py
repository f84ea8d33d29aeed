import pytest
from django.test import Client
from django.urls import reverse
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = ["/shop/", "/shop/search/?q=x", "/shop/category/xalcalar_1/"]


@pytest.mark.parametrize(
    "param", ["ships_to", "kind", "language", "q", "sort_by", "page", "price"]
)
def test_nul(client, catalogue, param):
    for url in [
        "/shop/catalogue/",
        "/shop/search/",
        catalogue["category"].get_absolute_url(),
    ]:
        sep = "&" if "?" in url else "?"
        r = client.get(f"{url}{sep}{param}=a%00b")
        print(url, param, r.status_code)


def test_contact(client, owner, sites):
    from cms.models import ContactPage

    r = client.post(
        f"/shop/residents/xalca-atelier/contact/",
        {"name": "A\nBcc: x@y.z", "email": "a@b.az", "message": "hi"},
    )
    print("resident contact", r.status_code)
    for page in ContactPage.objects.all():
        r = client.get(page.url)
        print(page.url, r.status_code)
        fields = {f.clean_name: "A\nB" for f in page.form_fields.all()}
        fields.update(
            {
                f.clean_name: "a@b.az"
                for f in page.form_fields.all()
                if f.field_type == "email"
            }
        )
        print(fields)
        r = client.post(page.url, fields)
        print("cms contact", r.status_code)
        break


def test_statement(client, owner, staff):
    client.force_login(owner)
    r = client.get("/shop/my-shop/money/statement.csv?start=0001-01-01&end=9999-12-31")
    print("statement", r.status_code, r.content[:200])
    client.force_login(staff)
    r = client.get(
        f"/cms/payouts/balances/{owner.partners.first().resident.pk}/statement.csv?start=0001-01-01&end=9999-12-31"
    )
    print("statement admin", r.status_code, r.content[:200])


def test_sort(client, staff, catalogue):
    client.force_login(staff)
    for url in [
        "/dashboard/catalogue/?sort=checkbox",
        "/dashboard/catalogue/categories/?sort=checkbox",
        "/dashboard/users/?sort=check",
        "/dashboard/users/?sort=actions",
        "/dashboard/catalogue/?sort=actions",
        "/dashboard/orders/?sort=checkbox",
    ]:
        r = client.get(url)
        print(url, r.status_code)
