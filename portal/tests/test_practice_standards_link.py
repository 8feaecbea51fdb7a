import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_home_page_leads_the_public_to_the_adopted_practice_standards(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("practice:public_standards")}"' in html and "Standar praktik" in html
