from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.factories import make_article, make_comment

from .helpers import VALID, assert_nothing_kept, comment_url, send

pytestmark = pytest.mark.django_db


def test_article_page_shows_the_comment_form_in_vietnamese(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'action="{comment_url(article)}"' in html
    for name in ("name", "email", "body", "attachment"):
        assert f'name="{name}"' in html
    for label in ("Họ tên", "Email", "Nội dung", "Đính kèm file", "Gửi ý kiến"):
        assert label in html
    assert "được Ban biên tập kiểm duyệt" in html
    assert "Vui lòng gõ tiếng Việt có dấu." in html
    assert "một file tối đa 10 MB" in html


def test_article_page_is_the_same_for_every_anonymous_visitor(article):
    make_comment(article, status=Comment.Status.APPROVED)
    first, second = Client(), Client()
    first_response = first.get(article.get_absolute_url())
    html = first_response.content.decode()
    assert html == second.get(article.get_absolute_url()).content.decode()
    # The token comes from comments.js; the shared page carries an empty field and no cookie.
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "csrftoken" not in first_response.cookies
    assert 'src="/static/js/comments.js"' in html


def test_without_javascript_a_link_leads_to_the_comment_page(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{comment_url(article)}">' in html

    page = client.get(comment_url(article))
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken" value="' in page.content.decode()
    assert "no-cache" in page["Cache-Control"] and "private" in page["Cache-Control"]


def test_csrf_endpoint_gives_a_token_and_sets_the_cookie_uncached(client):
    response = client.get("/comments/csrf/")
    assert response.status_code == 200
    assert response.json()["token"]
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_a_comment_sent_with_the_fetched_token_waits_for_moderation(article):
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/comments/csrf/").json()["token"]
    response = send(browser, article, csrfmiddlewaretoken=token)

    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}?binh-luan=cho-duyet#binh-luan"
    comment = Comment.objects.get()
    assert (comment.article, comment.name, comment.email) == (
        article,
        "Trần Thị Bình",
        "binh@example.vn",
    )
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"

    page = browser.get(response["Location"]).content.decode()
    assert "đang chờ duyệt" in page
    assert VALID["body"] not in page


def test_thank_you_notice_only_after_sending(client, article):
    assert "đang chờ duyệt" not in client.get(article.get_absolute_url()).content.decode()


def test_approved_comments_are_shown_oldest_first_with_name_date_and_count(client, article):
    make_comment(
        article,
        name="Người thứ hai",
        body="Ý kiến sau.",
        status=Comment.Status.APPROVED,
        created_at=datetime(2023, 11, 27, 3, 0, tzinfo=UTC),
    )
    make_comment(
        article,
        name="Người thứ nhất",
        body="Ý kiến trước.",
        status=Comment.Status.APPROVED,
        created_at=datetime(2023, 11, 27, 1, 40, tzinfo=UTC),
    )
    make_comment(article, name="Chưa duyệt", body="Đang chờ.")
    make_comment(article, name="Bị từ chối", status=Comment.Status.REJECTED)

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ý kiến bạn đọc" in html and "(2)" in html
    assert html.index("Người thứ nhất") < html.index("Người thứ hai")
    assert "27-11-2023 | 08:40" in html  # Asia/Ho_Chi_Minh, day-month-year
    assert "Chưa duyệt" not in html and "Bị từ chối" not in html


def test_comment_text_is_escaped_and_keeps_its_line_breaks(client, article):
    make_comment(
        article,
        name="<b>Kẻ xấu</b>",
        body="<script>alert('x')</script>\nDòng thứ hai",
        status=Comment.Status.APPROVED,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<b>Kẻ xấu</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Dòng thứ hai" in html
    assert "&lt;b&gt;Kẻ xấu&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": None}, "Vui lòng nhập họ tên."),
        ({"name": "   "}, "Vui lòng nhập họ tên."),
        ({"email": None}, "Vui lòng nhập địa chỉ email."),
        ({"email": "khong-phai-email"}, "Vui lòng nhập một địa chỉ email hợp lệ."),
        ({"body": None}, "Vui lòng viết nội dung ý kiến."),
        ({"body": "a"}, "Ý kiến quá ngắn: tối thiểu 2 ký tự."),
        ({"body": "ừ" * 5001}, "Ý kiến quá dài: tối đa 5000 ký tự (hiện có 5001)."),
        ({"name": "Nguyễn " * 12}, "Họ tên quá dài: tối đa 80 ký tự."),
    ],
    ids=[
        "no-name",
        "blank-name",
        "no-email",
        "bad-email",
        "no-text",
        "text-too-short",
        "text-too-long",
        "name-too-long",
    ],
)
def test_invalid_comment_is_sent_back_with_its_message(client, article, fields, message):
    response = send(client, article, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_kept()


def test_sent_back_form_keeps_the_input_but_asks_for_the_file_again(client, article):
    html = send(client, article, email="sai").content.decode()
    assert 'value="Trần Thị Bình"' in html
    assert VALID["body"] in html
    assert "vui lòng chọn lại file" in html


def test_text_of_exactly_5000_characters_is_accepted(client, article):
    assert send(client, article, body="ừ" * 5000).status_code == 303
    assert len(Comment.objects.get().body) == 5000


def test_text_is_stored_in_composed_form_without_hidden_characters(client, article):
    decomposed = "Cảm ơn bài viết hay".replace("ả", "a\u0309")  # macOS keyboards send NFD
    send(client, article, body=f"{decomposed}\u202e\u200b", name="An\u202e")
    comment = Comment.objects.get()
    assert comment.body == "Cảm ơn bài viết hay"
    assert comment.name == "An"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + timedelta(hours=3)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_readers_cannot_comment_on_an_article_they_cannot_see(client, fields):
    hidden = make_article(**fields)
    assert client.get(comment_url(hidden)).status_code == 404
    assert send(client, hidden).status_code == 404
    assert_nothing_kept()


def test_comments_closed_by_the_editors_are_refused(client):
    closed = make_article(comments_open=False)
    response = send(client, closed)
    assert response.status_code == 403
    assert "Bài viết này đã đóng ý kiến bạn đọc." in response.content.decode()
    assert_nothing_kept()

    article_html = client.get(closed.get_absolute_url()).content.decode()
    assert "Bài viết này đã đóng ý kiến bạn đọc." in article_html
    assert 'name="body"' not in article_html
    assert 'name="body"' not in client.get(comment_url(closed)).content.decode()


def test_english_page_posts_to_the_english_url_and_returns_there(client, article):
    form_url, article_url = comment_url(article), article.get_absolute_url()
    html = client.get(f"/en{article_url}").content.decode()
    assert f'action="/en{form_url}"' in html
    response = client.post(f"/en{form_url}", VALID)
    assert response["Location"].startswith(f"/en{article_url}?")
