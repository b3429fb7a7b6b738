"""Posting the comment form and checking what it left behind."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from comments.models import Comment

VALID = {
    "name": "Trần Thị Bình",
    "email": "binh@example.vn",
    "body": "Bài viết rất hữu ích, cảm ơn tòa soạn đã phản ánh kịp thời.",
}


def comment_url(article):
    return reverse("comments:new", args=[article.pk])


def send(client, article, **fields):
    """Post the comment form as a browser does (multipart); a None value leaves a field out."""
    data = {**VALID, **fields}
    return client.post(comment_url(article), {k: v for k, v in data.items() if v is not None})


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def assert_nothing_kept():
    """No comment row, and no file in either storage or among Django's temporary uploads."""
    assert Comment.objects.count() == 0
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert stored_files(settings.MEDIA_ROOT) == []
    assert stored_files(settings.FILE_UPLOAD_TEMP_DIR) == []


def send_raw_file(client, article, filename, content, content_type="application/pdf", **fields):
    """Post the form with a file name exactly as a hostile client may send it.

    Django's test client keeps only the base name of a file; browsers and
    scripts can send anything, so the multipart body is written by hand.
    """
    boundary = "----newsroom-test-boundary"
    parts = []
    for key, value in {**VALID, **fields}.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return client.post(
        comment_url(article),
        data=b"".join(parts),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
