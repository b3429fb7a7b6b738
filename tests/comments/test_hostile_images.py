"""Images built to exhaust the server, posted as a reader's attachment (security issue 12).

Each is refused from its header, or decoded at a bounded cost. The tests watch
what Pillow is asked to do; the CPU seconds and memory each file costs a worker
are measured by benchmarks/hostile_images.py.
"""

import io

import pytest
from django.conf import settings
from PIL import GifImagePlugin, Image, ImageFile, PngImagePlugin, WebPImagePlugin

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


def post(client, article, name, content):
    return send(client, article, attachment=file_upload(name, content))


@pytest.fixture
def pillow_calls(monkeypatch):
    """The names of the Pillow steps a post made: pixel decoding, chunks read, frames sought."""
    calls = []

    def spy(owner, name, label=None):
        original = getattr(owner, name)

        def wrapper(self, *args, **kwargs):
            calls.append(label(args) if label else name)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    spy(ImageFile.ImageFile, "load")
    for chunk in ("chunk_zTXt", "chunk_iTXt", "chunk_tEXt", "chunk_iCCP"):
        spy(PngImagePlugin.PngStream, chunk)
    for plugin in (GifImagePlugin.GifImageFile, WebPImagePlugin.WebPImageFile):
        spy(plugin, "seek", label=lambda args: f"seek {args[0]}")
    return calls


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
    client, article, pillow_calls, name, build, message
):
    response = post(client, article, name, build())

    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_kept()
    # Pillow takes about 0.3 s (the PNG) and 10 s (the JPEG) to decode these: it never starts.
    assert "load" not in pillow_calls


def test_a_12_megapixel_photo_is_stored_at_most_2560_pixels_long_without_gps(client, article):
    response = post(client, article, "IMG_2041.jpg", phone_photo())
    assert response.status_code == 303

    comment = Comment.objects.get()
    data, image = stored_image(comment.attachment)
    assert max(image.size) <= 2560 and image.size[0] / image.size[1] == pytest.approx(4 / 3, 0.01)
    assert (comment.attachment_width, comment.attachment_height) == image.size
    assert not image.getexif()
    assert b"Canon" not in data and b"EOS 90D" not in data


def test_png_text_and_profile_bombs_never_reach_the_decoder(client, article, pillow_calls):
    response = post(client, article, "chu.png", png_with_text_bombs())
    assert response.status_code == 303

    data, image = stored_image(Comment.objects.get().attachment)
    assert image.size == (64, 48)
    assert b"zTXt" not in data and b"iCCP" not in data and not image.info.get("Comment0")
    # Pillow inflates 60 MB of text out of this 60 KB file when it reads those chunks.
    assert not [call for call in pillow_calls if call.startswith("chunk_")]


@pytest.mark.parametrize(
    "name, build, size",
    [
        ("dong.gif", lambda: gif_with_frames(5000, (1000, 1000)), (1000, 1000)),
        ("dong.webp", lambda: animated_webp(1000, (1600, 1600)), (1600, 1600)),
    ],
    ids=["gif-with-5000-frames", "animated-webp-with-1000-frames"],
)
def test_only_the_first_frame_of_an_animation_is_decoded_and_stored(
    client, article, pillow_calls, name, build, size
):
    response = post(client, article, name, build())
    assert response.status_code == 303

    _, image = stored_image(Comment.objects.get().attachment)
    assert image.size == size
    assert getattr(image, "n_frames", 1) == 1
    assert [call for call in pillow_calls if call.startswith("seek") and call != "seek 0"] == []


def test_an_animated_webp_whose_canvas_is_too_large_is_refused(client, article):
    content = animated_webp(3, (4000, 4000))
    response = post(client, article, "lon.webp", content)
    assert response.status_code == 400
    assert TOO_MANY_PIXELS in response.content.decode()
    assert_nothing_kept()
