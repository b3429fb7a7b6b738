"""Small factory functions: each builds one valid row, overridable by keyword."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor, Author, Section

_seq = itertools.count(1)


def make_user(username=None, *, groups=(), password="s3cret-Pass!", **fields):
    User = get_user_model()
    username = username or f"user{next(_seq)}"
    fields.setdefault("is_staff", bool(groups))
    user = User.objects.create_user(username=username, password=password, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_journalist(**fields):
    return make_user(groups=["Journalists"], **fields)


def make_editor(**fields):
    return make_user(groups=["Editors"], **fields)


def make_moderator(**fields):
    return make_user(groups=["Moderators"], **fields)


def make_section(name=None, **fields):
    return Section.objects.create(name=name or f"Chuyên mục {next(_seq)}", **fields)


def make_author(name=None, **fields):
    return Author.objects.create(name=name or f"Tác giả {next(_seq)}", **fields)


def make_article(*, authors=None, tags=(), **fields):
    """A live article unless `status`/`published_at` say otherwise."""
    fields.setdefault("title", f"Bài viết số {next(_seq)}")
    fields.setdefault("lead", "Sapo của bài viết.")
    fields.setdefault("body", "<p>Nội dung bài viết.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article.objects.create(**fields)
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def image_bytes(fmt="PNG", size=(40, 30), color=(200, 30, 30), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def image_upload(name="anh.png", fmt="PNG", content_type="image/png", **options):
    return SimpleUploadedFile(name, image_bytes(fmt, **options), content_type=content_type)


def make_import_record(**overrides):
    """One archive line for `import_articles`, as a dict: a valid published article.

    Pass `key=...` (Ellipsis) to leave a key out of the line.
    """
    record = {
        "title": f"Bài lưu trữ số {next(_seq)}",
        "lead": "Sapo của bài lưu trữ.",
        "body": "<p>Nội dung bài lưu trữ.</p>",
        "section": "Thời sự",
        "authors": ["Đỗ Trọng"],
        "tags": ["Lưu trữ"],
        "status": "published",
        "published_at": "2023-11-27T08:40:36+07:00",
    }
    record.update(overrides)
    return {key: value for key, value in record.items() if value is not ...}
