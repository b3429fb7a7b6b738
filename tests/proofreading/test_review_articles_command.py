import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HEADLINE = "Tỉnh khởi công tuyến đường nối hai khu công nghiệp"
LEAD = "Dự án dài 12 km, vốn đầu tư hơn 1.000 tỷ đồng."
CLEAN = "<p>Công trình được khởi công từ tháng 3 và đã hoàn thành phần móng.</p>"
GLUED = "<p>Doanh nghiệp giữ vai tròtiên phong trong chuyển đổi số.</p>"


def run(*args):
    """(stdout, exit status) of the command; Django exits with a CommandError's returncode."""
    out = io.StringIO()
    try:
        call_command("review_articles", *args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), error.returncode, str(error)
    return out.getvalue(), 0, ""


def test_the_table_shows_each_finding_in_vietnamese_and_exits_1_on_an_error():
    article = make_article(title=HEADLINE, lead=LEAD, body=GLUED)

    out, status, message = run(str(article.pk))

    assert status == 1
    assert message == "Phát hiện 1 lỗi."
    header, *rows, summary = out.splitlines()
    assert header.split() == [
        "Bài",
        "viết",
        "Mức",
        "độ",
        "Vấn",
        "đề",
        "Vị",
        "trí",
        "Trích",
        "đoạn",
        "Gợi",
        "ý",
        "sửa",
    ]
    assert [row.split("  ")[0] for row in rows] == [str(article.pk)] * 2
    assert "Thiếu ảnh bìa" in rows[0] and "Ảnh bìa" in rows[0] and "Cảnh báo" in rows[0]
    assert "Lỗi" in rows[1] and "Dính chữ" in rows[1] and "Đoạn 1" in rows[1]
    assert "vai tròtiên phong" in rows[1] and "tròtiên → trò tiên" in rows[1]
    assert summary == "Đã soát 1 bài: 1 lỗi, 1 cảnh báo."


def test_warnings_alone_exit_0():
    article = make_article(title=HEADLINE, lead=LEAD, body=CLEAN)
    out, status, _message = run(str(article.pk))
    assert status == 0
    assert out.splitlines()[-1] == "Đã soát 1 bài: 0 lỗi, 1 cảnh báo."


def test_json_lists_one_object_per_finding():
    article = make_article(title=HEADLINE, lead=LEAD, body=GLUED + "<p>Giá lúa  tăng.</p>")

    out, status, _message = run(str(article.pk), "--format", "json")

    assert status == 1
    assert json.loads(out) == [
        {
            "article_id": article.pk,
            "kind": "missing_cover",
            "severity": "warning",
            "where": "cover",
            "excerpt": "",
            "suggestion": None,
        },
        {
            "article_id": article.pk,
            "kind": "glued_syllables",
            "severity": "error",
            "where": "paragraph 1",
            "excerpt": "Doanh nghiệp giữ vai tròtiên phong trong chuyển đổi…",
            "suggestion": {"old": "tròtiên", "new": "trò tiên"},
        },
        {
            "article_id": article.pk,
            "kind": "double_space",
            "severity": "warning",
            "where": "paragraph 2",
            "excerpt": "Giá lúa  tăng.",
            "suggestion": {"old": "lúa  tăng.", "new": "lúa tăng."},
        },
    ]


def test_all_reviews_every_article_and_published_only_what_readers_see():
    live = make_article(title=HEADLINE, lead=LEAD, body=GLUED)
    draft = make_article(title=HEADLINE, lead=LEAD, body=GLUED, status=Article.Status.DRAFT)
    scheduled = make_article(
        title=HEADLINE, lead=LEAD, body=GLUED, published_at=timezone.now() + timedelta(days=1)
    )

    def reviewed(*args):
        out, status, _message = run(*args, "--format", "json")
        assert status == 1
        return {item["article_id"] for item in json.loads(out)}

    assert reviewed("--all") == {live.pk, draft.pk, scheduled.pk}
    assert reviewed("--published") == {live.pk}
    assert reviewed(str(draft.pk), str(scheduled.pk)) == {draft.pk, scheduled.pk}


def test_a_clean_selection_prints_an_empty_json_list():
    out, status, _message = run("--published", "--format", "json")
    assert (json.loads(out), status) == ([], 0)


@pytest.mark.parametrize("args", [(), ("1", "--all"), ("--all", "--published")])
def test_the_selection_must_be_ids_all_or_published(args):
    make_article()
    if args == ("--all", "--published"):
        with pytest.raises(CommandError, match="not allowed with argument"):
            call_command("review_articles", *args)
        return
    _out, status, message = run(*args)
    assert (status, message) == (2, "Hãy chọn id bài viết, --all hoặc --published.")


def test_an_unknown_id_is_reported_and_nothing_is_reviewed():
    article = make_article(title=HEADLINE, lead=LEAD, body=GLUED)
    out, status, message = run(str(article.pk), "999999")
    assert (out, status, message) == ("", 2, "Không có bài viết mang id 999999.")
