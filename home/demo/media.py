"""Images and documents for the demo, drawn locally with Pillow (nothing is downloaded)."""

import io
import math
import unicodedata

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

NAVY = (16, 42, 84)
BLUE = (36, 99, 171)
RED = (200, 16, 46)
SAND = (238, 232, 220)
WHITE = (255, 255, 255)
PALETTE = [(36, 99, 171), (0, 122, 94), (160, 64, 0), (102, 51, 153), (0, 105, 140), (140, 30, 60)]


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow built without FreeType
        return ImageFont.load_default()


def _ascii(text):
    return (
        unicodedata.normalize("NFKD", text.replace("Ø", "O").replace("ø", "o"))
        .encode("ascii", "ignore")
        .decode()
    )


def _png(image, name):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ImageFile(buffer, name=name)


def portrait(name, index):
    """A square placeholder portrait: the person's initials on a coloured disc."""
    size = 600
    image = PILImage.new("RGB", (size, size), SAND)
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, size - 60, size - 60), fill=PALETTE[index % len(PALETTE)])
    initials = "".join(part[0] for part in _ascii(name).split() if part)[:3]
    draw.text((size / 2, size / 2), initials, fill=WHITE, font=_font(180), anchor="mm")
    return _png(image, f"portrait-{index + 1}.png")


def skyline():
    """The seminar's main image: city outlines and three dots (PL, NO, IS)."""
    width, height = 1200, 630
    image = PILImage.new("RGB", (width, height), NAVY)
    draw = ImageDraw.Draw(image)
    x = 0
    heights = [180, 260, 140, 320, 220, 280, 160, 240, 300, 200, 150, 270]
    step = width // len(heights)
    for h in heights:
        draw.rectangle((x + 8, height - h, x + step - 8, height), fill=BLUE)
        for wy in range(height - h + 20, height - 20, 40):
            draw.rectangle((x + 24, wy, x + 36, wy + 14), fill=SAND)
        x += step
    for cx, cy in [(820, 150), (620, 110), (380, 80)]:
        draw.ellipse((cx - 22, cy - 22, cx + 22, cy + 22), fill=RED, outline=WHITE, width=4)
    draw.line([(380, 80), (620, 110), (820, 150)], fill=WHITE, width=3)
    return _png(image, "seminar-skyline.png")


def gallery(kind):
    """Schematic illustrations for the seminar gallery."""
    width, height = 1200, 800
    image = PILImage.new("RGB", (width, height), SAND)
    draw = ImageDraw.Draw(image)
    if kind == "table":
        draw.ellipse((350, 250, 850, 550), fill=BLUE)
        for i in range(10):
            angle = 2 * math.pi * i / 10
            cx, cy = 600 + 330 * math.cos(angle), 400 + 210 * math.sin(angle)
            draw.ellipse((cx - 35, cy - 35, cx + 35, cy + 35), fill=NAVY)
    elif kind == "podium":
        draw.rectangle((250, 100, 950, 480), fill=WHITE, outline=NAVY, width=6)
        for i, w in enumerate([520, 440, 480, 300]):
            draw.rectangle((320, 160 + i * 70, 320 + w, 190 + i * 70), fill=BLUE)
        draw.polygon([(520, 560), (680, 560), (660, 760), (540, 760)], fill=NAVY)
        draw.ellipse((565, 470, 635, 540), fill=RED)
    else:  # map
        draw.rectangle((0, 0, width, height), fill=(200, 224, 240))
        draw.polygon([(80, 160), (260, 120), (330, 200), (220, 260), (100, 240)], fill=SAND)
        draw.polygon([(560, 60), (760, 40), (720, 420), (600, 520), (520, 400)], fill=SAND)
        draw.polygon([(660, 560), (900, 540), (940, 720), (700, 760)], fill=SAND)
        for cx, cy in [(200, 190), (640, 380), (800, 650)]:
            draw.ellipse((cx - 20, cy - 20, cx + 20, cy + 20), fill=RED, outline=NAVY, width=4)
    return _png(image, f"gallery-{kind}.png")


def presentation_pdf(title, speaker, index):
    """A two-page placeholder presentation as a real PDF."""
    pages = []
    for page_number in (1, 2):
        slide = PILImage.new("RGB", (1280, 720), WHITE)
        draw = ImageDraw.Draw(slide)
        draw.rectangle((0, 0, 1280, 90), fill=NAVY)
        draw.rectangle((0, 690, 1280, 720), fill=PALETTE[index % len(PALETTE)])
        draw.text((60, 45), _ascii(speaker), fill=WHITE, font=_font(40), anchor="lm")
        if page_number == 1:
            draw.text((60, 300), _ascii(title)[:60], fill=NAVY, font=_font(44), anchor="lm")
        else:
            for i in range(5):
                draw.rectangle((60, 180 + i * 90, 60 + 900 - i * 110, 220 + i * 90), fill=BLUE)
        pages.append(slide)
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=96)
    buffer.seek(0)
    return buffer
