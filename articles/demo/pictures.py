"""Pictures for the demo stories, drawn with Pillow (no photos to license).

Each section has its own scene; a seed varies colours and shapes, so every
story gets a picture of its own and the same seed always draws the same one.
"""

import io
import math
import random

from PIL import Image, ImageDraw

COVER_SIZE = (1200, 675)
FIGURE_SIZE = (960, 540)


def draw_picture(section, seed, size=COVER_SIZE):
    """A JPEG (bytes) of the scene for `section`."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    scene = SCENES.get(section, _village)
    scene(draw, size, rng)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _sky(draw, size, rng, top, bottom, horizon):
    width, _height = size
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x = rng.randint(width // 8, width * 7 // 8)
    radius = rng.randint(35, 60)
    draw.ellipse(
        [sun_x - radius, horizon // 4 - radius, sun_x + radius, horizon // 4 + radius],
        fill=(255, 226, 140),
    )


def _hills(draw, size, rng, horizon, colours):
    width, height = size
    for layer, colour in enumerate(colours):
        base = horizon + layer * 25
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 60)))
        points.append((width, height))
        draw.polygon(points, fill=colour)


def _hall(draw, size, rng):
    """Chính trị: a columned hall under a red flag."""
    width, height = size
    horizon = height * 2 // 3
    _sky(draw, size, rng, (120, 170, 225), (205, 225, 245), horizon)
    draw.rectangle([0, horizon, width, height], fill=(120, 160, 95))
    left, right = width // 4, width * 3 // 4
    top = horizon - height // 3
    peak = top - height // 10
    draw.polygon([(left - 30, top), (width // 2, peak), (right + 30, top)], fill=(236, 226, 200))
    draw.rectangle([left, top, right, horizon], fill=(245, 238, 220))
    columns = rng.randint(5, 8)
    for i in range(columns):
        x = left + 20 + i * (right - left - 40) // (columns - 1)
        draw.rectangle([x - 10, top + 15, x + 10, horizon - 10], fill=(210, 200, 175))
    draw.rectangle([left - 40, horizon - 12, right + 40, horizon + 8], fill=(190, 180, 160))
    pole_x = width // 2
    flag_top, flag_height = peak - height // 6, height // 10
    draw.line([(pole_x, peak), (pole_x, flag_top)], fill=(90, 90, 90), width=5)
    draw.rectangle(
        [pole_x, flag_top, pole_x + flag_height * 3 // 2, flag_top + flag_height],
        fill=(218, 37, 29),
    )
    centre = (pole_x + flag_height * 3 // 4, flag_top + flag_height // 2)
    _star(draw, centre, flag_height // 3, (255, 222, 0))


def _star(draw, centre, radius, colour):
    cx, cy = centre
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=colour)


def _city(draw, size, rng):
    """Kinh tế: factories and towers along a river, with a crane."""
    width, height = size
    horizon = height * 3 // 4
    _sky(draw, size, rng, (250, 190, 120), (255, 235, 200), horizon)
    x = 0
    while x < width:
        w = rng.randint(60, 140)
        h = rng.randint(horizon // 4, horizon * 3 // 4)
        shade = rng.randint(70, 120)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=(shade, shade + 10, shade + 30))
        for wy in range(horizon - h + 12, horizon - 10, 22):
            for wx in range(x + 10, x + w - 12, 20):
                if rng.random() < 0.6:
                    draw.rectangle([wx, wy, wx + 8, wy + 10], fill=(255, 220, 130))
        x += w + rng.randint(4, 20)
    crane_x = rng.randint(width // 5, width * 4 // 5)
    draw.line([(crane_x, horizon), (crane_x, horizon // 5)], fill=(230, 170, 30), width=8)
    draw.line(
        [(crane_x - 120, horizon // 5), (crane_x + 260, horizon // 5)], fill=(230, 170, 30), width=6
    )
    draw.rectangle([0, horizon, width, height], fill=(70, 120, 160))
    for y in range(horizon + 10, height, 18):
        start = rng.randint(0, width)
        draw.line([(start, y), (start + rng.randint(40, 160), y)], fill=(150, 190, 220), width=2)


def _village(draw, size, rng):
    """Xã hội: houses, trees and a road through green fields."""
    width, height = size
    horizon = height // 2
    _sky(draw, size, rng, (110, 180, 235), (215, 235, 250), horizon)
    _hills(draw, size, rng, horizon, [(105, 160, 90), (125, 185, 95), (150, 200, 105)])
    draw.polygon(
        [
            (width // 2 - 40, horizon + 40),
            (width // 2 + 40, horizon + 40),
            (width * 3 // 4, height),
            (width // 4, height),
        ],
        fill=(150, 140, 130),
    )
    for _ in range(rng.randint(4, 7)):
        x = rng.choice([rng.randint(20, width // 3), rng.randint(width * 2 // 3, width - 160)])
        y = rng.randint(horizon + 30, height - 140)
        wall = rng.choice([(240, 230, 205), (250, 215, 170), (225, 235, 240)])
        draw.rectangle([x, y, x + 120, y + 80], fill=wall)
        draw.polygon([(x - 12, y), (x + 60, y - 50), (x + 132, y)], fill=(180, 70, 50))
        draw.rectangle([x + 48, y + 35, x + 72, y + 80], fill=(120, 80, 50))
    for _ in range(rng.randint(5, 9)):
        x = rng.randint(0, width)
        y = rng.randint(horizon, height - 60)
        draw.rectangle([x - 5, y, x + 5, y + 55], fill=(110, 80, 50))
        draw.ellipse([x - 40, y - 60, x + 40, y + 10], fill=(60, 130, 60))


def _stadium(draw, size, rng):
    """Thể thao: a striped pitch with its lines, a goal and the ball."""
    width, height = size
    stand = height // 4
    draw.rectangle([0, 0, width, stand], fill=(70, 80, 110))
    for _ in range(400):
        x, y = rng.randint(0, width), rng.randint(5, stand - 5)
        draw.ellipse(
            [x - 4, y - 4, x + 4, y + 4],
            fill=rng.choice([(220, 40, 40), (250, 250, 250), (250, 200, 40)]),
        )
    stripe = width // 10
    for i in range(10):
        green = (60, 150, 70) if i % 2 else (75, 165, 80)
        draw.rectangle([i * stripe, stand, (i + 1) * stripe, height], fill=green)
    white = (245, 245, 245)
    draw.rectangle([40, stand + 30, width - 40, height - 30], outline=white, width=4)
    draw.line([(width // 2, stand + 30), (width // 2, height - 30)], fill=white, width=4)
    mid = (stand + height) // 2
    draw.ellipse([width // 2 - 80, mid - 80, width // 2 + 80, mid + 80], outline=white, width=4)
    draw.rectangle([40, mid - 130, 200, mid + 130], outline=white, width=4)
    draw.rectangle([width - 200, mid - 130, width - 40, mid + 130], outline=white, width=4)
    bx, by = rng.randint(260, width - 260), rng.randint(stand + 80, height - 80)
    draw.ellipse([bx - 22, by - 22, bx + 22, by + 22], fill=white, outline=(30, 30, 30), width=3)


def _festival(draw, size, rng):
    """Văn hóa: a temple roof at dusk, with red lanterns."""
    width, height = size
    horizon = height * 3 // 4
    _sky(draw, size, rng, (40, 40, 90), (200, 110, 90), horizon)
    draw.rectangle([0, horizon, width, height], fill=(90, 60, 50))
    left, right = width // 5, width * 4 // 5
    roof = horizon - height // 3
    draw.rectangle([left + 40, roof, right - 40, horizon], fill=(200, 160, 110))
    draw.polygon(
        [
            (left - 30, roof + 10),
            (left + 60, roof - 70),
            (right - 60, roof - 70),
            (right + 30, roof + 10),
        ],
        fill=(150, 50, 40),
    )
    draw.polygon([(left - 30, roof + 10), (left - 60, roof - 20), (left, roof)], fill=(150, 50, 40))
    draw.polygon(
        [(right + 30, roof + 10), (right + 60, roof - 20), (right, roof)], fill=(150, 50, 40)
    )
    draw.rectangle([width // 2 - 50, horizon - 130, width // 2 + 50, horizon], fill=(110, 60, 40))
    line_y = rng.randint(60, 110)
    draw.line([(0, line_y), (width, line_y + 30)], fill=(60, 40, 30), width=2)
    for x in range(60, width, rng.randint(90, 130)):
        y = line_y + 30 * x // width
        draw.line([(x, y), (x, y + 25)], fill=(60, 40, 30), width=2)
        draw.ellipse([x - 24, y + 25, x + 24, y + 85], fill=(220, 50, 40))
        draw.rectangle([x - 10, y + 82, x + 10, y + 92], fill=(240, 200, 60))


SCENES = {
    "Chính trị": _hall,
    "Kinh tế": _city,
    "Xã hội": _village,
    "Thể thao": _stadium,
    "Văn hóa": _festival,
}
