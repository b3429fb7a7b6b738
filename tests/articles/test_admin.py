"""The article admin as the newsroom uses it: list, filters, autocomplete, slugs, preview."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Tag
from tests.articles.admin_forms import ADD_URL, CHANGELIST_URL, article_form_data, change_url
from tests.factories import (
    image_upload,
    make_article,
    make_author,
    make_editor,
    make_journalist,
    make_moderator,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

LONG_TITLE = "Học và làm theo Bác gắn với thực hiện nhiệm vụ chính trị của địa phương"
LONG_SLUG = "hoc-va-lam-theo-bac-gan-voi-thuc-hien-nhiem-vu-chinh-tri-cua-dia-phuong"


def listed_titles(response):
    return [article.title for article in response.context["cl"].result_list]


# The list


def test_article_list_shows_title_section_status_byline_and_times(client, editor):
    make_article(
        title="Khánh thành cầu Phú Cường",
        section=make_section("Kinh tế"),
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
        updated_at=timezone.make_aware(timezone.datetime(2023, 11, 27, 8, 40, 36)),
    )

    html = client.get(CHANGELIST_URL).content.decode()

    for text in ["Khánh thành cầu Phú Cường", "Kinh tế", "Đã xuất bản", "ĐỖ TRỌNG - PHẠM ẨN"]:
        assert text in html
    assert "27-11-2023 08:40" in html
    for column in ["tiêu đề", "chuyên mục", "trạng thái", "tác giả", "thời gian xuất bản"]:
        assert column.capitalize() in html


def test_scheduled_article_is_labelled_scheduled_in_the_list(client, editor):
    make_article(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=3))
    response = client.get(CHANGELIST_URL)
    row = next(a for a in response.context["cl"].result_list if a.title == "Bài hẹn giờ")
    assert str(response.context["cl"].model_admin.status_label(row)) == "Hẹn giờ xuất bản"
    assert "Hẹn giờ xuất bản" in response.content.decode()


def test_list_runs_the_same_number_of_queries_for_1_and_20_articles(client, editor):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CHANGELIST_URL)
        assert response.status_code == 200
        return len(queries), len(response.context["cl"].result_list)

    make_article(authors=[make_author(), make_author()], tags=["Giáo dục"])
    one, listed = count_queries()
    assert listed == 1
    for n in range(19):
        make_article(authors=[make_author() for _ in range(3)], tags=[f"thẻ {n}", "Giáo dục"])
    twenty, listed = count_queries()
    assert listed == 20
    assert twenty == one


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=review", ["Bài chờ duyệt"]),
        ("status=draft", ["Bài nháp"]),
        ("section__id__exact={section}", ["Bài kinh tế"]),
        ("authors__id__exact={author}", ["Bài kinh tế"]),
        ("q=kinh", ["Bài kinh tế"]),
        ("q=kinh te", ["Bài kinh tế"]),
        ("q=Kinh tế", ["Bài kinh tế"]),
    ],
    ids=[
        "status review",
        "status draft",
        "section",
        "author",
        "search title",
        "search without diacritics",
        "search with diacritics",
    ],
)
def test_editors_filter_and_search_the_list(client, editor, query, expected):
    section, author = make_section("Kinh tế"), make_author("Đỗ Trọng")
    make_article(title="Bài kinh tế", section=section, authors=[author])
    make_article(title="Bài chờ duyệt", status=Article.Status.REVIEW)
    make_article(title="Bài nháp", status=Article.Status.DRAFT)

    url = CHANGELIST_URL + "?" + query.format(section=section.pk, author=author.pk)
    assert listed_titles(client.get(url)) == expected


def test_list_filters_by_publish_date(client, editor):
    make_article(title="Bài hôm nay")
    make_article(title="Bài cũ", published_at=timezone.now() - timedelta(days=60))
    # The links of the filter's "Past 7 days" choice.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    past_week = {
        "published_at__gte": str(today - timedelta(days=7)),
        "published_at__lt": str(today + timedelta(days=1)),
    }
    assert listed_titles(client.get(CHANGELIST_URL, past_week)) == ["Bài hôm nay"]


def test_journalist_filters_their_own_articles(client, journalist):
    make_article(title="Bài của tôi", created_by=journalist, status=Article.Status.DRAFT)
    make_article(title="Bài của đồng nghiệp", created_by=make_journalist())
    response = client.get(CHANGELIST_URL + "?mine=1")
    assert listed_titles(response) == ["Bài của tôi"]
    assert "Tôi" in client.get(CHANGELIST_URL).content.decode()


def test_work_in_progress_comes_before_published_articles(client, editor):
    make_article(title="Bài đã đăng", published_at=timezone.now() - timedelta(days=1))
    make_article(title="Bài mới đăng", published_at=timezone.now() - timedelta(minutes=5))
    make_article(title="Bài nháp", status=Article.Status.DRAFT)
    make_article(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    assert listed_titles(client.get(CHANGELIST_URL)) == [
        "Bài nháp",
        "Bài hẹn giờ",
        "Bài mới đăng",
        "Bài đã đăng",
    ]


# Autocomplete: authors and tags


def autocomplete(client, field_name, term, model_name="article"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    return response.status_code, [item["text"] for item in response.json().get("results", [])]


@pytest.mark.parametrize("maker", [make_journalist, make_editor], ids=["journalist", "editor"])
def test_tag_and_author_autocomplete_answer_staff_who_write(client, maker):
    client.force_login(maker())
    for name in ["Giáo dục", "Giao thông", "Thể thao"]:
        Tag.objects.create(name=name)
    make_author("Đỗ Trọng")
    make_author("Phạm Ẩn")

    status, texts = autocomplete(client, "tags", "Giáo")
    assert status == 200 and texts == ["Giáo dục"]
    status, texts = autocomplete(client, "author", "Trọng", model_name="articleauthor")
    assert status == 200 and texts == ["Đỗ Trọng"]


def test_autocomplete_finds_names_typed_without_diacritics(client, journalist):
    for name in ["Giáo dục", "Giao thông", "Thể thao"]:
        Tag.objects.create(name=name)
    make_author("Đỗ Trọng")
    make_author("Phạm Ẩn")
    assert sorted(autocomplete(client, "tags", "gia")[1]) == ["Giao thông", "Giáo dục"]
    assert autocomplete(client, "tags", "the thao")[1] == ["Thể thao"]
    assert autocomplete(client, "author", "do trong", model_name="articleauthor")[1] == ["Đỗ Trọng"]


def test_autocomplete_is_refused_to_moderators(client):
    client.force_login(make_moderator())
    Tag.objects.create(name="Giáo dục")
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "Gi"},
    )
    assert response.status_code == 403


def test_change_form_uses_autocomplete_widgets_for_tags_and_authors(client, journalist):
    html = client.get(ADD_URL).content.decode()
    assert 'data-field-name="tags"' in html and 'data-model-name="article"' in html
    assert 'data-field-name="author"' in html and "admin-autocomplete" in html


def test_saving_the_form_with_tag_ids_stores_the_tags(client, journalist):
    education, sport = Tag.objects.create(name="Giáo dục"), Tag.objects.create(name="Thể thao")
    article = make_article(created_by=journalist, status=Article.Status.DRAFT)

    client.post(change_url(article), article_form_data(article, tags=[education, sport]))
    assert sorted(article.tags.names()) == ["Giáo dục", "Thể thao"]

    page = client.get(change_url(article))
    assert page.context["adminform"].form.initial["tags"] == [education, sport]
    client.post(change_url(article), article_form_data(article, tags=[sport]))
    assert list(article.tags.names()) == ["Thể thao"]


def test_byline_inline_saves_authors_in_order(client, journalist):
    data = article_form_data(
        title="Bài hai tác giả",
        section=make_section(),
        authors=[make_author("Phạm Ẩn"), make_author("Đỗ Trọng")],
    )
    client.post(ADD_URL, data)
    article = Article.objects.for_listing().get(title="Bài hai tác giả")
    assert article.byline == "PHẠM ẨN - ĐỖ TRỌNG"


# Slugs


def test_empty_slug_is_made_from_the_headline_the_vietnamese_way(client, journalist):
    client.post(ADD_URL, article_form_data(title=LONG_TITLE, section=make_section()))
    assert Article.objects.get(title=LONG_TITLE).slug == LONG_SLUG


def test_typed_slug_is_folded_into_a_url_the_site_accepts(client, journalist):
    client.post(
        ADD_URL,
        article_form_data(title="Đà Nẵng", slug="Đảng bộ TP.Dĩ An", section=make_section()),
    )
    article = Article.objects.get(title="Đà Nẵng")
    assert article.slug == "dang-bo-tp-di-an"
    assert article.get_absolute_url() == f"/dang-bo-tp-di-an-{article.pk}.html"


@pytest.mark.parametrize("model", ["article", "section", "author"])
def test_admin_does_not_prepopulate_slugs_with_its_own_javascript(client, editor, model):
    response = client.get(reverse(f"admin:articles_{model}_add"))
    assert response.status_code == 200
    assert json.loads(response.context["prepopulated_fields_json"]) == []


def test_clashing_headlines_get_a_suffix(client, journalist):
    section = make_section()
    for _ in range(2):
        client.post(ADD_URL, article_form_data(title="Đà Nẵng mùa lễ hội", section=section))
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == ["da-nang-mua-le-hoi", "da-nang-mua-le-hoi-2"]


# Preview


def test_change_form_links_to_the_preview(client, journalist):
    article = make_article(created_by=journalist, status=Article.Status.DRAFT)
    preview_url = reverse("articles:preview", kwargs={"pk": article.pk})
    html = client.get(change_url(article)).content.decode()
    assert html.count(f'href="{preview_url}"') >= 2  # the object tools and the Publishing box
    assert f'href="{preview_url}"' in client.get(CHANGELIST_URL).content.decode()


def test_staff_preview_a_draft_with_the_public_template(client, journalist):
    article = make_article(
        title="Bài đang viết",
        status=Article.Status.DRAFT,
        authors=[make_author("Đỗ Trọng", user=journalist)],
    )
    response = client.get(reverse("articles:preview", kwargs={"pk": article.pk}))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<h1 class="article__title">Bài đang viết</h1>' in html and "ĐỖ TRỌNG" in html


def test_readers_cannot_preview(client):
    article = make_article(status=Article.Status.DRAFT)
    url = reverse("articles:preview", kwargs={"pk": article.pk})
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    client.force_login(make_moderator())
    assert client.get(url).status_code == 403


# The editor and the admin's home


def test_body_uses_ckeditor_uploading_to_our_view(client, journalist):
    form = client.get(ADD_URL).content.decode()
    marker = 'data-config="'
    start = form.index(marker, form.index('id="id_body"') - 500) + len(marker)
    config = json.loads(form[start : form.index('"', start)].replace("&quot;", '"'))
    assert config["filebrowserUploadUrl"] == reverse("ckeditor_upload") == "/ckeditor/upload/"
    assert config["filebrowserBrowseUrl"] == reverse("ckeditor_browse")
    assert "ckeditor/ckeditor-init.js" in form


def test_journalists_find_articles_on_the_admin_home(client, journalist):
    html = client.get(reverse("admin:index")).content.decode()
    assert CHANGELIST_URL in html and "Bài viết" in html
    assert reverse("admin:articles_section_add") not in html  # sections are the editors'


def test_system_check_is_silent_apart_from_the_silenced_ckeditor_warning():
    out = StringIO()
    call_command("check", stdout=out, stderr=out)
    assert out.getvalue().strip() == "System check identified no issues (1 silenced)."


# Authors, body and cover: what editors and journalists type or upload


def test_editor_links_a_pen_name_to_a_journalists_account(client, editor):
    journalist = make_journalist(username="dotrong")
    make_user(username="bandoc")  # a reader's account, not staff
    page = client.get(reverse("admin:articles_author_add"))
    # Offered in the page itself: an autocomplete would need auth.view_user.
    assert f'<option value="{journalist.pk}">dotrong</option>' in page.content.decode()
    assert "bandoc" not in page.content.decode()

    client.post(
        reverse("admin:articles_author_add"),
        {"name": "Đỗ Trọng", "slug": "", "bio": "", "user": journalist.pk},
    )

    author = Author.objects.get(name="Đỗ Trọng")
    assert (author.user, author.slug) == (journalist, "do-trong")


def test_body_posted_through_the_admin_is_stored_sanitized(client, journalist):
    body = (
        '<h2>Tiêu đề phụ</h2><p onclick="steal()">Đoạn <a href="javascript:alert(1)">văn</a></p>'
        '<script>alert(1)</script><iframe src="https://evil.example"></iframe>'
    )
    client.post(ADD_URL, article_form_data(title="Bài có mã độc", body=body))
    stored = Article.objects.get(title="Bài có mã độc").body
    assert "<h2>Tiêu đề phụ</h2>" in stored and "Đoạn" in stored
    for hostile in ["<script", "onclick", "javascript:", "<iframe"]:
        assert hostile not in stored


def test_cover_that_is_not_an_image_is_refused_and_nothing_is_stored(client, journalist):
    data = article_form_data(title="Bài có ảnh giả", section=make_section())
    data["cover_image"] = SimpleUploadedFile("anh.jpg", b"<html>not an image</html>")

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover_image"]
    assert not Article.objects.filter(title="Bài có ảnh giả").exists()
    assert not (Path(settings.MEDIA_ROOT) / "covers").exists()


def test_journalist_uploads_a_cover_with_the_article(client, journalist):
    data = article_form_data(title="Bài có ảnh bìa", cover_caption="Cầu Phú Cường")
    data["cover_image"] = image_upload("cau.png", size=(120, 80))
    client.post(ADD_URL, data)
    article = Article.objects.get(title="Bài có ảnh bìa")
    assert (article.cover_width, article.cover_height) == (120, 80)
    assert (Path(settings.MEDIA_ROOT) / article.cover_image.name).is_file()
