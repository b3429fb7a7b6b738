"""The admin's first page shows each role what waits for them, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.dashboard import waiting_label
from articles.models import Article, ArticleTransition
from comments.models import Comment
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_editor,
    make_journalist,
    make_moderator,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CHANGELIST = reverse("admin:articles_article_changelist")


def section(html, css_class):
    """The dashboard group with `css_class`, up to the next group."""
    start = html.index(f'class="desk-group desk-{css_class}"')
    end = html.find('class="desk-group', start + 1)
    return html[start : end if end > 0 else None]


def listed_titles(response):
    return [article.title for article in response.context["cl"].result_list]


def journalist_with_work():
    journalist = make_journalist()
    editor = make_editor()
    make_article(title="Nháp một", status=Article.Status.DRAFT, created_by=journalist)
    returned = make_article(title="Bài bị trả", status=Article.Status.REVIEW, created_by=journalist)
    services.send_back(returned, editor, "Thêm ảnh hiện trường.")
    make_article(title="Đang chờ", status=Article.Status.REVIEW, created_by=journalist)
    make_article(
        title="Hẹn giờ sáng mai",
        created_by=journalist,
        published_at=timezone.now() + timedelta(hours=10),
    )
    make_article(title="Đã đăng hôm qua", created_by=journalist)
    make_article(title="Nháp của người khác", status=Article.Status.DRAFT)
    return journalist


def test_a_journalist_sees_drafts_sent_back_with_the_note_in_review_and_scheduled(client):
    journalist = journalist_with_work()
    credited = make_article(
        title="Bài đồng tác giả",
        status=Article.Status.DRAFT,
        authors=[make_author(user=journalist)],
    )
    client.force_login(journalist)

    html = client.get(INDEX).content.decode()

    drafts = section(html, "draft")
    assert "Nháp một" in drafts and "Bài bị trả" in drafts and credited.title in drafts
    assert "Nháp của người khác" not in html
    sent_back = section(html, "sent_back")
    assert "Bài bị trả" in sent_back and "Thêm ảnh hiện trường." in sent_back
    assert "Nháp một" not in sent_back
    assert "Đang chờ" in section(html, "review")
    assert "Hẹn giờ sáng mai" in section(html, "scheduled")
    assert "Đã đăng hôm qua" not in html
    assert 'class="desk-editor' not in html


def test_each_count_of_the_journalist_links_to_the_same_articles_in_the_list(client):
    journalist = journalist_with_work()
    client.force_login(journalist)
    html = client.get(INDEX).content.decode()

    expected = {
        "draft": ["Bài bị trả", "Nháp một"],
        "sent_back": ["Bài bị trả"],
        "review": ["Đang chờ"],
        "scheduled": ["Hẹn giờ sáng mai"],
    }
    for key, titles in expected.items():
        group = section(html, key)
        url = group.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        assert f'<span class="desk-count">{len(titles)}</span>' in group
        assert sorted(listed_titles(client.get(url))) == titles


def test_the_editor_sees_the_review_queue_oldest_first_with_its_waiting_time(client):
    editor = make_editor()
    journalist = make_journalist()
    older = make_article(title="Gửi từ sáng", status=Article.Status.DRAFT, created_by=journalist)
    newer = make_article(title="Gửi vừa xong", status=Article.Status.DRAFT, created_by=journalist)
    services.submit_for_review(newer, journalist)
    services.submit_for_review(older, journalist)
    ArticleTransition.objects.filter(article=older).update(
        at=timezone.now() - timedelta(hours=3, minutes=5)
    )
    client.force_login(editor)

    queue = section(client.get(INDEX).content.decode(), "queue")

    assert queue.index("Gửi từ sáng") < queue.index("Gửi vừa xong")
    assert "chờ 3 giờ" in queue
    assert "chờ 0 phút" in queue
    assert '<span class="desk-count">2</span>' in queue


def test_the_editor_sees_today_corrections_and_overdue_stories(client):
    editor = make_editor()
    now = timezone.localtime()
    make_article(title="Lên trang hôm nay", published_at=now.replace(hour=0, minute=1))
    make_article(title="Lên trang hôm qua", published_at=now - timedelta(days=1, hours=1))
    make_article(
        title="Quá giờ hẹn",
        status=Article.Status.REVIEW,
        published_at=timezone.now() - timedelta(hours=1),
    )
    client.force_login(editor)

    html = client.get(INDEX).content.decode()

    today = section(html, "today")
    assert "Lên trang hôm nay" in today and "Lên trang hôm qua" not in today
    assert "Quá giờ hẹn" in section(html, "overdue")
    assert listed_titles(client.get(CHANGELIST, {"workflow": "today"})) == ["Lên trang hôm nay"]
    assert listed_titles(client.get(CHANGELIST, {"workflow": "overdue"})) == ["Quá giờ hẹn"]
    assert f'href="{reverse("admin:articles_article_corrections")}"' in section(html, "corrections")


def test_the_moderator_sees_how_many_comments_wait_and_the_oldest_ones_age(client):
    make_comment()
    old = make_comment()
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2, hours=1))
    make_comment(status=Comment.Status.APPROVED)
    client.force_login(make_moderator())

    html = client.get(INDEX).content.decode()

    panel = html[html.index('class="desk-panel desk-moderator"') :]
    assert "2 ý kiến bạn đọc đang chờ duyệt" in panel
    assert "chờ 2 ngày" in panel
    assert f'href="{reverse("admin:comments_comment_changelist")}"' in panel


def test_the_notifications_show_unread_first_with_their_count(
    client, django_capture_on_commit_callbacks
):
    editor = make_editor()
    journalist = make_journalist()
    for title in ("Bài A", "Bài B"):
        services.submit_for_review(
            make_article(title=title, status=Article.Status.DRAFT, created_by=journalist),
            journalist,
        )
    client.force_login(editor)
    client.get(
        reverse("admin:articles_article_change", args=[Article.objects.get(title="Bài A").pk])
    )

    html = client.get(INDEX).content.decode()

    panel = html[
        html.index('id="notifications"') : html.index(
            "</section>", html.index('id="notifications"')
        )
    ]
    assert '<span class="desk-unread"' in panel and ">1</span>" in panel
    assert panel.index("Bài B") < panel.index("Bài A")
    assert "Gửi duyệt" in panel


@pytest.mark.parametrize(
    "make_role",
    [make_journalist, make_editor, make_moderator],
    ids=["journalist", "editor", "moderator"],
)
def test_each_dashboard_takes_the_same_queries_however_much_work_waits(
    client, django_assert_max_num_queries, make_role
):
    user = make_role()
    writer = user if make_role is make_journalist else make_journalist()
    editor = make_editor()
    client.force_login(user)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as first:
        client.get(INDEX)
    for number in range(6):
        submitted = make_article(status=Article.Status.DRAFT, created_by=writer)
        services.submit_for_review(submitted, writer)
        returned = make_article(status=Article.Status.REVIEW, created_by=writer)
        services.send_back(returned, editor, f"Sửa lần {number}")
        make_article(created_by=writer, published_at=timezone.now() + timedelta(hours=number + 1))
        make_article(published_at=timezone.localtime().replace(hour=0, minute=number))
        make_comment()

    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(INDEX).status_code == 200


def test_waiting_time_reads_in_its_largest_unit():
    now = timezone.now()
    assert waiting_label(now - timedelta(minutes=59), now) == "chờ 59 phút"
    assert waiting_label(now - timedelta(hours=47), now) == "chờ 47 giờ"
    assert waiting_label(now - timedelta(days=3), now) == "chờ 3 ngày"


def test_the_app_list_is_still_on_the_first_page(client):
    client.force_login(make_editor())
    html = client.get(INDEX).content.decode()
    assert f'href="{CHANGELIST}"' in html[html.index("desk-apps") :]


def test_every_admin_page_shows_the_unread_count_in_its_header(client):
    editor = make_editor()
    journalist = make_journalist()
    for title in ("Bài A", "Bài B"):
        article = make_article(title=title, status=Article.Status.DRAFT, created_by=journalist)
        services.submit_for_review(article, journalist)
    client.force_login(editor)

    html = client.get(CHANGELIST).content.decode()

    tools = html[html.index('id="user-tools"') :]
    assert f'href="{INDEX}#notifications"' in tools
    assert "Thông báo (2)" in tools
