from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import make_article, make_section

ROOT = Path(settings.BASE_DIR)
CATALOGS = sorted(
    path for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in path.parts
)
VIETNAMESE_INTERFACE = [
    "Tìm kiếm",
    "Trang chủ",
    "Cập nhật",
    "Quay lên trên",
    "Tin mới",
    "Chuyên mục",
]


def catalog(mo):
    """{(context, msgid): translation} of a compiled catalog, its header left out."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in mo
        if entry.msgid
    }


def test_there_is_a_catalog_for_each_part_of_the_project():
    names = {str(path.relative_to(ROOT)) for path in CATALOGS}
    assert "locale/vi/LC_MESSAGES/django.po" in names
    assert "articles/locale/vi/LC_MESSAGES/django.po" in names


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_committed_mo_matches_its_po(po_path, tmp_path):
    """A .po edited without recompiling its .mo fails here."""
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run msgfmt -o django.mo django.po"
    fresh = tmp_path / "fresh.mo"
    polib.pofile(str(po_path)).save_as_mofile(str(fresh))
    assert catalog(polib.mofile(str(mo_path))) == catalog(polib.mofile(str(fresh))), (
        f"{mo_path} is stale: run `msgfmt --check -o django.mo django.po` in its folder"
    )


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_has_a_vietnamese_translation(po_path):
    po = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert missing == []


@pytest.mark.django_db
def test_vietnamese_is_the_default_whatever_the_browser_asks(client):
    make_article()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Tìm kiếm" in html and "Trang chủ" in html and "Cập nhật" in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "section", "article", "search", "404"])
def test_english_pages_under_en_are_fully_in_english(client, kind):
    section = make_section("Kinh tế")
    article = make_article(section=section)
    url = {
        "home": "/en/",
        "section": "/en/section/kinh-te/",
        "article": f"/en{article.get_absolute_url()}",
        "search": "/en/search/?q=bai",
        "404": "/en/khong-co-trang-nay/",
    }[kind]
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert "Search" in html and "Home" in html
    assert [text for text in VIETNAMESE_INTERFACE if text in html] == []


@pytest.mark.django_db
def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    make_section("Kinh tế")
    vietnamese = client.get("/section/kinh-te/").content.decode()
    english = client.get("/en/section/kinh-te/").content.decode()
    assert 'href="/en/section/kinh-te/" hreflang="en" lang="en">English</a>' in vietnamese
    assert 'href="/section/kinh-te/" hreflang="vi" lang="vi">Tiếng Việt</a>' in english
