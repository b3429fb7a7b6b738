import pytest

from articles.models import Article, Tag
from articles.slugs import slugify_vi
from tests.factories import make_article, make_author, make_section


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Học và làm theo Bác gắn với thực hiện nhiệm vụ chính trị của địa phương",
            "hoc-va-lam-theo-bac-gan-voi-thuc-hien-nhiem-vu-chinh-tri-cua-dia-phuong",
        ),
        ("Đảng bộ TP.Dĩ An", "dang-bo-tp-di-an"),
        ("ĐƯỜNG ĐẾN Ước mơ", "duong-den-uoc-mo"),
        ("  Giá xăng  tăng 1.000 đồng/lít!  ", "gia-xang-tang-1-000-dong-lit"),
    ],
)
def test_vietnamese_titles_become_ascii_slugs(title, slug):
    assert slugify_vi(title) == slug


@pytest.mark.django_db
def test_article_gets_slug_from_headline_when_left_empty():
    article = make_article(title="Đảng bộ TP.Dĩ An tổng kết năm")
    assert article.slug == "dang-bo-tp-di-an-tong-ket-nam"


@pytest.mark.django_db
def test_clashing_slugs_get_a_numbered_suffix():
    first = make_article(title="Đường mới")
    second = make_article(title="Đường mới")
    third = make_article(title="Đường mới")
    assert [first.slug, second.slug, third.slug] == ["duong-moi", "duong-moi-2", "duong-moi-3"]


@pytest.mark.django_db
def test_sections_authors_and_tags_get_vietnamese_slugs():
    assert make_section("Địa phương").slug == "dia-phuong"
    assert make_author("Đỗ Trọng").slug == "do-trong"
    assert Tag.objects.create(name="Đà Nẵng").slug == "da-nang"


@pytest.mark.django_db
def test_article_without_letters_still_gets_a_slug():
    article = make_article(title="!!!")
    assert article.slug and Article.objects.filter(slug=article.slug).count() == 1
