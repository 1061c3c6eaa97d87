"""The image pipeline: upright, 8-bit sRGB, no metadata, fixed renditions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from memorial.photos import images
from memorial.photos.models import Photo
from tests.factories import make_photo
from tests.photos import files

pytestmark = pytest.mark.django_db

SERIAL = "SN-4471-BAKU"


def gps_rotated_jpeg():
    """A 60x40 JPEG, red on the left and blue on the right, stored with orientation 6.

    It carries GPS coordinates, a camera serial number in EXIF and XMP.
    """
    image = Image.new("RGB", (60, 40), "blue")
    ImageDraw.Draw(image).rectangle((0, 0, 29, 39), fill="red")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Camera maker"
    exif[0xA431] = SERIAL  # BodySerialNumber
    exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 22.0, 0.0), 3: "E", 4: (49.0, 50.0, 0.0)})
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><serial>{SERIAL}</serial></x:xmpmeta>'.encode()
    return files.encode(image, "JPEG", quality=95, exif=exif, xmp=xmp)


def test_jpeg_with_gps_and_orientation_6_comes_out_upright_with_no_metadata_anywhere():
    """The stored original and every rendition are upright and carry no EXIF, GPS or XMP."""
    source = gps_rotated_jpeg()
    assert SERIAL.encode() in source and Image.open(io.BytesIO(source)).getexif()
    photo = make_photo(image=SimpleUploadedFile("camera.jpg", source))

    assert (photo.width, photo.height) == (40, 60)
    names = images.photo_file_names(photo)
    assert len(names) == 1 + len(photo.renditions) == 1 + len(images.rendition_formats())
    for name in names:
        with photo.image.storage.open(name, "rb") as stored:
            content = stored.read()
        with Image.open(io.BytesIO(content)) as image:
            assert image.size == (40, 60), name
            rgb = image.convert("RGB")
            # Rotated clockwise: the red left half is now on top.
            top, bottom = rgb.getpixel((20, 5)), rgb.getpixel((20, 55))
            assert top[0] > 200 and top[2] < 60, (name, top)
            assert bottom[2] > 200 and bottom[0] < 60, (name, bottom)
            assert not image.getexif(), name
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info), name
        assert SERIAL.encode() not in content, name
        assert b"Exif\x00\x00" not in content, name
        assert b"Camera maker" not in content, name


def test_renditions_have_the_fixed_widths_in_every_format_and_are_never_upscaled():
    """A 2000x1500 image gets 320, 640, 1024 and 1600 wide renditions, each in each format."""
    photo = make_photo(
        image=SimpleUploadedFile(
            "wide.png", files.encode(files.detailed_image((2000, 1500)), "PNG")
        )
    )
    formats = images.rendition_formats()
    assert formats[-1] == "jpeg" and "webp" in formats
    expected = {
        (w, h, f) for w, h in [(320, 240), (640, 480), (1024, 768), (1600, 1200)] for f in formats
    }
    assert {(r["width"], r["height"], r["format"]) for r in photo.renditions} == expected
    pillow_format = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
    for rendition in photo.renditions:
        with (
            photo.image.storage.open(rendition["name"], "rb") as stored,
            Image.open(stored) as image,
        ):
            assert image.format == pillow_format[rendition["format"]]
            assert image.size == (rendition["width"], rendition["height"])


def test_small_image_gets_its_own_width_as_the_largest_rendition():
    """A 500 px image is never upscaled: renditions of 320 and 500 px only."""
    photo = make_photo(
        image=SimpleUploadedFile(
            "small.jpg", files.encode(files.detailed_image((500, 300)), "JPEG")
        )
    )
    assert sorted({r["width"] for r in photo.renditions}) == [320, 500]
    assert {r["height"] for r in photo.renditions} == {192, 300}


def test_avif_renditions_are_made_when_pillow_supports_avif():
    """AVIF is offered exactly when this Pillow can encode it."""
    from PIL import features

    assert ("avif" in images.rendition_formats()) == features.check("avif")


def _clean(content, name):
    return images.clean_image(io.BytesIO(content), name)


def test_cmyk_jpeg_is_converted_to_rgb_with_the_right_colour():
    """A CMYK JPEG of pure red (0, 100, 100, 0) comes out red in RGB."""
    cmyk = Image.new("CMYK", (20, 20), (0, 255, 255, 0))
    clean = _clean(files.encode(cmyk, "JPEG", quality=95), "print.jpg")
    assert clean.image.mode == "RGB"
    red, green, blue = clean.image.getpixel((10, 10))
    assert red > 230 and green < 30 and blue < 30


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped():
    """Mid grey in 16 bits (32768) becomes mid grey in 8 bits (128), not white."""
    deep = Image.new("I;16", (20, 20), 32768)
    clean = _clean(files.encode(deep, "PNG"), "scan.png")
    assert clean.image.mode == "L"
    assert clean.image.getpixel((10, 10)) == 128


def test_palette_png_with_transparency_keeps_it_and_jpeg_renditions_are_flattened():
    """A palette PNG with a transparent area stays transparent; its JPEG rendition is white there."""
    palette = Image.new("P", (40, 20), 1)
    palette.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    ImageDraw.Draw(palette).rectangle((0, 0, 19, 19), fill=0)
    content = files.encode(palette, "PNG", transparency=0)
    photo = make_photo(image=SimpleUploadedFile("logo.png", content))
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((5, 5))[3] == 0
        assert image.getpixel((30, 5)) == (200, 0, 0, 255)
    jpeg = next(r for r in photo.renditions if r["format"] == "jpeg")
    with photo.image.storage.open(jpeg["name"], "rb") as stored, Image.open(stored) as image:
        assert image.mode == "RGB"
        assert min(image.getpixel((5, 5))) > 240


def test_embedded_icc_profile_is_converted_to_srgb_and_dropped():
    """Pixels are converted through their profile: red under a red/blue-swapped profile is blue."""
    image = Image.new("RGB", (20, 20), (255, 0, 0))
    content = files.encode(image, "JPEG", quality=95, icc_profile=files.swapped_primaries_profile())
    clean = _clean(content, "wide-gamut.jpg")
    red, green, blue = clean.image.getpixel((10, 10))
    assert blue > 200 and red < 40 and green < 40
    assert clean.image.info == {}


def test_animated_image_under_the_frame_cap_is_stored_as_its_first_frame():
    """A short animated PNG is accepted and stored as a still image."""
    photo = make_photo(image=SimpleUploadedFile("flag.png", files.apng_frames(5)))
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert getattr(image, "n_frames", 1) == 1
        assert image.getpixel((0, 0))[:3] == (0, 0, 0)


def test_pixel_cap_is_checked_before_decoding():
    """A header over the cap is refused without Pillow ever allocating its pixels."""
    with pytest.raises(images.ImageRejected) as refused:
        _clean(files.png_claiming(7_000, 7_000), "large.png")
    assert refused.value.code == "too_many_pixels"
    assert Image.MAX_IMAGE_PIXELS == images.MAX_PIXELS


def test_model_save_outside_the_admin_runs_the_same_pipeline():
    """Code that saves a Photo directly gets the same refusal as the admin."""
    with pytest.raises(images.ImageRejected):
        make_photo(image=SimpleUploadedFile("cut.jpg", files.truncated_jpeg()))
    assert not Photo.objects.exists()
