"""The whole-page cache: who is served from it, what it keeps, what it never shares."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article
from comments.models import Comment
from tests.comments.helpers import VALID, comment_url
from tests.factories import make_article, make_editor, make_section
from tests.site.helpers import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def reader_pages(article):
    """Every kind of page an anonymous reader may be served from the cache."""
    section, tag, author = article.section, article.tags.get(), article.credits.get().author
    return [
        "/",
        "/?page=1",
        article.get_absolute_url(),
        "/en" + article.get_absolute_url(),
        section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
        "/search/?q=cau",
        "/feed/",
        f"/section/{section.slug}/feed/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
    ]


def test_every_reader_page_is_served_from_the_cache_after_its_first_render(client):
    article = make_article(title="Khánh thành cầu Cửa Hội", tags=["giao thông"])
    for url in reader_pages(article):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss", url
        assert queries_for(client, url) == 0, url
        again = client.get(url)
        assert again["X-Page-Cache"] == "hit"
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]


def test_a_cached_page_keeps_its_headers_and_nginx_may_keep_it_a_second(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())
    assert cached["Content-Language"] == first["Content-Language"] == "vi"
    assert cached["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in cached["Content-Security-Policy"]
    assert cached["X-Accel-Expires"] == first["X-Accel-Expires"] == "1"


def test_vietnamese_and_english_pages_are_cached_apart(client):
    article = make_article()
    assert client.get(article.get_absolute_url())["Content-Language"] == "vi"
    english = client.get("/en" + article.get_absolute_url())
    assert english["Content-Language"] == "en" and english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_staff_get_pages_made_for_them_and_their_pages_are_never_shared(client):
    article = make_article(title="Bài cho bạn đọc")
    editor = Client()
    editor.force_login(make_editor())
    staff_page = editor.get(article.get_absolute_url())
    assert staff_page.status_code == 200 and "X-Page-Cache" not in staff_page
    assert "X-Accel-Expires" not in staff_page
    # Nothing the staff request rendered was kept for the anonymous reader.
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    # A warm cache is never served to the staff member either.
    assert queries_for(editor, article.get_absolute_url()) > 0
    assert "X-Page-Cache" not in editor.get(article.get_absolute_url())


def test_a_reader_with_a_session_cookie_is_never_served_from_the_cache(client):
    article = make_article()
    client.get(article.get_absolute_url())
    reader = Client()
    reader.cookies["sessionid"] = "anything"
    assert queries_for(reader, article.get_absolute_url()) > 0
    assert "X-Page-Cache" not in reader.get(article.get_absolute_url())


def test_pages_that_vary_on_the_visitor_are_never_kept(client):
    article = make_article()
    for url in ("/comments/csrf/", comment_url(article), f"/preview/{article.pk}/"):
        client.get(url)
        response = client.get(url)
        assert "X-Page-Cache" not in response, url
        assert "X-Accel-Expires" not in response, url


def test_the_comment_form_works_on_a_cached_page_and_thanks_its_reader():
    article = make_article()
    first_reader = Client()
    first_reader.get(article.get_absolute_url())
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    # The shared page holds no token: comments.js fills it in from /comments/csrf/.
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "đang chờ duyệt" not in html

    token = reader.get("/comments/csrf/").json()["token"]
    posted = reader.post(comment_url(article), {**VALID, "csrfmiddlewaretoken": token})
    assert posted.status_code == 303
    assert Comment.objects.get().status == Comment.Status.PENDING

    thanked = reader.get(posted["Location"])
    assert "đang chờ duyệt" in thanked.content.decode()
    # Everyone else still gets the plain page, from the cache.
    other = Client().get(article.get_absolute_url())
    assert other["X-Page-Cache"] == "hit"
    assert "đang chờ duyệt" not in other.content.decode()


def test_each_reader_gets_a_csrf_token_of_their_own():
    tokens = {Client().get("/comments/csrf/").json()["token"] for _ in range(2)}
    assert len(tokens) == 2


def test_a_page_is_not_kept_past_the_next_scheduled_go_live(client):
    make_article(title="Bài đã đăng")
    scheduled = make_article(title="Bài hẹn giờ", status=Article.Status.DRAFT)
    services.publish(scheduled, make_editor(), at=timezone.now() + timedelta(minutes=5))
    client.get("/")
    cached = client.get("/")
    assert cached["X-Page-Cache"] == "hit" and "Bài hẹn giờ" not in cached.content.decode()
    # nginx is told to keep it no longer than the app does.
    assert int(cached["X-Accel-Expires"]) <= 1


def test_the_section_navigation_is_cached_until_a_section_changes(client, settings):
    settings.PAGE_CACHE = False  # the fragment alone
    make_section(name="Thời sự")
    # The navigation; the next go-live or expiry; the next curated slot end.
    assert queries_for(client, "/search/") == 3
    assert queries_for(client, "/search/") == 0
    make_section(name="Kinh tế")
    assert "Kinh tế" in client.get("/search/").content.decode()


def test_related_articles_are_cached_until_the_content_changes(client, settings):
    settings.PAGE_CACHE = False
    section = make_section()
    article = make_article(section=section)
    make_article(section=section, title="Bài cùng chuyên mục")
    first = queries_for(client, article.get_absolute_url())
    assert queries_for(client, article.get_absolute_url()) < first
    newer = make_article(section=section, title="Bài liên quan mới", status=Article.Status.DRAFT)
    services.publish(newer, make_editor())
    assert "Bài liên quan mới" in client.get(article.get_absolute_url()).content.decode()
