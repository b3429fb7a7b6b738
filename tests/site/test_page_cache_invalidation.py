"""Exact invalidation: the first request after each change a reader could see shows it,
on every page that shows the article, with the cache warm before the change.

Every test runs twice: with whole pages cached (Redis in production), and with the
fragments alone (the navigation, article parts, cards, related articles, comment
pages), as a site without a page cache serves them."""

import json
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as site_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleRevision, Author, Section, Tag
from comments import moderation
from comments.models import Comment
from newsroom import pagecache
from tests.articles.admin_forms import action_data, article_form_data, change_url
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_editor,
    make_moderator,
    make_section,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True, params=["whole pages", "fragments only"])
def cache_mode(request, page_cache, settings):
    if request.param == "fragments only":
        settings.PAGE_CACHE = False
    return request.param


TITLE = "Khánh thành cầu Cửa Hội"


@pytest.fixture
def story():
    """A live story, its section, tag and author each also holding an older story."""
    section, author = make_section(name="Thời sự"), make_author(name="Minh Anh")
    make_article(title="Tin cũ", section=section, authors=[author], tags=["giao thông"])
    return make_article(
        title=TITLE,
        lead="Cây cầu nối hai tỉnh.",
        section=section,
        authors=[author],
        tags=["giao thông"],
        published_at=timezone.now() - timedelta(minutes=30),
    )


def pages_of(article):
    """Every reader page that shows `article`, by what it is."""
    section, author = article.section, article.credits.get().author
    tag = article.tags.get()
    return {
        "article": article.get_absolute_url(),
        "front page": "/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "feed": "/feed/",
        "section feed": f"/section/{section.slug}/feed/",
        "news sitemap": "/sitemap-news.xml",
        "search": "/search/?q=hai+tinh",  # the leads: headlines would come highlighted
    }


def warm(client, urls):
    """Render each page, then check the next request for it comes from the cache."""
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if site_settings.PAGE_CACHE:
            assert response["X-Page-Cache"] == "hit", url
        elif not url.endswith((".xml", "/feed/")):
            assert pagecache._held_fragments, url


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def showing(client, urls, words):
    """The pages among `urls` that show `words`."""
    return {name for name, url in urls.items() if words in text(client, url)}


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(make_editor())
    return client


def test_publishing_shows_the_article_everywhere_at_once(client, story):
    urls = pages_of(story)
    draft = make_article(
        title="Cầu Cửa Hội mở thêm làn xe",
        lead="Thêm làn xe cho hai tỉnh.",
        section=story.section,
        authors=[story.credits.get().author],
        tags=["giao thông"],
        status=Article.Status.DRAFT,
    )
    warm(client, urls.values())
    assert client.get(draft.get_absolute_url()).status_code == 404

    services.publish(draft, make_editor())

    # The story's own page lists it among the related articles.
    assert showing(client, urls, "Cầu Cửa Hội mở thêm làn xe") == set(urls)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert draft.get_absolute_url() in text(client, "/sitemap-articles.xml")


def test_editing_in_the_admin_shows_the_new_headline_everywhere(client, story, editor_client):
    urls = pages_of(story)
    warm(client, [*urls.values(), "/sitemap-articles.xml"])

    response = editor_client.post(
        change_url(story), article_form_data(story, title="Cầu Cửa Hội thông xe sớm")
    )
    assert response.status_code == 302

    assert showing(client, urls, "Cầu Cửa Hội thông xe sớm") == set(urls)
    assert showing(client, urls, TITLE) == set()


def test_unpublishing_takes_the_article_off_every_page(client, story, editor_client):
    urls = pages_of(story)
    warm(client, [*urls.values(), "/sitemap-articles.xml"])

    editor_client.post(
        reverse("admin:articles_article_changelist"), action_data("unpublish_selected", story)
    )

    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT
    assert client.get(urls.pop("article")).status_code == 404
    assert showing(client, urls, TITLE) == set()
    assert story.get_absolute_url() not in text(client, "/sitemap-articles.xml")


def test_deleting_an_article_in_the_admin_takes_it_off_every_page(client, story, editor_client):
    urls = pages_of(story)
    warm(client, urls.values())
    delete_url = reverse("admin:articles_article_delete", args=[story.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert client.get(urls.pop("article")).status_code == 404
    assert showing(client, urls, TITLE) == set()


def test_a_scheduled_article_goes_live_on_time_with_nobody_touching_the_site(client, story):
    urls = pages_of(story)
    scheduled = make_article(
        title="Cầu Cửa Hội đón khách từ sáng mai",
        lead="Du khách hai tỉnh đã đến.",
        section=story.section,
        authors=[story.credits.get().author],
        tags=["giao thông"],
        status=Article.Status.DRAFT,
    )
    go_live = timezone.now() + timedelta(seconds=1.5)
    services.publish(scheduled, make_editor(), at=go_live)
    warm(client, urls.values())
    assert showing(client, urls, "Cầu Cửa Hội đón khách") == set()

    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.05)

    assert showing(client, urls, "Cầu Cửa Hội đón khách") == set(urls)
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_changing_the_front_page_lead_shows_at_once(client, story, editor_client):
    lead_now = make_article(title="Bão số 3 đổ bộ", featured=True)
    warm(client, ["/"])
    assert text(client, "/").index("Bão số 3") < text(client, "/").index(TITLE)

    editor_client.post(change_url(lead_now), article_form_data(lead_now, featured=False))
    editor_client.post(change_url(story), article_form_data(story, featured=True))

    page = text(client, "/")
    assert page.index(TITLE) < page.index("Bão số 3")


def test_restoring_a_revision_shows_the_restored_text(client, story, editor_client):
    editor_client.post(change_url(story), article_form_data(story))
    story.refresh_from_db()
    editor_client.post(change_url(story), article_form_data(story, title="Tiêu đề viết nhầm"))
    urls = pages_of(story)
    warm(client, urls.values())
    assert showing(client, urls, "Tiêu đề viết nhầm") == set(urls)

    good = ArticleRevision.objects.filter(article=story).order_by("pk").first()
    restore = reverse("admin:articles_article_restore", args=[story.pk, good.pk])
    assert editor_client.post(restore).status_code == 302

    assert showing(client, urls, TITLE) == set(urls)


def test_importing_the_archive_shows_the_imported_articles(client, story, tmp_path):
    warm(client, ["/", story.section.get_absolute_url()])
    line = {
        "external_id": "luu-tru-1",
        "title": "Bài từ kho lưu trữ",
        "lead": "Sapo.",
        "body": "<p>Nội dung.</p>",
        "section": "Thời sự",
        "authors": ["Minh Anh"],
        "status": "published",
        "published_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
    }
    archive = tmp_path / "archive.jsonl"
    archive.write_text(json.dumps(line, ensure_ascii=False) + "\n")
    call_command("import_articles", str(archive), stdout=StringIO())

    assert "Bài từ kho lưu trữ" in text(client, "/")
    assert "Bài từ kho lưu trữ" in text(client, story.section.get_absolute_url())


@pytest.mark.parametrize("decide", ["admin form", "admin action", "service"])
def test_approving_a_comment_shows_it_under_the_article(client, story, decide):
    comment = make_comment(story, body="Mong cầu sớm thông xe cả hai chiều.")
    url = story.get_absolute_url()
    warm(client, [url])
    moderator = make_moderator()
    staff = Client()
    staff.force_login(moderator)
    if decide == "admin form":
        change = reverse("admin:comments_comment_change", args=[comment.pk])
        staff.post(change, {"body": comment.body, "decision": "approve"})
    elif decide == "admin action":
        staff.post(
            reverse("admin:comments_comment_changelist"),
            {"action": "approve_selected", "_selected_action": [comment.pk]},
        )
    else:
        moderation.approve(comment, moderator)

    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
    assert "Mong cầu sớm thông xe cả hai chiều." in text(client, url)


def test_editing_an_approved_comment_shows_the_new_text(client, story):
    comment = make_comment(story, body="Cầu đẹp quá")
    moderator = make_moderator()
    moderation.approve(comment, moderator)
    url = story.get_absolute_url()
    warm(client, [url])
    staff = Client()
    staff.force_login(moderator)
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    staff.post(change, {"body": "Cầu đẹp quá!", "decision": "approve"})
    assert "Cầu đẹp quá!" in text(client, url)


@pytest.mark.parametrize("decide", [moderation.reject, moderation.mark_spam])
def test_rejecting_an_approved_comment_takes_it_off_the_article(client, story, decide):
    comment = make_comment(story, body="Bình luận sẽ bị gỡ.")
    moderator = make_moderator()
    moderation.approve(comment, moderator)
    url = story.get_absolute_url()
    warm(client, [url])
    assert "Bình luận sẽ bị gỡ." in text(client, url)
    decide(comment, moderator)
    assert "Bình luận sẽ bị gỡ." not in text(client, url)


def test_deleting_an_approved_comment_takes_it_off_the_article(client, story):
    comment = make_comment(story, body="Bình luận sẽ bị xóa.")
    moderation.approve(comment, make_moderator())
    url = story.get_absolute_url()
    warm(client, [url])
    comment.delete()
    assert "Bình luận sẽ bị xóa." not in text(client, url)


def test_rejecting_a_pending_comment_keeps_the_cache(client, story, cache_mode):
    comment = make_comment(story)
    warm(client, [story.get_absolute_url()])
    generation = pagecache._fragment_generation()
    moderation.reject(comment, make_moderator())
    assert pagecache._fragment_generation() == generation
    if cache_mode == "whole pages":
        assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"


def admin_post(client, model, obj, data):
    url = reverse(f"admin:articles_{model}_change", args=[obj.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_renaming_a_section_in_the_admin_shows_everywhere(client, story, editor_client):
    urls = pages_of(story)
    warm(client, urls.values())
    section = story.section
    admin_post(
        editor_client,
        "section",
        section,
        {"name": "Thời sự - Chính trị", "slug": section.slug, "position": 0, "description": ""},
    )
    assert Section.objects.get(pk=section.pk).name == "Thời sự - Chính trị"
    # The navigation is on every page, the section's name on its cards and in the feeds.
    assert showing(client, urls, "Thời sự - Chính trị") == set(urls) - {"news sitemap"}


def test_renaming_an_author_in_the_admin_shows_on_the_bylines(client, story, editor_client):
    urls = pages_of(story)
    author = story.credits.get().author
    warm(client, urls.values())
    admin_post(
        editor_client, "author", author, {"name": "Nguyễn Minh Anh", "slug": author.slug, "bio": ""}
    )
    assert Author.objects.get(pk=author.pk).name == "Nguyễn Minh Anh"
    assert {"article", "author"} <= showing(client, urls, "Nguyễn Minh Anh")


def test_renaming_a_tag_in_the_admin_shows_on_the_article_and_tag_page(
    client, story, editor_client
):
    urls = pages_of(story)
    tag = story.tags.get()
    warm(client, urls.values())
    admin_post(editor_client, "tag", tag, {"name": "Giao thông vận tải"})
    assert Tag.objects.get(pk=tag.pk).name == "Giao thông vận tải"
    assert {"article", "tag"} <= showing(client, urls, "Giao thông vận tải")
