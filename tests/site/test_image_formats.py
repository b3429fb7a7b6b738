"""The image pipeline stores every format and colour mode the site accepts, scaled and clean."""

import io

import pytest
from PIL import Image

from newsroom.images import clean_image


def encoded(mode, size, fmt, **options):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "mode, size, fmt, options",
    [
        ("I;16", (1300, 1200), "PNG", {}),
        ("1", (3000, 2000), "PNG", {}),
        ("LA", (2800, 1000), "PNG", {}),
        ("P", (3000, 2000), "PNG", {"transparency": 0}),
        ("RGBA", (2800, 1400), "PNG", {}),
        ("CMYK", (3000, 2000), "JPEG", {}),
        ("L", (6000, 4000), "JPEG", {}),
        ("P", (3000, 2000), "GIF", {}),
        ("RGBA", (1500, 1000), "WEBP", {}),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_each_mode_is_stored_in_its_format_at_most_2560_pixels_long(mode, size, fmt, options):
    clean = clean_image(encoded(mode, size, fmt, **options), thumbnail_box=(480, 480))

    stored = Image.open(io.BytesIO(clean.content))
    assert stored.format == fmt == clean.format
    assert stored.size == (clean.width, clean.height)
    assert max(stored.size) == min(max(size), 2560)
    assert stored.size[0] / stored.size[1] == pytest.approx(size[0] / size[1], rel=0.01)
    thumbnail = Image.open(io.BytesIO(clean.thumbnail))
    assert thumbnail.format == "JPEG" and max(thumbnail.size) == 480
