"""Time and peak memory of the photo pipeline on a 24-megapixel JPEG.

Not a test: figures depend on the machine. Run from the project root:

    python bench/photo_pipeline.py [--runs 3]

It draws a 6000x4000 camera-like JPEG (detail, noise, EXIF orientation 6 and
GPS), then, in a fresh subprocess per run, validates, decodes, turns upright,
re-encodes the original and writes every rendition to a temporary media
folder, exactly as saving a Photo does. Budget: under 3 s and under 400 MB
peak resident memory.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 3.0
BUDGET_MB = 400


def make_jpeg(path):
    from PIL import Image, ImageDraw

    size = (6000, 4000)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.effect_noise(size, 40).convert("RGB"), 0.25)
    draw = ImageDraw.Draw(image)
    for index in range(60):
        x, y = (index * 397) % size[0], (index * 263) % size[1]
        draw.rectangle(
            (x, y, x + 400, y + 250), fill=(40 + index * 3, 20, 60), outline="white", width=6
        )
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 22.0, 0.0), 3: "E", 4: (49.0, 50.0, 0.0)})
    image.save(path, "JPEG", quality=90, exif=exif)


def peak_rss_mb():
    """This process's own high-water mark (VmHWM), which, unlike ru_maxrss, exec resets."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path, media_root):
    """One measured run, in its own process so its peak RSS is its own."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DJANGO_MEDIA_ROOT"] = media_root
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.storage import default_storage

    from memorial.photos import images

    baseline = peak_rss_mb()
    data = Path(path).read_bytes()
    start = time.perf_counter()
    clean = images.clean_image(io.BytesIO(data), "camera.jpg")
    original = default_storage.save(
        images.generated_name(clean.extension), images.CleanImageFile(clean)
    )
    renditions = images.write_renditions(clean, original, default_storage)
    elapsed = time.perf_counter() - start
    peak = peak_rss_mb()
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_mb": peak,
                "baseline_mb": baseline,
                "size": clean.size,
                "renditions": len(renditions),
                "formats": sorted({item["format"] for item in renditions}),
                "original_bytes": default_storage.size(original),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="photo-bench-") as tmp:
        path = Path(tmp) / "camera-24mp.jpg"
        make_jpeg(path)
        print(f"input: 6000x4000 JPEG, {path.stat().st_size / 1e6:.1f} MB, orientation 6, GPS")
        results = []
        for run in range(args.runs):
            media = Path(tmp) / f"media-{run}"
            output = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(media)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            result = json.loads(output.strip().splitlines()[-1])
            results.append(result)
            print(
                f"run {run + 1}: {result['seconds']:.2f} s, peak RSS {result['peak_mb']:.0f} MB "
                f"(after imports {result['baseline_mb']:.0f} MB), output {result['size'][0]}x"
                f"{result['size'][1]}, {result['renditions']} renditions "
                f"({', '.join(result['formats'])})"
            )
        worst_time = max(r["seconds"] for r in results)
        worst_peak = max(r["peak_mb"] for r in results)
        verdict = worst_time < BUDGET_SECONDS and worst_peak < BUDGET_MB
        print(
            f"worst: {worst_time:.2f} s (budget {BUDGET_SECONDS:.0f} s), "
            f"{worst_peak:.0f} MB (budget {BUDGET_MB} MB): {'within budget' if verdict else 'OVER BUDGET'}"
        )
        return 0 if verdict else 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
