"""The desk's internal notes on an article: staff who may open it write them; readers never see them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import notes, revisions, services
from articles.models import Article, ArticleNote, ArticleRevision
from tests.articles.admin_forms import change_url
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

SECRET = "Nguồn tin là ông Tư, đừng nêu tên."


def notes_url(article):
    return reverse("admin:articles_article_notes", args=[article.pk])


def test_a_desk_member_adds_a_note_shown_with_its_author_and_time(client):
    editor = make_editor(first_name="Minh", last_name="Lê")
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.post(notes_url(article), {"body": f"  {SECRET}  "})

    assert response.status_code == 302
    note = ArticleNote.objects.get()
    assert (note.article, note.author, note.body) == (article, editor, SECRET)
    page = client.get(change_url(article)).content.decode()
    thread = page[page.index('id="desk-notes"') :]
    assert SECRET in thread
    assert "Minh Lê" in thread
    assert timezone.localtime(note.created_at).strftime("%d-%m-%Y %H:%M") in thread


def test_an_empty_note_is_refused(client):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(make_editor())

    response = client.post(notes_url(article), {"body": "   "})

    assert response.status_code == 400
    assert "Hãy viết nội dung ghi chú trước khi thêm." in response.content.decode()
    assert not ArticleNote.objects.exists()
    with pytest.raises(ValidationError):
        notes.add_note(article, make_editor(), "")


def test_a_journalist_writes_notes_on_their_own_story(client):
    journalist = make_journalist()
    article = make_article(status=Article.Status.DRAFT, created_by=journalist)
    client.force_login(journalist)

    client.post(notes_url(article), {"body": "Em đã gọi lại cho nguồn."})

    assert ArticleNote.objects.filter(article=article, author=journalist).exists()


def test_a_journalist_can_neither_read_nor_write_notes_on_another_drafts(client):
    article = make_article(status=Article.Status.DRAFT, created_by=make_journalist())
    notes.add_note(article, make_editor(), SECRET)
    outsider = make_journalist()
    client.force_login(outsider)

    assert client.post(notes_url(article), {"body": "Xem trộm"}).status_code == 404
    assert client.get(change_url(article)).status_code in (302, 404)
    with pytest.raises(services.NotAllowed):
        notes.add_note(article, outsider, "Xem trộm")
    assert ArticleNote.objects.count() == 1


def test_readers_never_see_the_notes(client):
    article = make_article(title="Khai trương chợ đêm", lead="Chợ đêm mở cửa.")
    editor = make_editor()
    revisions.record(article, editor)
    notes.add_note(article, editor, SECRET)
    article.lead = "Chợ đêm mở cửa tối nay."
    article.save()
    revisions.record(article, editor)

    pages = [
        client.get(article.get_absolute_url()),
        client.get(reverse("articles:feed")),
        client.get(reverse("articles:search"), {"q": "chợ đêm"}),
        client.get(reverse("articles:home")),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "ông Tư" not in response.content.decode()
    found = client.get(reverse("articles:search"), {"q": "nguồn tin đừng nêu tên"})
    assert article.title not in found.content.decode()

    client.force_login(editor)
    older, newer = ArticleRevision.objects.order_by("pk")
    compare = reverse("admin:articles_article_compare", args=[article.pk])
    diff = client.get(f"{compare}?a={older.pk}&b={newer.pk}").content.decode()
    assert "tối nay" in diff
    assert "ông Tư" not in diff
