"""A change to a published article waits as a correction until an editor publishes it.

Everything goes through the real admin views; the reader's page is asked what it
shows before and after.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import revisions, services
from articles.models import Article, ArticleRevision, Tag
from tests.articles.admin_forms import CHANGELIST_URL, article_form_data, change_url
from tests.factories import (
    image_upload,
    make_article,
    make_author,
    make_editor,
    make_journalist,
    make_moderator,
)

pytestmark = pytest.mark.django_db

SENT = "Đã gửi bản sửa chờ biên tập viên duyệt."
CORRECTIONS_URL = reverse("admin:articles_article_corrections")


def session(user):
    client = Client()
    client.force_login(user)
    return client


def review_url(correction):
    return reverse("admin:articles_article_correction", args=[correction.article_id, correction.pk])


def live_article(writer, **fields):
    """A published article `writer` created, first published two hours ago."""
    fields.setdefault("lead", "Sapo đang đăng.")
    fields.setdefault("body", "<p>Cầu dài 500 mét.</p>")
    published = timezone.now() - timedelta(hours=2)
    return make_article(created_by=writer, published_at=published, updated_at=published, **fields)


def correct(client, article, **fields):
    """Post the change form of `article` as loaded now, with `fields` changed."""
    article = Article.objects.get(pk=article.pk)
    return client.post(change_url(article), article_form_data(article, **fields), follow=True)


def reader_page(article):
    return Client().get(Article.objects.get(pk=article.pk).get_absolute_url()).content.decode()


def pending_of(article):
    return ArticleRevision.objects.pending().get(article=article)


def test_journalists_correction_waits_and_readers_still_see_the_live_version():
    writer = make_journalist()
    article = live_article(writer, tags=["Giao thông"])
    before = Article.objects.get(pk=article.pk)
    byline = list(before.credits.values_list("author_id", flat=True))

    response = correct(
        session(writer),
        article,
        lead="Sapo đã sửa.",
        body="<p>Cầu dài 550 mét.</p>",
        authors=[make_author("Đỗ Trọng")],
        tags=[Tag.objects.create(name="Cầu đường")],
    )

    assert response.status_code == 200 and SENT in response.content.decode()
    after = Article.objects.get(pk=article.pk)
    assert (after.lead, after.body, after.updated_at) == (
        before.lead,
        before.body,
        before.updated_at,
    )
    assert list(after.credits.values_list("author_id", flat=True)) == byline
    assert list(after.tags.names()) == ["Giao thông"]
    page = reader_page(article)
    assert "Cầu dài 500 mét." in page and "550" not in page
    assert "Đăng lần đầu" not in page  # the public time did not move
    correction = pending_of(article)
    assert correction.created_by == writer
    assert correction.content["lead"] == "Sapo đã sửa."
    assert [credit["name"] for credit in correction.content["authors"]] == ["Đỗ Trọng"]
    assert correction.content["tags"] == ["Cầu đường"]
    assert correction.content["status"] == "published"


def test_reopening_shows_the_writer_their_correction_not_the_live_text():
    writer = make_journalist()
    article = live_article(writer)
    client = session(writer)
    correct(client, article, lead="Sapo đã sửa.")

    html = client.get(change_url(article)).content.decode()

    assert "\nSapo đã sửa.</textarea>" in html  # in the form
    assert "<del>đang đăng.</del> <ins>đã sửa.</ins>" in html  # against the live version
    assert "của bạn đang chờ biên tập viên duyệt" in html
    assert "Gửi bản sửa chờ duyệt" in html
    # Another journalist's view of the live article is the live text.
    assert "Sapo đã sửa." not in session(make_editor()).get(change_url(article)).content.decode()


def test_a_second_correction_replaces_the_first():
    writer = make_journalist()
    article = live_article(writer)
    client = session(writer)
    correct(client, article, lead="Sửa lần một.")
    correct(client, article, lead="Sửa lần hai.")

    states = list(
        ArticleRevision.objects.filter(article=article)
        .exclude(state=ArticleRevision.State.SAVED)
        .order_by("pk")
        .values_list("state", "content__lead")
    )
    assert states == [("superseded", "Sửa lần một."), ("pending", "Sửa lần hai.")]


def test_editor_sees_the_diff_and_publishes_the_correction():
    writer, editor = make_journalist(), make_editor()
    article = live_article(writer, tags=["Giao thông"])
    author = make_author("Phạm Ẩn")
    correct(
        session(writer),
        article,
        body="<p>Cầu dài 550 mét.</p>",
        authors=[author],
        tags=[Tag.objects.create(name="Cầu đường")],
    )
    correction = pending_of(article)
    client = session(editor)

    listing = client.get(CORRECTIONS_URL).content.decode()
    assert article.title in listing and review_url(correction) in listing
    review = client.get(review_url(correction)).content.decode()
    assert "<del>500</del> <ins>550</ins>" in review
    assert "Phạm Ẩn" in review and "Xuất bản bản sửa" in review

    response = client.post(review_url(correction), {"_publish": "1"}, follow=True)

    assert "Đã xuất bản bản sửa" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "<p>Cầu dài 550 mét.</p>" and article.status == "published"
    assert article.byline == "PHẠM ẨN" and list(article.tags.names()) == ["Cầu đường"]
    assert timezone.now() - article.updated_at < timedelta(minutes=1)
    page = reader_page(article)
    assert "Cầu dài 550 mét." in page
    assert "Đăng lần đầu" in page  # the first publication time, next to the new "Cập nhật"
    correction.refresh_from_db()
    assert correction.state == "published" and correction.reviewed_by == editor
    published = revisions.latest(article.pk)
    assert published.restored_from == correction and published.created_by == editor
    assert published.content["body"] == "<p>Cầu dài 550 mét.</p>"


def test_editor_rejects_a_correction_with_a_note_and_it_stays_in_the_history():
    writer = make_journalist()
    article = live_article(writer)
    correct(session(writer), article, lead="Sapo sai.")
    correction = pending_of(article)
    client = session(make_editor())

    response = client.post(
        review_url(correction), {"_reject": "1", "note": "Số liệu chưa kiểm chứng."}, follow=True
    )

    assert "Đã từ chối bản sửa" in response.content.decode()
    assert Article.objects.get(pk=article.pk).lead == "Sapo đang đăng."
    correction.refresh_from_db()
    assert correction.state == "rejected" and correction.review_note == "Số liệu chưa kiểm chứng."
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = history.content.decode()
    assert "Bản sửa bị từ chối" in html and "Số liệu chưa kiểm chứng." in html
    reopened = session(writer).get(change_url(article)).content.decode()
    assert "Biên tập viên đã từ chối bản sửa lúc" in reopened
    assert "Số liệu chưa kiểm chứng." in reopened and "\nSapo đang đăng.</textarea>" in reopened
    # A decision is final: publishing it afterwards changes nothing.
    client.post(review_url(correction), {"_publish": "1"})
    assert Article.objects.get(pk=article.pk).lead == "Sapo đang đăng."


def test_editor_chooses_between_updating_now_and_saving_as_pending():
    editor = make_editor()
    article = live_article(make_journalist())
    client = session(editor)
    form = client.get(change_url(article)).content.decode()
    assert "Lưu và cập nhật ngay" in form and "Lưu thành bản chờ duyệt" in form

    data = article_form_data(Article.objects.get(pk=article.pk), lead="Sapo chờ duyệt.")
    data["_save_pending"] = data.pop("_save")
    assert SENT in client.post(change_url(article), data, follow=True).content.decode()
    assert Article.objects.get(pk=article.pk).lead == "Sapo đang đăng."
    assert pending_of(article).created_by == editor

    correct(client, article, lead="Sapo cập nhật ngay.")
    assert Article.objects.get(pk=article.pk).lead == "Sapo cập nhật ngay."
    assert "Sapo cập nhật ngay." in reader_page(article)


def test_publishing_a_correction_written_before_a_later_change_is_refused():
    writer = make_journalist()
    article = live_article(writer)
    correct(session(writer), article, lead="Sapo của phóng viên.")
    editor = session(make_editor())
    correct(editor, article, body="<p>Thân bài biên tập viên sửa.</p>")

    response = editor.post(review_url(pending_of(article)), {"_publish": "1"}, follow=True)

    assert "xuất bản nó sẽ xóa mất thay đổi đó" in response.content.decode()
    article.refresh_from_db()
    assert article.lead == "Sapo đang đăng."
    assert article.body == "<p>Thân bài biên tập viên sửa.</p>"
    assert pending_of(article).is_pending


def test_a_correction_from_an_out_of_date_form_is_refused():
    writer = make_journalist()
    article = live_article(writer)
    stale_form = article_form_data(Article.objects.get(pk=article.pk), lead="Sapo cũ sửa.")
    revisions.record(article, None)  # the form above predates this save
    correct(session(make_editor()), article, lead="Sapo biên tập viên sửa.")

    response = session(writer).post(change_url(article), stale_form)

    assert response.status_code == 200
    assert "Người khác đã lưu bài này sau khi bạn mở nó." in response.content.decode()
    assert not ArticleRevision.objects.pending().exists()


def test_a_new_cover_waits_with_the_correction_and_goes_live_with_it(settings):
    writer = make_journalist()
    article = live_article(writer)
    data = article_form_data(Article.objects.get(pk=article.pk), cover_caption="Ảnh mới")
    data["cover_image"] = image_upload("cau-moi.png")
    session(writer).post(change_url(article), data)

    assert not Article.objects.get(pk=article.pk).cover_image
    correction = pending_of(article)
    stored = correction.content["cover_image"]
    assert stored.startswith("covers/") and Article.cover_image.field.storage.exists(stored)

    session(make_editor()).post(review_url(correction), {"_publish": "1"})
    article.refresh_from_db()
    assert article.cover_image.name == stored and article.cover_caption == "Ảnh mới"
    assert article.cover_thumbnail  # made from the new cover


def test_a_journalist_credited_on_the_byline_may_correct_it():
    writer = make_journalist()
    article = live_article(make_editor(), authors=[make_author(user=writer)])

    correct(session(writer), article, lead="Sapo tác giả sửa.")

    assert pending_of(article).created_by == writer


# fmt: off
MATRIX = {
    # step                                journalist editor moderator
    "change_own_published_article":       (True,     True,  False),
    "change_someone_elses_article":       (False,    True,  False),
    "see_the_list_of_corrections":        (False,    True,  False),
    "publish_a_correction":               (False,    True,  False),
    "reject_a_correction":                (False,    True,  False),
}
# fmt: on


def changed_live_or_pending(client, article):
    """Post the form's default button; True if the article or a correction took the change."""
    correct(client, article, lead="Sapo sửa.")
    waiting = ArticleRevision.objects.pending().filter(article=article, content__lead="Sapo sửa.")
    return waiting.exists() or Article.objects.get(pk=article.pk).lead == "Sapo sửa."


def change_own_published_article(client, user):
    return changed_live_or_pending(client, live_article(user))


def change_someone_elses_article(client, user):
    return changed_live_or_pending(client, live_article(make_journalist()))


def waiting_correction(user):
    """A correction `user` wrote to their own live article (as a journalist would)."""
    article = live_article(user)
    return revisions.save_pending(
        Article.objects.get(pk=article.pk), make_editor(), authors=[make_author()], tags=[]
    )


def see_the_list_of_corrections(client, user):
    return client.get(CORRECTIONS_URL).status_code == 200


def publish_a_correction(client, user):
    correction = waiting_correction(user)
    client.post(review_url(correction), {"_publish": "1"})
    return ArticleRevision.objects.get(pk=correction.pk).state == "published"


def reject_a_correction(client, user):
    correction = waiting_correction(user)
    client.post(review_url(correction), {"_reject": "1"})
    return ArticleRevision.objects.get(pk=correction.pk).state == "rejected"


@pytest.mark.parametrize("step", MATRIX)
@pytest.mark.parametrize("role", ["journalist", "editor", "moderator"])
def test_each_role_does_exactly_what_it_may_with_corrections(step, role):
    user = {"journalist": make_journalist, "editor": make_editor, "moderator": make_moderator}[
        role
    ]()
    allowed = MATRIX[step][["journalist", "editor", "moderator"].index(role)]
    assert globals()[step](session(user), user) is allowed


def test_the_services_refuse_what_the_role_may_not_do():
    writer = make_journalist()
    article = live_article(writer)
    with pytest.raises(services.NotAllowed):
        revisions.save_pending(article, make_journalist(), authors=[], tags=[])
    correction = revisions.save_pending(article, writer, authors=[make_author()], tags=[])
    with pytest.raises(services.NotAllowed):
        revisions.publish_pending(correction, writer)
    with pytest.raises(services.NotAllowed):
        revisions.reject_pending(correction, writer, "")
    draft = make_article(created_by=writer, status=Article.Status.DRAFT)
    with pytest.raises(services.NotAllowed):  # drafts are edited, not corrected
        revisions.save_pending(draft, writer, authors=[], tags=[])
    assert pending_of(article) == correction


def test_corrections_are_listed_oldest_first_and_filtered_on_the_article_list():
    editor = make_editor()
    first, second, untouched = (live_article(make_journalist()) for _ in range(3))
    for article in (second, first):
        revisions.save_pending(article, editor, authors=[make_author()], tags=[])
    client = session(editor)

    listing = client.get(CORRECTIONS_URL).content.decode()
    assert listing.index(second.title) < listing.index(first.title)
    filtered = client.get(CHANGELIST_URL, {"correction": "pending"}).content.decode()
    assert "Có bản sửa chờ duyệt" in filtered
    assert first.title in filtered and second.title in filtered
    assert untouched.title not in filtered
    assert "2 bản sửa chờ duyệt" in client.get(CHANGELIST_URL).content.decode()


def test_corrections_do_not_add_queries_to_the_reader_page():
    writer = make_journalist()
    article = live_article(writer, authors=[make_author()], tags=["Một"])
    url = article.get_absolute_url()
    reader = Client()
    with CaptureQueriesContext(connection) as without:
        assert reader.get(url).status_code == 200
    for _number in range(5):
        revisions.save_pending(article, make_editor(), authors=[make_author()], tags=[])
    correct(session(writer), article, lead="Sapo của phóng viên.")
    with CaptureQueriesContext(connection) as with_corrections:
        assert reader.get(url).status_code == 200
    assert len(with_corrections) == len(without)
    assert not [q for q in with_corrections.captured_queries if "revision" in q["sql"].lower()]
