"""Dates in the admin are typed and shown day first (02-12-2026), times as 06:00."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import make_author, make_editor, make_section

pytestmark = pytest.mark.django_db

SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")


def scheduled_post(**dates):
    data = article_form_data(
        title="Lễ hội đình Tân Hòa",
        section=make_section(),
        authors=[make_author()],
        status="published",
    )
    data.update(dates)
    return data


def test_an_editor_types_the_publish_time_day_first(client):
    client.force_login(make_editor())
    response = client.post(
        ADD_URL,
        scheduled_post(
            published_at_0="02-12-2026",
            published_at_1="06:00",
            expires_at_0="09-12-2026",
            expires_at_1="18:30",
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_at == datetime(2026, 12, 2, 6, 0, tzinfo=SAIGON)
    assert article.expires_at == datetime(2026, 12, 9, 18, 30, tzinfo=SAIGON)

    html = client.get(change_url(article)).content.decode()
    assert 'name="published_at_0" value="02-12-2026"' in html
    assert 'name="published_at_1" value="06:00"' in html
    assert 'name="expires_at_0" value="09-12-2026"' in html


def test_the_calendar_widget_writes_dates_day_first(client):
    """Django's calendar fills the box with the first DATE_INPUT_FORMATS of the page's language."""
    client.force_login(make_editor())
    catalog = " ".join(client.get(reverse("admin:jsi18n")).content.decode().split())
    assert '"DATE_INPUT_FORMATS": [ "%d-%m-%Y",' in catalog
    assert '"TIME_INPUT_FORMATS": [ "%H:%M",' in catalog
    assert '"FIRST_DAY_OF_WEEK": 1,' in catalog  # Monday
    assert '"Monday": "Th\\u1ee9 hai"' in catalog  # Thứ hai, escaped by Django


@pytest.mark.parametrize(
    ("day", "time", "message"),
    [
        (
            "2026-31-12",
            "06:00",
            "Ngày không hợp lệ: gõ theo dạng ngày-tháng-năm, ví dụ 02-12-2026.",
        ),
        (
            "31-02-2026",
            "06:00",
            "Ngày không hợp lệ: gõ theo dạng ngày-tháng-năm, ví dụ 02-12-2026.",
        ),
        ("02-12-2026", "25:00", "Giờ không hợp lệ: gõ theo dạng giờ:phút, ví dụ 06:00."),
    ],
)
def test_a_bad_date_is_refused_with_a_vietnamese_message(client, day, time, message):
    client.force_login(make_editor())
    response = client.post(ADD_URL, scheduled_post(published_at_0=day, published_at_1=time))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
