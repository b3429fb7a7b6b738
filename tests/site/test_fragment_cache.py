"""Fragments without a page cache: what each process keeps of a page, and when it stops.

As the anchors benchmark and a site without Redis serve pages: several worker processes,
each with its own memory, hearing of changes through the generation file they share.
"""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from comments import moderation
from newsroom import pagecache
from tests.factories import make_article, make_comment, make_editor, make_moderator, make_section
from tests.site.helpers import queries_for

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def fragments_only(page_cache, settings, tmp_path):
    """Fragments on, no page cache, the generation in a file as without Redis."""
    settings.PAGE_CACHE = False
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "var" / "pagecache-generation"


def another_worker_changed_something(settings):
    """What content_changed() in another process leaves this one: a new generation file."""
    settings.PAGE_CACHE_GENERATION_FILE.write_text("generation-of-another-worker")


def test_a_change_made_by_another_worker_shows_at_the_next_request(client, settings):
    article = make_article(title="Cầu Cửa Hội thông xe", body="<p>Nội dung cũ.</p>")
    url = article.get_absolute_url()
    assert "Nội dung cũ." in client.get(url).content.decode()
    # Another worker saves the article: the rows change, this process's memory does not.
    Article.objects.filter(pk=article.pk).update(body="<p>Nội dung mới.</p>")
    assert "Nội dung cũ." in client.get(url).content.decode()  # kept, as the file says

    another_worker_changed_something(settings)

    page = client.get(url).content.decode()
    assert "Nội dung mới." in page and "Nội dung cũ." not in page


def test_cards_and_navigation_follow_another_workers_change(client, settings):
    section = make_section(name="Thời sự")
    article = make_article(title="Tin sáng", section=section)
    assert "Tin sáng" in client.get(section.get_absolute_url()).content.decode()
    Article.objects.filter(pk=article.pk).update(title="Tin chiều")
    section.__class__.objects.filter(pk=section.pk).update(name="Thời sự 24h")
    another_worker_changed_something(settings)
    page = client.get(section.get_absolute_url()).content.decode()
    assert "Tin chiều" in page and "Tin sáng" not in page
    assert "Thời sự 24h" in client.get("/search/").content.decode()


def test_without_a_readable_generation_every_page_is_made_anew(client, settings, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "not-a-folder" / "pagecache-generation"
    article = make_article(title="Bài đầu")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    Article.objects.filter(pk=article.pk).update(title="Bài đã sửa")
    assert "Bài đã sửa" in client.get(url).content.decode()
    assert not pagecache._held_fragments


def test_saving_with_an_unwritable_generation_file_stops_the_fragments(client, settings):
    article = make_article(title="Bài đầu")
    url = article.get_absolute_url()
    client.get(url)
    # Something in its place that no user, root included, can replace with a file.
    settings.PAGE_CACHE_GENERATION_FILE.unlink()
    settings.PAGE_CACHE_GENERATION_FILE.mkdir()
    (settings.PAGE_CACHE_GENERATION_FILE / "x").write_text("")
    Article.objects.filter(pk=article.pk).update(title="Bài đã sửa")
    pagecache.content_changed()  # logged; nobody may serve the old parts now
    assert "Bài đã sửa" in client.get(url).content.decode()


def test_a_kept_article_page_costs_one_query_whatever_it_shows(client):
    section = make_section()
    article = make_article(section=section, tags=["a", "b", "c"])
    for number in range(12):
        make_article(section=section, title=f"Bài liên quan {number}")
    for number in range(3):
        comment = make_comment(article, body=f"Ý kiến số {number} của bạn đọc.")
        moderation.approve(comment, make_moderator())
    url = article.get_absolute_url()
    assert queries_for(client, url) > 1
    assert queries_for(client, url) == 1  # the article's row: is it live, is the slug current


@pytest.mark.parametrize("page", ["", "?page=2"])
def test_a_kept_list_page_costs_three_queries(client, page):
    section = make_section()
    for number in range(45):
        make_article(section=section, title=f"Bài số {number}")
    url = section.get_absolute_url() + page
    # The section, its curated stories, the page's ids, their cards' columns, the
    # navigation, and when the content next changes: a go-live, a curated slot's end.
    assert queries_for(client, url) == 7
    # The cards of those ids are kept: the section, its curated stories and the ids are
    # read again.
    assert queries_for(client, url) == 3


def test_a_list_page_shows_an_article_that_moved_onto_it(client):
    section = make_section()
    older = [make_article(section=section, title=f"Bài số {n}") for n in range(25)]
    url = section.get_absolute_url()
    client.get(url)
    # Another worker unpublishes the newest: the page's ids change, so do its cards.
    Article.objects.filter(pk=older[-1].pk).update(status=Article.Status.DRAFT)
    pagecache._write_generation_file("after-the-change")
    page = client.get(url).content.decode()
    assert "Bài số 24" not in page and "Bài số 4" in page


def test_comment_pages_and_the_thank_you_notice_are_kept_apart(client, settings):
    settings.COMMENTS_PAGE_SIZE = 2
    article = make_article()
    for number in range(3):
        moderation.approve(make_comment(article, body=f"Ý kiến thứ {number}."), make_moderator())
    url = article.get_absolute_url()
    pages = {}
    for query in ["", "?trang-y-kien=2", "?binh-luan=cho-duyet"]:
        client.get(url + query)
        pages[query] = client.get(url + query).content.decode()
    assert "Ý kiến thứ 2." not in pages[""] or "Ý kiến thứ 0." not in pages[""]
    assert pages[""] != pages["?trang-y-kien=2"]
    assert "awaiting moderation" not in pages[""] and "chờ duyệt" not in pages[""]
    assert "comments__thanks" in pages["?binh-luan=cho-duyet"]
    assert "comments__thanks" not in pages[""]


def test_vietnamese_and_english_fragments_are_kept_apart(client):
    article = make_article()
    url = article.get_absolute_url()
    client.get(url)
    english = client.get("/en" + url).content.decode()
    vietnamese = client.get(url).content.decode()
    assert "Readers&#x27; comments" in english or "Readers' comments" in english
    assert "Readers" not in vietnamese
    assert 'href="/en/' in english and 'href="/en/' not in vietnamese.split("hreflang")[-1]


def test_the_staff_preview_shows_the_draft_never_a_kept_part(client):
    article = make_article(title="Bài đã đăng")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Bản nháp mới")  # no change readers see
    staff = Client()
    staff.force_login(make_editor())
    preview = staff.get(f"/preview/{article.pk}/")
    assert preview.status_code == 200
    assert "Bản nháp mới" in preview.content.decode()


def test_a_kept_fragment_ends_at_the_next_scheduled_go_live(client):
    section = make_section()
    article = make_article(section=section, title="Bài đang hiện")
    go_live = timezone.now() + timedelta(seconds=1)
    make_article(section=section, title="Bài hẹn giờ", published_at=go_live)
    url = article.get_absolute_url()
    client.get(url)
    assert "Bài hẹn giờ" not in client.get(url).content.decode()  # related articles, kept
    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.05)
    assert "Bài hẹn giờ" in client.get(url).content.decode()


def test_a_worker_keeps_fragments_within_its_memory_budget(client, settings):
    settings.FRAGMENT_CACHE_HELD_BYTES = 40_000
    section = make_section()
    articles = [
        make_article(section=section, body="<p>" + "Chữ " * 2000 + "</p>") for _ in range(8)
    ]
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 200
    held = sum(len(entry[2]) for entry in pagecache._held_fragments.values())
    assert 0 < held <= 40_000
    # The newest page's parts are the ones kept.
    assert any(f":{articles[-1].pk}" in name for name in pagecache._held_fragments)
