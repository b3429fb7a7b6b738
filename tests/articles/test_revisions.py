"""Every save keeps a revision; the history lists them, compares any two and restores any one."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import revisions, services
from articles.models import Article, ArticleRevision, Tag
from tests.articles.admin_forms import (
    ADD_URL,
    CHANGELIST_URL,
    action_data,
    article_form_data,
    change_url,
)
from tests.factories import make_article, make_author, make_editor, make_journalist, make_section

pytestmark = pytest.mark.django_db


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article, older, newer):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?a={older.pk}&b={newer.pk}"


def restore_url(revision):
    return reverse("admin:articles_article_restore", args=[revision.article_id, revision.pk])


def history_of(article):
    return list(ArticleRevision.objects.filter(article=article).order_by("pk"))


def save_form(client, article, **fields):
    article = Article.objects.get(pk=article.pk)
    response = client.post(change_url(article), article_form_data(article, **fields))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_each_save_keeps_a_revision_with_everything_an_editor_sees(client, journalist):
    section = make_section("Kinh tế")
    first, second = make_author("Đỗ Trọng"), make_author("Phạm Ẩn")
    data = article_form_data(
        title="Khánh thành cầu Phú Cường",
        lead="Sapo đầu tiên.",
        body="<p>Nội dung.</p>",
        section=section,
        cover_caption="Cây cầu nhìn từ bờ bắc",
        authors=[second, first],
        tags=[Tag.objects.create(name="Giao thông")],
    )
    client.post(ADD_URL, data)
    article = Article.objects.get(title="Khánh thành cầu Phú Cường")
    save_form(client, article, lead="Sapo thứ hai.")

    editor = make_editor()
    client.force_login(editor)
    client.post(CHANGELIST_URL, action_data("publish_selected", article))

    created, edited, published = history_of(article)
    assert created.created_by == journalist and edited.created_by == journalist
    assert published.created_by == editor
    assert created.content["lead"] == "Sapo đầu tiên." and edited.content["lead"] == "Sapo thứ hai."
    assert edited.content["title"] == "Khánh thành cầu Phú Cường"
    assert edited.content["body"] == "<p>Nội dung.</p>"
    assert edited.content["cover_caption"] == "Cây cầu nhìn từ bờ bắc"
    assert edited.content["section"] == {"id": section.pk, "name": "Kinh tế"}
    assert [credit["name"] for credit in edited.content["authors"]] == ["Phạm Ẩn", "Đỗ Trọng"]
    assert edited.content["tags"] == ["Giao thông"]
    assert edited.content["status"] == "draft" and published.content["status"] == "published"
    article.refresh_from_db()
    assert published.content["published_at"] == article.published_at.isoformat()
    assert created.created_at <= edited.created_at <= published.created_at


def test_a_save_that_also_publishes_keeps_one_revision(client, editor):
    article = make_article(status=Article.Status.DRAFT)
    revisions.record(article, editor)

    save_form(client, article, lead="Sapo mới.", status=Article.Status.PUBLISHED)

    latest = history_of(article)[-1]
    assert len(history_of(article)) == 2
    assert latest.content["lead"] == "Sapo mới." and latest.content["status"] == "published"


def test_the_first_edit_of_an_older_article_keeps_the_state_before_it(client, editor):
    article = make_article(lead="Sapo gốc.", updated_at=timezone.now() - timedelta(days=30))

    save_form(client, article, lead="Sapo đã sửa.")

    before, after = history_of(article)
    assert before.content["lead"] == "Sapo gốc." and before.created_by is None
    assert after.content["lead"] == "Sapo đã sửa." and after.created_by == editor


def test_history_page_lists_who_saved_when_and_the_status(client, editor):
    writer = make_journalist(first_name="Trọng", last_name="Đỗ")
    article = make_article(status=Article.Status.DRAFT, created_by=writer)
    revisions.record(article, writer)
    services.publish(article, editor)

    html = client.get(history_url(article)).content.decode()

    assert "Lịch sử" in html and "So sánh" in html
    assert "Bản nháp" in html and "Đã xuất bản" in html
    assert writer.get_full_name() in html and editor.username in html
    assert html.count('name="a"') == 2


def test_compare_shows_word_changes_and_the_changed_fields(client, editor):
    article = make_article(
        title="Giá lúa tăng mạnh",
        lead="Nông dân vui mừng vì giá lúa tăng.",
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
    )
    save_form(client, article)
    tag = Tag.objects.create(name="Nông nghiệp")
    article.refresh_from_db()
    credits = list(article.credits.order_by("position"))
    save_form(
        client,
        article,
        lead="Nông dân phấn khởi vì giá lúa tăng.",
        section=make_section("Kinh tế"),
        authors=[credits[1].author, credits[0].author],
        tags=[tag],
    )
    older, newer = history_of(article)[-2:]

    response = client.get(compare_url(article, older, newer))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<del>vui mừng</del> <ins>phấn khởi</ins>" in html
    fields = response.context["changes"]["fields"]
    labels = [str(label) for label, _, _ in fields]
    assert labels == ["chuyên mục", "tác giả (theo thứ tự)", "thẻ"]
    assert "<del>Đỗ Trọng - Phạm Ẩn</del>" in html and "<ins>Phạm Ẩn - Đỗ Trọng</ins>" in html
    assert "<ins>Nông nghiệp</ins>" in html
    assert response.context["changes"]["title"] is None


def test_editor_restores_an_earlier_version_as_a_new_revision(client, editor):
    article = make_article(lead="Sapo đúng.", body="<p>Bài đúng.</p>")
    save_form(client, article)
    save_form(client, article, lead="Sapo bị xóa nhầm.", body="<p>Bài sai.</p>")
    good, bad = history_of(article)[-2:]

    confirm = client.get(restore_url(good))
    assert confirm.status_code == 200
    assert "<del>bị xóa nhầm.</del> <ins>đúng.</ins>" in confirm.content.decode()
    assert "bạn đọc sẽ thấy ngay phiên bản được khôi phục" in confirm.content.decode()
    response = client.post(restore_url(good))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead == "Sapo đúng." and article.body == "<p>Bài đúng.</p>"
    assert article.status == Article.Status.PUBLISHED
    *kept, restored = history_of(article)
    assert kept[-2:] == [good, bad] and bad.content["lead"] == "Sapo bị xóa nhầm."
    assert restored.restored_from == good and restored.created_by == editor
    moment = timezone.localtime(good.created_at).strftime("%d-%m-%Y %H:%M:%S")
    assert f"Khôi phục từ bản lúc {moment}" in client.get(history_url(article)).content.decode()


def test_restore_brings_back_byline_order_section_and_tags(client, editor):
    first, second = make_author("Đỗ Trọng"), make_author("Phạm Ẩn")
    old_section = make_section("Thời sự")
    article = make_article(authors=[first, second], section=old_section, tags=["Bão lũ"])
    save_form(client, article)
    original = history_of(article)[-1]
    save_form(client, article, authors=[second], section=make_section("Xã hội"), tags=[])

    revisions.restore(original, editor)

    article = Article.objects.get(pk=article.pk)
    assert article.byline_authors == [first, second]
    assert article.section == old_section
    assert list(article.tags.names()) == ["Bão lũ"]


def test_journalist_restores_only_what_they_may_edit(client, journalist):
    own = make_article(status=Article.Status.DRAFT, created_by=journalist, lead="Bản một.")
    save_form(client, own)
    save_form(client, own, lead="Bản hai.")
    first = history_of(own)[-2]
    assert client.post(restore_url(first)).status_code == 302
    own.refresh_from_db()
    assert own.lead == "Bản một."

    live = make_article(created_by=journalist, lead="Sapo đã đăng.")
    editor = make_editor()
    revisions.record(live, editor)
    services.unpublish(live, editor)
    live.lead = "Sapo sửa."
    services.publish(live, editor)
    older = history_of(live)[0]

    assert client.post(restore_url(older)).status_code == 403
    live.refresh_from_db()
    assert live.lead == "Sapo sửa." and len(history_of(live)) == 3
    assert "Khôi phục</a>" not in client.get(history_url(live)).content.decode()


def test_a_version_readers_could_not_see_is_not_restored_onto_a_live_article(client, editor):
    article = make_article(section=None, status=Article.Status.DRAFT)
    without_section = revisions.record(article, editor)
    article.section = make_section()
    article.save()
    services.publish(article, editor)

    response = client.post(restore_url(without_section), follow=True)

    assert "Hãy chọn chuyên mục trước khi xuất bản." in response.content.decode()
    article.refresh_from_db()
    assert article.section is not None and len(history_of(article)) == 2


def test_compare_and_restore_refuse_versions_of_another_article(client, editor):
    article, other = make_article(), make_article()
    mine, theirs = revisions.record(article, editor), revisions.record(other, editor)
    assert client.get(compare_url(article, mine, theirs)).status_code == 404
    url = reverse("admin:articles_article_restore", args=[article.pk, theirs.pk])
    assert client.post(url).status_code == 404


def test_moderators_cannot_read_the_history(client):
    from tests.factories import make_moderator

    article = make_article()
    revisions.record(article, make_editor())
    client.force_login(make_moderator())
    assert client.get(history_url(article)).status_code in (302, 403)


def test_revisions_do_not_add_queries_to_the_article_page(client, editor):
    article = make_article(authors=[make_author()], tags=["Một"])
    client.logout()
    with CaptureQueriesContext(connection) as without_history:
        assert client.get(article.get_absolute_url()).status_code == 200
    for number in range(20):
        article.lead = f"Sapo lần {number}."
        article.save()
        revisions.record(article, editor)
    with CaptureQueriesContext(connection) as with_history:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(with_history) == len(without_history)
    assert not [q for q in with_history.captured_queries if "revision" in q["sql"].lower()]


def test_a_long_history_comes_in_pages_newest_first(client, editor):
    article = make_article()
    for number in range(55):
        article.title = f"Tít số {number}"
        revisions.record(article, editor)

    first_page = client.get(history_url(article)).content.decode()
    second_page = client.get(history_url(article) + "?p=2").content.decode()

    assert "Tít số 54<" in first_page and "Tít số 5<" in first_page
    assert "Tít số 4<" not in first_page and "Cũ hơn" in first_page
    assert "Tít số 4<" in second_page and "Tít số 0<" in second_page
    assert "Mới hơn" in second_page and "Khôi phục</a>" in second_page
