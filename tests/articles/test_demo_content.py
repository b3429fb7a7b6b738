import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Author, Section
from articles.services import can_edit

pytestmark = pytest.mark.django_db


def load_demo(settings, *, debug):
    settings.DEBUG = debug
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def snapshot():
    articles = Article.objects.order_by("pk").values_list(
        "pk", "title", "slug", "status", "published_at", "updated_at", "cover_image", "featured"
    )
    return {
        "articles": list(articles),
        "sections": list(Section.objects.values_list("pk", "name")),
        "authors": list(Author.objects.values_list("pk", "name", "user_id")),
        "users": list(get_user_model().objects.values_list("pk", "username", "password")),
        "files": media_files(),
    }


def test_demo_fills_an_empty_site_with_a_vietnamese_newspaper(settings):
    output = load_demo(settings, debug=False)

    assert Section.objects.count() >= 4
    assert Author.objects.exclude(bio="").count() >= 6
    assert Article.objects.count() >= 30
    assert "30 articles (30 added now)" in output
    articles = list(Article.objects.for_listing())
    assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 1
    assert Article.objects.filter(status=Article.Status.REVIEW).count() >= 1
    assert sum(article.is_scheduled for article in articles) >= 1
    assert sum(article.featured and article.is_live for article in articles) == 1
    assert sum(len(article.byline_authors) > 1 for article in articles) >= 5
    assert all(article.tags.all() for article in articles)
    assert "ĐỖ TRỌNG - QUANG TÁM" in {article.byline for article in articles}
    live = Article.objects.published()
    span = max(a.published_at for a in live) - min(a.published_at for a in live)
    assert span.days >= 14


def test_demo_bodies_have_subheadings_and_captioned_pictures_that_exist(settings):
    load_demo(settings, debug=False)

    for article in Article.objects.all():
        assert "<h2>" in article.body
        figure = re.search(
            r'<figure class="image"><img src="([^"]+)"[^>]*><figcaption>[^<]+</figcaption>',
            article.body,
        )
        assert figure, article.title
        name = figure.group(1).removeprefix(settings.MEDIA_URL)
        assert default_storage.exists(name)
        assert article.cover_image and default_storage.exists(article.cover_image.name)
        assert (article.cover_width, article.cover_height) == (1200, 675)
        assert article.cover_caption


def test_loading_the_demo_twice_changes_nothing(settings):
    load_demo(settings, debug=True)
    before = snapshot()

    output = load_demo(settings, debug=True)

    assert snapshot() == before
    assert "30 articles (0 added now)" in output


def test_the_demo_creates_no_accounts_when_debug_is_off(settings):
    output = load_demo(settings, debug=False)
    assert not get_user_model().objects.exists()
    assert "DEBUG is off: no demo accounts were created." in output
    assert "Demo logins" not in output


def test_with_debug_on_each_role_gets_an_account_and_its_password_is_printed(settings, client):
    output = load_demo(settings, debug=True)

    assert "Demo logins" in output
    logins = dict(re.findall(r"^\s+\w+\s+(\w+) / (\S+)$", output, flags=re.MULTILINE))
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    groups = {user.username: [g.name for g in user.groups.all()] for user in User.objects.all()}
    assert groups == {
        "admin": [],
        "bientap": ["Editors"],
        "phongvien": ["Journalists"],
        "kiemduyet": ["Moderators"],
    }
    assert "(changed since)" not in output
    for username, password in logins.items():
        # Through the login form, as a person does (and as django-axes requires).
        response = client.post("/admin/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200
        client.logout()
    assert set(logins) == set(groups)


def test_the_demo_journalist_can_open_the_demo_draft_but_not_published_stories(settings):
    load_demo(settings, debug=True)
    journalist = get_user_model().objects.get(username="phongvien")
    assert can_edit(journalist, Article.objects.get(status=Article.Status.DRAFT))
    assert not can_edit(journalist, Article.objects.published().first())
    assert Author.objects.get(name="Đỗ Trọng").user == journalist


def test_demo_pages_render_for_readers_and_unpublished_ones_stay_hidden(settings, client):
    load_demo(settings, debug=False)

    assert client.get("/").status_code == 200
    now = timezone.now()
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        if article.status == Article.Status.PUBLISHED and article.published_at <= now:
            assert response.status_code == 200, article.title
            html = response.content.decode()
            assert "<figcaption>" in html and "<h2>" in html
            assert article.byline in html
        else:
            assert response.status_code == 404, article.title


def test_a_demo_password_changed_since_is_not_printed(settings):
    load_demo(settings, debug=True)
    editor = get_user_model().objects.get(username="bientap")
    editor.set_password("a-new-secret-of-mine")
    editor.save()

    output = load_demo(settings, debug=True)

    assert "bientap / (changed since)" in output
    assert "bientap-demo" not in output
