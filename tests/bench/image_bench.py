"""What a picture costs the web process: peak memory (RSS) of decoding and
thumbnailing a picture at the MARKET_IMAGE_MAX_PIXELS cap, of the 17 KB
12000 x 12000 PNG the cap refuses (had it been accepted), and of refusing it
(market.uploads.check_pixels reads the header only).

Figures, not a test. Each case runs in a fresh Python process, so each peak
is its own; the first line is the cost of the process with Pillow loaded.

    .venv/bin/python tests/bench/image_bench.py
"""

import argparse
import io
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = {
    "baseline": "Python and Pillow loaded, nothing decoded",
    "refuse-bomb": "12000 x 12000 PNG refused by check_pixels (header only)",
    "thumbnail-cap": "a picture at the cap, decoded and thumbnailed",
    "thumbnail-bomb": "12000 x 12000 PNG decoded and thumbnailed (no cap)",
}


def _peak_mb() -> float:
    # Linux reports kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _thumbnail(data: bytes) -> None:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # measure the decoding itself
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail((800, 800))


def run_case(case: str, cap: int) -> None:
    sys.path.insert(0, str(ROOT))
    from PIL import Image  # noqa: F401 - part of the baseline

    from tests.images import bomb_png

    width = 8_000
    data = {
        "baseline": b"",
        "refuse-bomb": bomb_png(12_000, 12_000),
        "thumbnail-bomb": bomb_png(12_000, 12_000),
        "thumbnail-cap": bomb_png(width, cap // width),
    }[case]
    if case == "refuse-bomb":
        from django.conf import settings

        settings.configure(MARKET_IMAGE_MAX_PIXELS=cap, USE_I18N=False)
        from django.core.exceptions import ValidationError

        from market.uploads import check_pixels

        try:
            check_pixels(io.BytesIO(data))
        except ValidationError:
            pass
        else:
            raise SystemExit("the bomb was not refused")
    elif case.startswith("thumbnail"):
        _thumbnail(data)
    print(f"{_peak_mb():.0f}")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=int, default=40_000_000)
    parser.add_argument("--case", choices=sorted(CASES))
    arguments = parser.parse_args()
    if arguments.case:
        run_case(arguments.case, arguments.cap)
        return
    print(f"Peak RSS per process (MB), cap {arguments.cap:,} pixels")  # noqa: T201
    for case, label in CASES.items():
        output = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, __file__, "--case", case, "--cap", str(arguments.cap)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(f"{output:>6} MB  {case:<15} {label}")  # noqa: T201


if __name__ == "__main__":
    main()
