"""Images built to exhaust the server, posted as a reader's attachment (security issue 12).

Each is refused from its header, or decoded at a bounded cost: a fraction of
the CPU seconds and memory the same file costs Pillow when opened naively.
"""

import io
import time

import pytest
from django.conf import settings
from PIL import Image

from comments.models import Comment
from tests.factories import (
    animated_webp,
    file_upload,
    gif_with_frames,
    huge_png,
    jpeg_with_scans,
    phone_photo,
    png_with_text_bombs,
)

from .helpers import assert_nothing_kept, send

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = "Ảnh có số điểm ảnh quá lớn, không thể xử lý."
TOO_MANY_SCANS = "Ảnh JPEG này được ghép từ quá nhiều lượt quét, không thể xử lý."


def post_timed(client, article, name, content):
    started = time.process_time()
    response = send(client, article, attachment=file_upload(name, content))
    return response, time.process_time() - started


def stored_image(name):
    data = (settings.PRIVATE_MEDIA_ROOT / name).read_bytes()
    image = Image.open(io.BytesIO(data))
    image.load()
    return data, image


@pytest.mark.parametrize(
    "name, build, message",
    [
        ("bom-9400.png", huge_png, TOO_MANY_PIXELS),
        ("quet.jpg", jpeg_with_scans, TOO_MANY_SCANS),
    ],
    ids=["9400x9400-png", "progressive-jpeg-with-5000-scans"],
)
def test_an_image_too_costly_to_decode_is_refused_from_its_header(
    client, article, name, build, message
):
    content = build()
    response, cpu_seconds = post_timed(client, article, name, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_kept()
    # Pillow takes about 0.3 s (the PNG) and 10 s (the JPEG) to decode these.
    assert cpu_seconds < 0.2


def test_a_12_megapixel_photo_is_stored_at_most_2560_pixels_long_without_gps(client, article):
    response, cpu_seconds = post_timed(client, article, "IMG_2041.jpg", phone_photo())
    assert response.status_code == 303

    comment = Comment.objects.get()
    data, image = stored_image(comment.attachment)
    assert max(image.size) <= 2560 and image.size[0] / image.size[1] == pytest.approx(4 / 3, 0.01)
    assert (comment.attachment_width, comment.attachment_height) == image.size
    assert not image.getexif()
    assert b"Canon" not in data and b"EOS 90D" not in data
    assert cpu_seconds < 1


def test_png_text_and_profile_bombs_never_reach_the_decoder(client, article):
    response, cpu_seconds = post_timed(client, article, "chu.png", png_with_text_bombs())
    assert response.status_code == 303

    data, image = stored_image(Comment.objects.get().attachment)
    assert image.size == (64, 48)
    assert b"zTXt" not in data and b"iCCP" not in data and not image.info.get("Comment0")
    # Pillow inflates 60 MB of text out of this 60 KB file when it opens it.
    assert cpu_seconds < 0.2


@pytest.mark.parametrize(
    "name, build, size",
    [
        ("dong.gif", lambda: gif_with_frames(5000, (1000, 1000)), (1000, 1000)),
        ("dong.webp", lambda: animated_webp(1000, (1600, 1600)), (1600, 1600)),
    ],
    ids=["gif-with-5000-frames", "animated-webp-with-1000-frames"],
)
def test_only_the_first_frame_of_an_animation_is_decoded_and_stored(
    client, article, name, build, size
):
    response, cpu_seconds = post_timed(client, article, name, build())
    assert response.status_code == 303

    _, image = stored_image(Comment.objects.get().attachment)
    assert image.size == size
    assert getattr(image, "n_frames", 1) == 1
    assert cpu_seconds < 1


def test_an_animated_webp_whose_canvas_is_too_large_is_refused(client, article):
    content = animated_webp(3, (4000, 4000))
    response, _ = post_timed(client, article, "lon.webp", content)
    assert response.status_code == 400
    assert TOO_MANY_PIXELS in response.content.decode()
    assert_nothing_kept()
