"""A PDF that cannot be rebuilt within the limits is refused with a message, and nothing is kept."""

import time

import pytest

from tests.factories import file_upload

from . import pdfs
from .helpers import assert_nothing_kept, send

pytestmark = pytest.mark.django_db

DAMAGED = "Tài liệu PDF bị hỏng hoặc không đầy đủ."
TOO_COMPLEX = "Tài liệu PDF này quá phức tạp hoặc bị hỏng nên hệ thống không xử lý được."


def assert_refused(client, article, content, message):
    started = time.monotonic()
    response = send(client, article, attachment=file_upload("don.pdf", content, "application/pdf"))
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Trần Thị Bình"' in html  # the rest of the form is kept
    assert_nothing_kept()
    return elapsed


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: pdfs.document(pages=5000),
            "Tài liệu PDF này dài hơn 20 trang. Vui lòng chỉ đính kèm những trang cần thiết.",
        ),
        (
            lambda: pdfs.encrypted(user_password="mat-khau"),
            "Tài liệu PDF này được bảo vệ bằng mật khẩu. Vui lòng gỡ mật khẩu rồi đính kèm lại.",
        ),
        (lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catal\x00\xff garbage\n%%EOF\n", DAMAGED),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", DAMAGED),
    ],
    ids=["5000-pages", "password", "garbage", "noise"],
)
def test_pdf_that_cannot_be_rebuilt_is_refused(client, article, make, message):
    assert assert_refused(client, article, make(), message) < 10


def test_page_limit_follows_the_setting(client, article, settings):
    settings.COMMENTS_PDF_MAX_PAGES = 2
    assert_refused(client, article, pdfs.document(pages=3), "dài hơn 2 trang")


@pytest.mark.parametrize(
    "limits",
    [
        {},  # the default limits: the child runs out of memory first
        {"COMMENTS_PDF_MEMORY_BYTES": 2 * 1024**3, "COMMENTS_PDF_CPU_SECONDS": 1},
        {"COMMENTS_PDF_MEMORY_BYTES": 2 * 1024**3, "COMMENTS_PDF_TIMEOUT": 1},
    ],
    ids=["memory", "cpu", "wall-clock"],
)
def test_pdf_needing_too_much_cpu_or_memory_is_refused_in_bounded_time(
    client, article, settings, limits
):
    for name, value in limits.items():
        setattr(settings, name, value)
    elapsed = assert_refused(client, article, pdfs.nested_forms(), TOO_COMPLEX)
    assert elapsed < 20  # a few seconds alone; the margin is for a busy machine
