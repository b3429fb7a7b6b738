"""Every admin page each role opens reads in Vietnamese: no English string of Django's or ours.

The English comes from the catalogs themselves: every message of Django's admin, auth and
core catalogs, and of the project's, that has no Vietnamese translation different from
itself. A page fails when its visible text (tags, scripts and the article text left out)
holds one of them, or an English word no Vietnamese text has ("the", "Please", "entries").
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Article, Tag
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_editor,
    make_journalist,
    make_moderator,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
DJANGO_CATALOGS = [
    DJANGO / "conf" / "locale",
    DJANGO / "contrib" / "admin" / "locale",
    DJANGO / "contrib" / "auth" / "locale",
    DJANGO / "contrib" / "contenttypes" / "locale",
]
PROJECT_CATALOGS = [
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/vi/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
]
# Names, not English: they read the same in a Vietnamese newsroom.
ALLOWED = {"CKEditor", "Django", "URL", "Email", "email", "Spam", "spam", "PDF", "IP", "HTML"}
# Short English words that are also Vietnamese words without their marks ("to", "an", "con").
VIETNAMESE_TOO = {"to", "an", "con", "ban", "bao", "cho", "tin", "in", "do", "da", "me", "on"}
ENGLISH_ONLY_WORDS = re.compile(
    r"(?<!\w)(the|please|entries|results|selected|show counts|filter|history|log out|view site)"
    r"(?!\w)",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")


def catalogs(language):
    for catalog in DJANGO_CATALOGS:
        for name in ("django.po", "djangojs.po"):
            path = catalog / language / "LC_MESSAGES" / name
            if path.exists():
                yield polib.pofile(str(path))
    if language == "vi":
        for path in PROJECT_CATALOGS:
            yield polib.pofile(str(path))


def english_messages():
    """Every English message an admin page could show: Django's and the project's."""
    for catalog in [*catalogs("en"), *catalogs("vi")]:
        for entry in catalog:
            yield from (entry.msgid, entry.msgid_plural)


def vietnamese_as_english():
    """Messages whose Vietnamese is the English word itself ("Email", "Spam")."""
    for catalog in catalogs("vi"):
        for entry in catalog:
            if entry.msgstr == entry.msgid:
                yield entry.msgid


def english_patterns():
    """(whole texts, phrases): a one-word message must be a whole text to count."""
    whole, phrases = set(), set()
    same = ALLOWED | set(vietnamese_as_english())
    for message in set(english_messages()):
        if not message or "\n" in message or len(message) > 120 or message in same:
            continue
        words = re.findall(r"[A-Za-z]+", PLACEHOLDER.sub(" ", message))
        telling = [w for w in words if len(w) >= 3 and w.lower() not in VIETNAMESE_TOO]
        if not telling:
            continue
        pattern = r"\S+".join(re.escape(part) for part in PLACEHOLDER.split(message))
        if len(words) >= 2 or PLACEHOLDER.search(message):
            phrases.add(pattern)
        else:
            whole.add(message)
    return whole, phrases


class VisibleText(HTMLParser):
    """Text a person sees or hears: text nodes, button values, placeholders, titles."""

    HIDDEN = {"script", "style", "textarea", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.texts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.texts.append(attrs.get("value") or "")
        for name in ("placeholder", "aria-label", "title"):
            if attrs.get(name) and tag != "a":
                self.texts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def english_in(html, patterns):
    whole, phrases = patterns
    parser = VisibleText()
    parser.feed(html)
    found = []
    phrase = re.compile(
        r"(?<![\w])(" + "|".join(sorted(phrases, key=len, reverse=True)) + r")(?![\w])"
    )
    for text in parser.texts:
        text = text.strip(" :.?!()«»\"'")
        if text in whole or ENGLISH_ONLY_WORDS.search(text) or phrase.search(text):
            found.append(text)
    return sorted(set(found))


@pytest.fixture(scope="module")
def patterns():
    return english_patterns()


@pytest.fixture
def newsroom():
    """A small newsroom: one of each thing an admin page lists."""
    journalist = make_journalist(username="phongvien")
    section = make_section("Thời sự")
    author = make_author("Đỗ Trọng", user=journalist)
    draft = make_article(
        title="Bản nháp về cầu Rạch Sỏi",
        status=Article.Status.DRAFT,
        section=section,
        authors=[author],
        created_by=journalist,
    )
    live = make_article(title="Khánh thành cầu mới", section=section, authors=[author])
    live.tags.add(Tag.objects.create(name="Giao thông"))
    comment = make_comment(live, name="Bạn đọc An", body="Cảm ơn báo.")
    make_comment(live, name="Bạn đọc Bình", body="Mong sớm thông xe.")
    return {
        "journalist": journalist,
        "draft": draft,
        "live": live,
        "section": section,
        "author": author,
        "tag": live.tags.get(),
        "comment": comment,
    }


def pages_of(role, things):
    article_pages = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?q=cau",
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[things["draft"].pk]),
        reverse("admin:articles_article_history", args=[things["draft"].pk]),
        reverse("admin:articles_article_calendar"),
        reverse("admin:articles_article_calendar") + "?view=month",
    ]
    desk_pages = [
        reverse("admin:curation_curatedpage_changelist"),
        reverse("admin:curation_curatedpage_add"),
        reverse("admin:articles_section_changelist"),
        reverse("admin:articles_section_add"),
        reverse("admin:articles_section_change", args=[things["section"].pk]),
        reverse("admin:articles_author_changelist"),
        reverse("admin:articles_author_change", args=[things["author"].pk]),
        reverse("admin:articles_tag_changelist"),
        reverse("admin:articles_tag_change", args=[things["tag"].pk]),
    ]
    comment_pages = [
        reverse("admin:index"),
        reverse("admin:comments_comment_changelist"),
        reverse("admin:comments_comment_changelist") + "?status=all",
        reverse("admin:comments_comment_change", args=[things["comment"].pk]),
    ]
    user_pages = [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[things["journalist"].pk]),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_change", args=[things["journalist"].groups.get().pk]),
    ]
    return {
        "journalist": article_pages,
        "editor": article_pages + desk_pages,
        "moderator": comment_pages,
        "superuser": article_pages + desk_pages + comment_pages + user_pages,
    }[role]


def person(role, things):
    if role == "journalist":
        return things["journalist"]
    if role == "editor":
        return make_editor(username="bientap")
    if role == "moderator":
        return make_moderator(username="kiemduyet")
    return make_user(username="quantri", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("role", ["journalist", "editor", "moderator", "superuser"])
def test_every_admin_page_a_role_opens_is_in_vietnamese(client, role, newsroom, patterns):
    client.force_login(person(role, newsroom))
    english = {}
    for url in pages_of(role, newsroom):
        response = client.get(url)
        assert response.status_code == 200, url
        if found := english_in(response.content.decode(), patterns):
            english[url] = found
    assert english == {}, "English on admin pages:\n" + "\n".join(
        f"{url}: {texts}" for url, texts in english.items()
    )


def test_a_form_with_errors_is_in_vietnamese(client, newsroom, patterns):
    """The error note, the field errors and a date typed the wrong way round."""
    client.force_login(make_editor())
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "",
            "status": Article.Status.PUBLISHED,
            "published_at_0": "2026-31-12",
            "published_at_1": "25:00",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy sửa lỗi bên dưới." in html
    assert "Ngày không hợp lệ: gõ theo dạng ngày-tháng-năm, ví dụ 02-12-2026." in html
    assert english_in(html, patterns) == []


def test_the_check_finds_english_on_a_page():
    """The test above can fail: Django's English strings are found in a page's text."""
    patterns = english_patterns()
    html = (
        '<a href="#">Show counts</a><p class="paginator">2 entries</p>'
        '<span>Hiện 3 kết quả</span><input type="submit" value="Save and add another">'
        "<textarea>the body is the reader's text</textarea><h1>History</h1>"
    )
    assert english_in(html, patterns) == [
        "2 entries",
        "History",
        "Save and add another",
        "Show counts",
    ]


def test_the_history_names_changed_fields_in_vietnamese(client, newsroom, patterns):
    """Django records the form's English labels ("Body", "Status"); they read in Vietnamese."""
    editor = make_editor()
    client.force_login(editor)
    draft = newsroom["draft"]
    data = article_form_data(draft, body="<p>Nội dung mới.</p>", status="review")
    assert client.post(change_url(draft), data).status_code == 302
    message = LogEntry.objects.get(user=editor, object_id=str(draft.pk)).get_change_message()
    assert "Nội dung" in message and "Trạng thái" in message
    section = newsroom["section"]
    history = client.get(reverse("admin:articles_section_history", args=[section.pk]))
    assert english_in(history.content.decode(), patterns) == []
