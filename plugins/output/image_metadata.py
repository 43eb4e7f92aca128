"""Published images without their camera and location metadata, and not re-encoded.

A photo from a phone carries EXIF (camera make and model, serial numbers, date, and
often the GPS position where it was taken: a clinic photo may show a patient), XMP
and IPTC blocks, comments and text chunks. The resized copies that
pelican-image-process writes are saved by Pillow without them; the originals
Pelican copies into the output kept them. :func:`strip` removes them from a file
by dropping the blocks that hold them, so the pixels are the same bytes as before
(no decoding, no re-encoding, no loss):

- JPEG: APP1 (EXIF, XMP), APP3 to APP13 (IPTC, vendor blocks) and APP15 segments,
  comments, and APP2 segments that are not an ICC colour profile;
- PNG: ``tEXt``, ``zTXt``, ``iTXt``, ``eXIf`` and ``tIME`` chunks;
- WebP: ``EXIF`` and ``XMP`` chunks (and their flags in ``VP8X``);
- AVIF (no block to drop without rewriting its container): saved again by Pillow
  at quality 90, without metadata, only when it has some: a second lossy encoding,
  the one cost of this module (the site publishes JPEG, PNG and WebP).

What is kept: the colour profile (ICC), JFIF and Adobe segments (colours), and
the EXIF orientation when it is not the default one, as a new EXIF block holding
only that tag (browsers turn the photo by it).
"""

import os
from pathlib import Path
import struct
import tempfile

ORIENTATION = 0x0112
JPEG_KEPT_APP = {0xE0, 0xE2, 0xEE}  # JFIF, ICC profile (checked below), Adobe
PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif"}


def orientation_only(exif_payload):
    """A TIFF block holding only the orientation tag of an EXIF block, or None when the
    block has no orientation or the default one (1)."""
    from PIL import Image

    try:
        exif = Image.Exif()
        exif.load(exif_payload)
        orientation = exif.get(ORIENTATION)
    except Exception:  # an unreadable block: nothing worth keeping
        return None
    if orientation in (None, 1):
        return None
    kept = Image.Exif()
    kept[ORIENTATION] = orientation
    return kept.tobytes()  # b"Exif\0\0" + TIFF


def strip_jpeg(data):
    if data[:2] != b"\xff\xd8":
        return data
    kept, index, orientation = [b"\xff\xd8"], 2, None
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            return data  # not a segment where one must be: leave the file as it is
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            kept.append(data[index:index + 2])
            index += 2
            continue
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        segment = data[index:index + 2 + length]
        if marker == 0xDA:  # start of scan: the image data and the rest, as they are
            kept.append(data[index:])
            break
        body = segment[4:]
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00") and orientation is None:
            orientation = orientation_only(body[6:])
        application = 0xE0 <= marker <= 0xEF
        keep = (not application or marker in JPEG_KEPT_APP) and marker != 0xFE  # FE: comment
        if marker == 0xE2 and not body.startswith(b"ICC_PROFILE\x00"):
            keep = False
        if keep:
            kept.append(segment)
        index += 2 + length
    else:
        return data  # no image data found: leave it
    if orientation:
        block = b"\xff\xe1" + struct.pack(">H", len(orientation) + 2) + orientation
        kept.insert(2 if kept[1][:2] == b"\xff\xe0" else 1, block)  # after JFIF, if any
    return b"".join(kept)


def png_chunk(kind, body):
    import zlib

    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def strip_png(data):
    if not data.startswith(PNG_SIGNATURE):
        return data
    kept, index, orientation = [PNG_SIGNATURE], len(PNG_SIGNATURE), None
    while index + 8 <= len(data):
        length = struct.unpack(">I", data[index:index + 4])[0]
        kind = data[index + 4:index + 8]
        chunk = data[index:index + 12 + length]
        if kind == b"eXIf":
            orientation = orientation_only(chunk[8:8 + length])
        if kind not in PNG_DROPPED:
            if kind == b"IDAT" and orientation:  # eXIf goes before the image data
                kept.append(png_chunk(b"eXIf", orientation[6:]))
                orientation = None
            kept.append(chunk)
        index += 12 + length
        if kind == b"IEND":
            break
    return b"".join(kept)


def strip_webp(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return data
    chunks, index, orientation = [], 12, None
    while index + 8 <= len(data):
        kind = data[index:index + 4]
        length = struct.unpack("<I", data[index + 4:index + 8])[0]
        body = data[index + 8:index + 8 + length]
        if kind == b"EXIF":
            payload = body[6:] if body.startswith(b"Exif\x00\x00") else body
            orientation = orientation_only(payload)
        elif kind != b"XMP ":
            chunks.append([kind, body])
        index += 8 + length + (length & 1)
    for chunk in chunks:
        if chunk[0] == b"VP8X":
            flags = chunk[1][0] & ~0x0C  # no EXIF (0x08), no XMP (0x04)
            if orientation:
                flags |= 0x08
            chunk[1] = bytes([flags]) + chunk[1][1:]
    if orientation and any(kind == b"VP8X" for kind, _ in chunks):
        chunks.append([b"EXIF", orientation[6:]])
    parts = [kind + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) & 1 else b"")
             for kind, body in chunks]
    content = b"WEBP" + b"".join(parts)
    return b"RIFF" + struct.pack("<I", len(content)) + content


def strip_avif(path, data):
    from io import BytesIO

    from PIL import Image

    with Image.open(path) as image:
        exif = image.getexif()
        if not (set(exif) - {ORIENTATION} or image.info.get("xmp")):
            return data  # nothing but the orientation: saved once already, or never needed
        kept = orientation_only(exif.tobytes()[6:]) if exif else None
        out = BytesIO()
        image.save(out, format="AVIF", quality=90, **({"exif": kept} if kept else {}))
        return out.getvalue()


def strip(path):
    """Remove the metadata of one image file in place (written whole or not at all); True
    when the file changed."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in SUFFIXES:
        return False
    data = path.read_bytes()
    try:
        if kind in (".jpg", ".jpeg"):
            stripped = strip_jpeg(data)
        elif kind == ".png":
            stripped = strip_png(data)
        elif kind == ".webp":
            stripped = strip_webp(data)
        else:
            stripped = strip_avif(path, data)
    except (struct.error, ValueError, SyntaxError, IndexError, OSError):
        return False  # not the image its name says: the image checks report it
    if stripped == data:
        return False
    # A new file replaces the old one: a hard link to the source is never written through.
    mode = path.stat().st_mode & 0o777
    handle, partial = tempfile.mkstemp(prefix=".strip-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(stripped)
        os.chmod(partial, mode)
        os.replace(partial, path)
    except OSError:
        Path(partial).unlink(missing_ok=True)
        raise
    return True
