"""Scheduled unpublish: an article with an expiry time leaves the site at that time."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from articles.revisions import compare, record
from tests.articles.admin_forms import CHANGELIST_URL, article_form_data, change_url
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def expiry_data(moment):
    """The change form's split date and time boxes for `expires_at`."""
    local = timezone.localtime(moment)
    return {"expires_at_0": local.strftime("%Y-%m-%d"), "expires_at_1": local.strftime("%H:%M:%S")}


def expire(article):
    """Move the expiry into the past, as the clock would."""
    Article.objects.filter(pk=article.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    article.refresh_from_db()


def test_article_is_live_until_its_expiry_then_hidden_from_readers():
    article = make_article(expires_at=timezone.now() + timedelta(minutes=5))
    assert article.is_live
    assert list(Article.objects.published()) == [article]

    expire(article)

    assert not article.is_live
    assert list(Article.objects.published()) == []


def test_article_without_expiry_stays_live():
    article = make_article(expires_at=None)
    assert article.is_live and Article.objects.published().get() == article


def test_expiry_before_the_publish_time_is_refused_with_a_clear_message():
    published_at = timezone.now() + timedelta(hours=2)
    article = make_article(published_at=published_at, expires_at=published_at)
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert refused.value.message_dict == {
        "expires_at": ["Thời điểm hết hạn phải sau thời điểm xuất bản."]
    }


def test_editor_sets_an_expiry_in_the_form(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    expires = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    data = {**article_form_data(article), **expiry_data(expires)}

    assert client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).expires_at == expires


def test_form_refuses_an_expiry_before_the_publish_time_and_saves_nothing(client, editor):
    article = make_article(published_at=timezone.now() - timedelta(hours=1))
    data = {
        **article_form_data(article, title="Tiêu đề mới"),
        **expiry_data(timezone.now() - timedelta(hours=2)),
    }

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Thời điểm hết hạn phải sau thời điểm xuất bản." in response.content.decode()
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.expires_at) == (article.title, None)


def test_journalist_cannot_set_an_expiry(client, journalist):
    article = make_article(created_by=journalist, status=Article.Status.DRAFT)
    form = client.get(change_url(article)).content.decode()
    assert 'name="expires_at_0"' not in form

    data = {**article_form_data(article), **expiry_data(timezone.now() + timedelta(hours=1))}
    assert client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).expires_at is None


def test_list_shows_the_expiry_with_the_publish_time_and_marks_expired_articles(client, editor):
    published_at = timezone.now() - timedelta(days=2)
    expires = published_at + timedelta(days=1)
    make_article(title="Thông báo cắt điện", published_at=published_at, expires_at=expires)

    html = client.get(CHANGELIST_URL).content.decode()

    stamp = timezone.localtime(expires).strftime("%d-%m-%Y %H:%M")
    assert f"hết hạn {stamp}" in html
    assert '<td class="field-status_label">Đã hết hạn</td>' in html


def test_list_filters_expired_and_expiring_articles(client, editor):
    make_article(title="Đã gỡ", expires_at=timezone.now() - timedelta(minutes=1))
    make_article(title="Sắp gỡ", expires_at=timezone.now() + timedelta(days=1))
    make_article(title="Lâu dài")

    def listed(value):
        response = client.get(CHANGELIST_URL, {"expiry": value})
        return [article.title for article in response.context["cl"].result_list]

    assert listed("past") == ["Đã gỡ"]
    assert listed("coming") == ["Sắp gỡ"]


def test_revision_history_shows_a_changed_expiry(client, editor):
    article = make_article()
    first = record(article, editor)
    article.expires_at = timezone.now() + timedelta(days=3)
    article.save()
    second = record(article, editor)

    stamp = timezone.localtime(article.expires_at).strftime("%d-%m-%Y %H:%M:%S")
    assert ("hết hạn lúc", "—", stamp) in [
        (str(label), before, after) for label, before, after in compare(first, second)["fields"]
    ]
