import io

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from comments.models import Comment
from tests.factories import file_upload, pdf_bytes

from .helpers import VALID, assert_nothing_kept, comment_url, send

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TOO_LARGE = "File lớn hơn 10 MB. Vui lòng chọn file nhỏ hơn."


def pdf_of_size(size):
    """A valid PDF of exactly `size` bytes (its page stream is padded with spaces)."""
    padding = size - len(pdf_bytes(body=b""))
    padding -= len(str(padding)) - 1  # the /Length number grows with the padding
    data = pdf_bytes(body=b" " * padding)
    assert len(data) == size
    return data


class CountingInput(io.BytesIO):
    """A request body that records how much of it the server read."""

    bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def post_body(client, article, body, *, content_length=None):
    stream = CountingInput(body)
    response = client.generic(
        "POST",
        comment_url(article),
        **{
            "wsgi.input": stream,
            "CONTENT_TYPE": MULTIPART_CONTENT,
            "CONTENT_LENGTH": str(len(body) if content_length is None else content_length),
        },
    )
    return response, stream


def test_file_of_exactly_10_mb_is_accepted(client, article):
    response = send(client, article, attachment=file_upload("lon.pdf", pdf_of_size(10 * MB)))
    assert response.status_code == 303
    assert Comment.objects.get().attachment_pages == 1  # rebuilt, as every PDF is


def test_file_one_byte_over_10_mb_is_refused_with_the_form_message(client, article):
    response = send(client, article, attachment=file_upload("lon.pdf", pdf_of_size(10 * MB + 1)))
    assert response.status_code == 413
    html = response.content.decode()
    assert TOO_LARGE in html
    assert 'value="Trần Thị Bình"' in html
    assert_nothing_kept()


def test_oversized_file_leaves_no_temporary_file_on_disk(client, article, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1 * MB  # Django would spool the upload to disk
    response = send(client, article, attachment=file_upload("lon.pdf", pdf_of_size(10 * MB + 1)))
    assert response.status_code == 413
    assert_nothing_kept()


def test_request_declaring_a_huge_body_is_refused_before_reading_it(client, article):
    response, stream = post_body(client, article, b"", content_length=1024**3)
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()
    assert stream.bytes_read == 0
    assert_nothing_kept()


def test_a_post_refused_by_nginx_comes_back_as_the_form_with_the_size_message(client, article):
    # What deploy/nginx.conf asks for after refusing a body past its own limit.
    response = client.get(comment_url(article), headers={"X-Body-Too-Large": "1"})
    assert response.status_code == 413
    html = response.content.decode()
    assert TOO_LARGE in html
    assert 'name="attachment"' in html and 'name="body"' in html
    assert_nothing_kept()


def test_upload_handler_stops_reading_a_large_body_at_the_cap(client, article, settings):
    # With the Content-Length check out of the way, the upload handler alone
    # must stop the upload: it cuts the connection instead of reading 5 MB.
    settings.COMMENTS_MAX_ATTACHMENT_BYTES = 100 * 1024
    settings.COMMENTS_MAX_REQUEST_BYTES = 1024**3
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    body = encode_multipart(
        BOUNDARY, {**VALID, "attachment": file_upload("lon.pdf", pdf_of_size(5 * MB))}
    )
    response, stream = post_body(client, article, body)
    assert response.status_code == 413
    assert "File lớn hơn 100 KB." in response.content.decode()
    assert stream.bytes_read < 1 * MB
    assert_nothing_kept()


def test_fields_after_an_oversized_file_are_still_read(client, article, settings):
    settings.COMMENTS_MAX_ATTACHMENT_BYTES = 1 * MB
    # Fields sent after the file: the handler skips the rest of the file only.
    body = encode_multipart(BOUNDARY, {"attachment": file_upload("a.pdf", pdf_of_size(MB + 10))})
    body = body.replace(f"--{BOUNDARY}--".encode(), b"")
    body += encode_multipart(BOUNDARY, VALID)
    response, _ = post_body(client, article, body)
    assert response.status_code == 413
    html = response.content.decode()
    assert "File lớn hơn 1 MB." in html
    assert VALID["body"] in html
    assert_nothing_kept()


def test_upload_handler_is_in_place_before_the_csrf_check_reads_the_body(article):
    """With CSRF enforced, the oversized file is still stopped by the handler (413), not read whole."""
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/comments/csrf/").json()["token"]
    response = send(
        browser,
        article,
        csrfmiddlewaretoken=token,
        attachment=file_upload("lon.pdf", pdf_of_size(10 * MB + 1)),
    )
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()
    assert_nothing_kept()
