"""Draw the site's default social image and logo as PNG files (standard library only).

The clinic's mark (a white cross on the clinic's green, as in favicon.svg),
drawn without any image library so anyone can regenerate the files:

    python scripts/make_social_images.py

writes content/images/social-default.png (1200x630, the Open Graph / Twitter
card size) and content/images/logo.png (512x512, the schema.org logo).
"""

from pathlib import Path
import struct
import zlib

ROOT = Path(__file__).resolve().parents[1]
GREEN = (0x00, 0x5A, 0x4E)
LIGHT = (0xE6, 0xF2, 0xEF)
WHITE = (0xFF, 0xFF, 0xFF)


def png(width, height, pixel):
    """Encode an RGB image whose colour at (x, y) is pixel(x, y)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def in_rounded_square(x, y, left, top, size, radius):
    """Whether (x, y) lies in a square with rounded corners."""
    if not (left <= x < left + size and top <= y < top + size):
        return False
    cx = min(max(x, left + radius), left + size - radius - 1)
    cy = min(max(y, top + radius), top + size - radius - 1)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def in_cross(x, y, left, top, size):
    """The favicon's cross (on a 32-unit grid: arms 6 wide, 20 long), scaled."""
    u = size / 32
    gx, gy = (x - left) / u, (y - top) / u
    return (13 <= gx < 19 and 6 <= gy < 26) or (6 <= gx < 26 and 13 <= gy < 19)


def mark(x, y, left, top, size, background):
    if in_rounded_square(x, y, left, top, size, size * 6 // 32):
        return WHITE if in_cross(x, y, left, top, size) else GREEN
    return background


def social_pixel(x, y):
    # A green band on the left and the mark centred on a light field.
    if x < 40:
        return GREEN
    return mark(x, y, 600 - 160, 315 - 160, 320, LIGHT)


def logo_pixel(x, y):
    return mark(x, y, 0, 0, 512, WHITE)


def main():
    images = ROOT / "content" / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "social-default.png").write_bytes(png(1200, 630, social_pixel))
    (images / "logo.png").write_bytes(png(512, 512, logo_pixel))


if __name__ == "__main__":
    main()
