import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from articles.models import Article, Section, Tag
from articles.slugs import slugify_vi, validate_article_slug
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


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["Bad_Slug", "ABC", "hai--gach", "-dau", "cuoi-"])
def test_an_article_slug_the_url_would_not_accept_is_refused(slug):
    article = make_article()
    article.slug = slug
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert refused.value.message_dict["slug"] == [
        "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối đơn, ví dụ “dai-hoi-dang-bo”, "
        "hoặc để trống để tạo từ tiêu đề."
    ]


@pytest.mark.django_db
def test_generated_and_numbered_slugs_pass_the_slug_check():
    first = make_article(title="Đại hội Đảng bộ tỉnh Bình Dương lần thứ XII")
    second = make_article(title=first.title)
    for article in (first, second, make_article(title="!!!")):
        article.full_clean()
    assert second.slug.endswith("-2")


def test_the_slug_message_is_english_on_the_english_site():
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            validate_article_slug("ABC")
        assert "lowercase letters without diacritics" in refused.value.messages[0]


def test_fold_gives_what_decomposing_the_whole_text_gives():
    """fold() works character by character; the result is the whole text's decomposition."""
    import unicodedata

    from articles.slugs import fold

    def reference(text):
        text = text.replace("đ", "d").replace("Đ", "D")
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()

    samples = [
        "Học và làm theo Bác ĐỖ TRỌNG – Phạm Ẩn, Tủa Chùa",
        unicodedata.normalize("NFD", "Bình Dương phát triển"),  # marks already apart
        "ﬁ ² ½ Ⅻ ＡＢＣ 한국 ΟΔΟΣ Ωμέγα İstanbul",
        "".join(chr(code) for code in range(0x20, 0x2000)),
    ]
    for text in samples:
        assert fold(text) == reference(text)


@pytest.mark.django_db
def test_the_slug_after_more_than_twenty_clashes_is_the_first_free_number():
    from articles.slugs import unique_slug

    Section.objects.bulk_create(
        [Section(name=f"Thời sự {n}", slug="thoi-su") if n == 1 else
         Section(name=f"Thời sự {n}", slug=f"thoi-su-{n}") for n in range(1, 26) if n != 23]
    )  # fmt: skip
    assert unique_slug(Section, "Thời sự", max_length=120) == "thoi-su-23"
    Section.objects.create(name="Thời sự 23", slug="thoi-su-23")
    assert unique_slug(Section, "Thời sự", max_length=120) == "thoi-su-26"
