"""Publishing rules, through the admin's change form, its list actions and the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.admin_forms import (
    ADD_URL,
    CHANGELIST_URL,
    action_data,
    article_form_data,
    change_url,
)
from tests.factories import make_article, make_author, make_editor, make_journalist, make_section

pytestmark = pytest.mark.django_db

NO_SECTION = "Hãy chọn chuyên mục trước khi xuất bản."
NO_AUTHOR = "Hãy thêm ít nhất một tác giả trước khi xuất bản."
NO_TITLE = "Bài viết cần có tiêu đề."
SLUG_TAKEN = "Đường dẫn này đã được bài viết khác sử dụng."


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def draft(**fields):
    return make_article(status=Article.Status.DRAFT, **fields)


def test_editor_publishes_a_draft_and_readers_see_it(client, editor):
    article = draft(title="Khánh thành cầu mới")
    before = timezone.now()

    response = client.post(
        change_url(article), article_form_data(article, status=Article.Status.PUBLISHED)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert before <= article.published_at <= timezone.now()  # left empty: filled with now
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_editor_publishes_a_new_article_straight_from_the_add_form(client, editor):
    data = article_form_data(
        title="Tin nóng trong ngày",
        section=make_section(),
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
        status=Article.Status.PUBLISHED,
    )

    client.post(ADD_URL, data)

    article = Article.objects.get(title="Tin nóng trong ngày")
    assert article.is_live
    assert article.created_by == editor
    assert article.byline == "ĐỖ TRỌNG - PHẠM ẨN"


def test_publishing_without_a_section_is_refused_with_a_message(client, editor):
    article = draft(section=None, title="Bài chưa có chuyên mục")

    response = client.post(
        change_url(article),
        article_form_data(article, title="Tiêu đề mới", status=Article.Status.PUBLISHED),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["section"] == [NO_SECTION]
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài chưa có chuyên mục", Article.Status.DRAFT)


def test_publishing_without_an_author_is_refused_with_a_message(client, editor):
    article = draft(authors=[], title="Bài chưa có tác giả")

    response = client.post(
        change_url(article),
        article_form_data(article, title="Tiêu đề mới", status=Article.Status.PUBLISHED),
    )

    assert response.status_code == 200
    assert NO_AUTHOR in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài chưa có tác giả", Article.Status.DRAFT)


def test_removing_the_last_author_of_a_live_article_is_refused(client, editor):
    article = make_article(authors=[make_author("Đỗ Trọng")])

    response = client.post(change_url(article), article_form_data(article, authors=[]))

    assert NO_AUTHOR in response.content.decode()
    assert article.byline_authors and article.credits.count() == 1


def test_a_draft_may_be_saved_without_section_or_author(client, editor):
    article = draft(section=None, authors=[])
    response = client.post(change_url(article), article_form_data(article, title="Vẫn là nháp"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Vẫn là nháp"


@pytest.mark.parametrize(
    "missing, message",
    [({"section": None}, NO_SECTION), ({"authors": []}, NO_AUTHOR)],
    ids=["no section", "no author"],
)
def test_publish_action_refuses_an_incomplete_article_and_names_it(
    client, editor, missing, message
):
    incomplete = draft(title="Bài còn thiếu", **missing)
    ready = draft(title="Bài đã đủ")

    response = client.post(
        CHANGELIST_URL, action_data("publish_selected", incomplete, ready), follow=True
    )

    assert messages_of(response) == [
        f"«Bài còn thiếu»: {message}",
        "1 bài viết đã được xuất bản hoặc hẹn giờ.",
    ]
    assert Article.objects.get(pk=incomplete.pk).status == Article.Status.DRAFT
    assert Article.objects.get(pk=ready.pk).is_live


def test_unpublish_action_takes_articles_off_the_site(client, editor):
    live = make_article()
    response = client.post(CHANGELIST_URL, action_data("unpublish_selected", live), follow=True)
    assert messages_of(response) == ["1 bài viết đã được gỡ khỏi trang."]
    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404


def test_publish_action_keeps_a_publish_time_set_in_advance(client, editor):
    later = timezone.now() + timedelta(hours=5)
    article = draft(published_at=later)
    client.post(CHANGELIST_URL, action_data("publish_selected", article))
    article.refresh_from_db()
    assert article.published_at == later and article.is_scheduled


def test_empty_headline_is_refused_and_nothing_is_created(client, editor):
    response = client.post(
        ADD_URL, article_form_data(title="   ", section=make_section(), authors=[make_author()])
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title"] == [NO_TITLE]
    assert not Article.objects.exists()


def test_slug_clash_is_refused_with_a_message_and_nothing_saved(client, editor):
    make_article(slug="khanh-thanh-cau-moi")
    article = draft(title="Bài khác")

    response = client.post(
        change_url(article),
        article_form_data(article, title="Bài khác đã sửa", slug="khanh-thanh-cau-moi"),
    )

    assert response.context["adminform"].form.errors["slug"] == [SLUG_TAKEN]
    article.refresh_from_db()
    assert (article.title, article.slug) == ("Bài khác", "bai-khac")


def test_same_author_twice_in_a_byline_is_refused(client, editor):
    author = make_author("Đỗ Trọng")
    response = client.post(
        ADD_URL,
        article_form_data(title="Bài trùng tác giả", section=make_section(), authors=[author] * 2),
    )
    assert response.status_code == 200
    assert "Mỗi tác giả chỉ xuất hiện một lần trong phần tác giả." in response.content.decode()
    assert not Article.objects.filter(title="Bài trùng tác giả").exists()


def test_future_publish_time_schedules_the_article(client, editor):
    article = draft(title="Bài hẹn giờ")
    later = (timezone.now() + timedelta(days=1)).replace(microsecond=0)

    client.post(
        change_url(article),
        article_form_data(article, status=Article.Status.PUBLISHED, published_at=later),
    )

    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == later
    changelist = client.get(CHANGELIST_URL).content.decode()
    assert "Hẹn giờ xuất bản" in changelist
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_unpublishes_with_the_form_and_the_first_publish_time_is_kept(client, editor):
    first_published = (timezone.now() - timedelta(days=2)).replace(microsecond=0)
    article = make_article(published_at=first_published)

    client.post(change_url(article), article_form_data(article, status=Article.Status.DRAFT))

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == first_published
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_every_editorial_save_moves_the_update_stamp(client):
    journalist = make_journalist()
    long_ago = timezone.now() - timedelta(days=3)
    article = draft(created_by=journalist, updated_at=long_ago)

    def stamp():
        return Article.objects.get(pk=article.pk).updated_at

    client.force_login(journalist)
    client.post(change_url(article), article_form_data(article, lead="Sapo mới."))
    after_edit = stamp()
    assert after_edit > long_ago

    client.force_login(make_editor())
    client.post(CHANGELIST_URL, action_data("publish_selected", article))
    after_publish = stamp()
    assert after_publish > after_edit

    article.refresh_from_db()
    client.post(change_url(article), article_form_data(article, lead="Sapo sửa lần hai."))
    assert stamp() > after_publish


def test_publish_service_refuses_journalists():
    journalist = make_journalist()
    article = draft(created_by=journalist)
    with pytest.raises(services.NotAllowed):
        services.publish(article, journalist)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_editor_can_move_a_live_article_back_to_review():
    editor = make_editor()
    article = make_article()
    services.change_status(article, Article.Status.REVIEW, editor)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and not article.is_live


def test_journalist_cannot_submit_a_published_article():
    journalist = make_journalist()
    article = make_article(created_by=journalist)
    with pytest.raises(services.NotAllowed):
        services.submit_for_review(article, journalist)
