"""Image files built in the tests themselves, good and bad, with Pillow."""

import io
import struct
import zlib

from PIL import Image, ImageDraw

from tests.factories import image_bytes


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def detailed_image(size, mode="RGB"):
    """An image with enough detail that its JPEG has a real body to cut in half."""
    image = Image.effect_noise(size, 60).convert(mode)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2, size[1] // 2), fill="white")
    return image


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width, height):
    """A well-formed PNG header for a huge image, with almost no pixel data behind it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def truncated_jpeg():
    data = encode(detailed_image((400, 300)), "JPEG", quality=90)
    return data[: len(data) // 2]


def png_with_html():
    return image_bytes(fmt="PNG") + b"<html><script>alert(document.cookie)</script></html>"


def svg_with_script():
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
    )


def gif_frames(count):
    frames = [
        Image.new("RGB", (8, 8), (index % 256, index // 256 * 60, 0)) for index in range(count)
    ]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:])


def apng_frames(count):
    frames = [
        Image.new("RGB", (8, 8), (index % 256, index // 256 * 60, 0)) for index in range(count)
    ]
    return encode(frames[0], "PNG", save_all=True, append_images=frames[1:])


def pdf_bytes():
    return encode(Image.new("RGB", (20, 20), "white"), "PDF")


def over_size_limit(limit):
    """A JPEG start followed by padding, one byte over the limit."""
    start = image_bytes()
    return start + b"\x00" * (limit + 1 - len(start))


def _s15f16(value):
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(x, y, z):
    return b"XYZ " + b"\x00" * 4 + _s15f16(x) + _s15f16(y) + _s15f16(z)


def swapped_primaries_profile():
    """An RGB display profile whose red and blue primaries are swapped.

    A pixel stored as (255, 0, 0) under this profile is blue; converted
    correctly to sRGB it must come out blue.
    """
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    gamma = b"curv" + b"\x00" * 4 + struct.pack(">IH", 1, int(2.2 * 256)) + b"\x00\x00"
    tags = [
        (b"wtpt", _xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz_tag(*blue)),
        (b"gXYZ", _xyz_tag(*green)),
        (b"bXYZ", _xyz_tag(*red)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"\x00" * 4
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\x00" * 12
        + b"acsp"
        + b"\x00" * 24
        + struct.pack(">I", 0)
        + _s15f16(0.9642)
        + _s15f16(1.0)
        + _s15f16(0.8249)
        + b"\x00" * 48
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body
