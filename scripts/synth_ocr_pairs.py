#!/usr/bin/env python3
"""Render corpus text to page images and OCR them with Tesseract's English model: corpus -> (clean, ocr) pages.

This simulates the archive damage the blind restorer must undo: Vietnamese printed in a
Times-like or sans font, scanned at 200-300 dpi, read by `tesseract -l eng`, which drops or
mangles the marks ("Thủ tướng" -> "Thu tuéng", "số" -> "s6", "Bộ" -> "B9").

Each page is cached as scripts/_cache/synth/<split>/pNNNNN.clean.txt + .ocr.txt + .meta.json,
so the script is resumable: rerun it with a larger --pages and it continues where it stopped.

`--profile scan` (cached under <split>_scan/) imitates a photocopied official document instead:
12-14 pt Times-like serif (often bold), rendered at 300 dpi, then degraded as a scanner does it
(resampled through 150-200 dpi, blurred, speckled, tilted, JPEG-compressed, sometimes
binarised). Its damage is harsher ("Trudng", "dugrc", "B§" for "Bộ").

Held-out split: corpus lines whose md5 falls in bucket 0 of HOLDOUT_MODULUS are never used for
LM training (scripts/build_lm.py skips them) and make the "dev" pages used for tuning and the
test fixture; all other lines make the "train" pages used for the channel model.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path("/work/shared/corpus")
CACHE = ROOT / "scripts" / "_cache" / "synth"
HOLDOUT_MODULUS = 50  # 2 % of corpus lines are held out from LM training
TG = "/usr/share/texmf/fonts/opentype/public/tex-gyre/"  # apt: fonts-texgyre
TT = "/usr/share/fonts/truetype/"  # apt: fonts-dejavu-core, fonts-noto-core, fonts-freefont-ttf
# Fonts with full Vietnamese coverage (Liberation lacks ủ, ố, ự… and renders boxes).
# Times-like serifs dominate official documents; a few sans for news renders.
FONT_FILES = (
    TG + "texgyretermes-regular.otf",
    TG + "texgyretermes-regular.otf",
    TG + "texgyretermes-bold.otf",
    TT + "freefont/FreeSerif.ttf",
    TT + "freefont/FreeSerif.ttf",
    TT + "dejavu/DejaVuSerif.ttf",
    TT + "noto/NotoSerif-Regular.ttf",
    TG + "texgyrepagella-regular.otf",
    TG + "texgyreheros-regular.otf",
    TT + "noto/NotoSans-Regular.ttf",
    TT + "dejavu/DejaVuSans.ttf",
    TT + "freefont/FreeSans.ttf",
)
DPIS = (200, 240, 300)
POINT_SIZES = (10, 11, 12, 13, 14)
PAGE_WIDTH_IN = 6.3  # A4 text block
LINES_PER_PAGE = (22, 34)
# "scan" profile: the fonts and sizes of official documents, degraded like a photocopied scan.
SCAN_FONT_FILES = (
    TG + "texgyretermes-regular.otf",
    TG + "texgyretermes-regular.otf",
    TG + "texgyretermes-bold.otf",
    TT + "freefont/FreeSerif.ttf",
    TT + "freefont/FreeSerif.ttf",
    TT + "freefont/FreeSerifBold.ttf",
)
SCAN_DPI = 300
SCAN_POINT_SIZES = (12, 13, 13, 14)
SCAN_LOW_DPI = (150, 200)  # resolution the page passes through (down and back up)
SCAN_BLUR = (0.5, 1.2)  # gaussian sigma in 300 dpi pixels…
SCAN_SEVERITY = (1.0, 1.8)  # …times a per-page severity
SCAN_UPSAMPLE_P = 0.3  # share of scans scaled back to 300 dpi before OCR
SCAN_BINARISE_P = 0.45
SCAN_TILT_DEG = 0.5
SCAN_JPEG_QUALITY = (30, 60)


def is_holdout(line: str) -> bool:
    """Tell whether a corpus line belongs to the held-out bucket: str -> bool."""
    return int(hashlib.md5(line.encode("utf-8")).hexdigest()[:8], 16) % HOLDOUT_MODULUS == 0


def load_lines() -> list[str]:
    """Read all corpus paragraphs with at least 4 words: corpus files -> list of lines."""
    out: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            out.extend(s for s in (ln.strip() for ln in fh) if len(s.split()) >= 4)
    return out


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap of one paragraph to a pixel width: str -> lines."""
    lines, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and font.getlength(trial) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def render_clean(lines: list[str], font: ImageFont.FreeTypeFont, px: int, rng: random.Random) -> Image.Image:
    """Draw text lines black on a white page, no damage: lines -> grayscale image."""
    margin = px * 2
    spacing = int(px * rng.uniform(1.2, 1.5))
    width = int(max(font.getlength(ln) for ln in lines)) + 2 * margin
    img = Image.new("L", (width, spacing * len(lines) + 2 * margin), 255)
    draw = ImageDraw.Draw(img)
    for i, ln in enumerate(lines):
        draw.text((margin, margin + i * spacing), ln, font=font, fill=rng.randint(0, 40))
    return img


def render(lines: list[str], font: ImageFont.FreeTypeFont, px: int, rng: random.Random) -> Image.Image:
    """Draw text lines on a white page with mild scan noise: lines -> grayscale image."""
    margin = px * 2
    spacing = int(px * rng.uniform(1.25, 1.6))
    width = int(max(font.getlength(ln) for ln in lines)) + 2 * margin
    img = Image.new("L", (width, spacing * len(lines) + 2 * margin), 255)
    draw = ImageDraw.Draw(img)
    ink = rng.randint(0, 60)
    for i, ln in enumerate(lines):
        draw.text((margin, margin + i * spacing), ln, font=font, fill=ink)
    if rng.random() < 0.5:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.8)))
    if rng.random() < 0.3:  # low-resolution scan: down then up
        f = rng.uniform(0.65, 0.9)
        small = img.resize((int(img.width * f), int(img.height * f)), Image.BILINEAR)
        img = small.resize(img.size, Image.BILINEAR)
    if rng.random() < 0.3:
        img = img.rotate(rng.uniform(-0.4, 0.4), fillcolor=255, resample=Image.BILINEAR)
    if rng.random() < 0.5:
        import numpy as np

        arr = np.asarray(img, dtype=np.int16)
        noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(3, 12), arr.shape)
        img = Image.fromarray(np.clip(arr + noise, 0, 255).astype("uint8"))
    if rng.random() < 0.2:
        thr = rng.randint(110, 170)
        img = img.point(lambda v: 255 if v > thr else 0)
    return img


def degrade_scan(img: Image.Image, rng: random.Random) -> tuple[Image.Image, int]:
    """Photocopy/scan damage on a 300 dpi page: clean image -> (degraded grayscale image, its dpi).

    The page is blurred (optics, toner spread), resampled to 150-200 dpi and usually OCR'd at
    that resolution (sometimes scaled back to 300 dpi first), tilted, speckled, sometimes
    binarised and JPEG-compressed. Severity varies per page so mild and harsh scans both occur.
    """
    import io

    import numpy as np

    severity = rng.uniform(*SCAN_SEVERITY)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(*SCAN_BLUR) * severity))
    img = img.rotate(rng.uniform(-SCAN_TILT_DEG, SCAN_TILT_DEG), fillcolor=255, resample=Image.BILINEAR)
    low = rng.uniform(*SCAN_LOW_DPI)
    f = low / SCAN_DPI
    img = img.resize((int(img.width * f), int(img.height * f)), Image.BILINEAR)
    dpi = round(low)
    if rng.random() < SCAN_UPSAMPLE_P:
        img = img.resize((int(img.width / f), int(img.height / f)), rng.choice((Image.BILINEAR, Image.BICUBIC)))
        dpi = SCAN_DPI
    gen = np.random.default_rng(rng.randint(0, 2**31))
    arr = np.asarray(img, dtype=np.int16) + gen.normal(0, rng.uniform(2, 10), img.size[::-1])
    speck = gen.random(arr.shape)
    amount = rng.uniform(0.0005, 0.004)  # salt and pepper
    arr[speck < amount / 2] = 0
    arr[speck > 1 - amount / 2] = 255
    img = Image.fromarray(np.clip(arr, 0, 255).astype("uint8"))
    if rng.random() < SCAN_BINARISE_P:  # photocopy: strokes thin or thicken with the threshold
        thr = rng.randint(100, 190)
        img = img.point(lambda v: 255 if v > thr else 0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(*SCAN_JPEG_QUALITY))
    return Image.open(io.BytesIO(buf.getvalue())).convert("L"), dpi


def ocr(img: Image.Image, dpi: int) -> str:
    """Run `tesseract -l eng --psm 6` on one image: image -> text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "p.png")
        img.save(path, dpi=(dpi, dpi))
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        res = subprocess.run(
            ["tesseract", path, "stdout", "-l", "eng", "--psm", "6", "--dpi", str(dpi)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
    return res.stdout


def make_page(idx: int, split: str, pool: list[str], seed: int, profile: str = "plain") -> None:
    """Render, OCR and cache one page: page index -> files under CACHE/split (CACHE/split_scan)."""
    scan = profile == "scan"
    out = CACHE / (f"{split}_scan" if scan else split)
    base = out / f"p{idx:05d}"
    if (base.with_suffix(".meta.json")).exists():
        return
    rng = random.Random(f"{seed}-{split}-{idx}" + ("-scan" if scan else ""))
    font_file = rng.choice(SCAN_FONT_FILES if scan else FONT_FILES)
    if not os.path.exists(font_file):  # a font package not installed here (fonts-noto-core): another of the list
        fonts = [f for f in (SCAN_FONT_FILES if scan else FONT_FILES) if os.path.exists(f)]
        font_file = rng.choice(fonts)
    dpi, pt = (SCAN_DPI, rng.choice(SCAN_POINT_SIZES)) if scan else (rng.choice(DPIS), rng.choice(POINT_SIZES))
    px = round(pt * dpi / 72)
    font = ImageFont.truetype(font_file, px)
    width = int(PAGE_WIDTH_IN * dpi)
    want = rng.randint(*LINES_PER_PAGE)
    lines: list[str] = []
    start = rng.randrange(len(pool))
    k = 0
    while len(lines) < want:
        para = pool[(start + k) % len(pool)] if split == "train" else rng.choice(pool)
        if rng.random() < 0.08:
            para = para.upper()  # headings in capitals: "CHỈ THỊ", "QUYẾT ĐỊNH"
        lines.extend(wrap(para, font, width))
        k += 1
    lines = lines[:want]
    if scan:
        img, dpi = degrade_scan(render_clean(lines, font, px, rng), rng)
    else:
        img = render(lines, font, px, rng)
    text = ocr(img, dpi)
    out.mkdir(parents=True, exist_ok=True)
    base.with_suffix(".clean.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    base.with_suffix(".ocr.txt").write_text(text, encoding="utf-8")
    base.with_suffix(".meta.json").write_text(
        json.dumps({"font": Path(font_file).name, "dpi": dpi, "pt": pt, "profile": profile})
    )


def main() -> None:
    """Parse arguments and produce the requested pages (skips cached ones)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("train", "dev"), default="train")
    ap.add_argument("--pages", type=int, default=400, help="number of pages to have in the cache")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shard", type=int, default=0, help="this worker's shard (for parallel runs)")
    ap.add_argument("--shards", type=int, default=1)
    ap.add_argument(
        "--profile",
        choices=("plain", "scan"),
        default="plain",
        help="scan: official-document fonts with photocopy/scan damage, cached under <split>_scan",
    )
    a = ap.parse_args()
    all_lines = load_lines()
    pool = [ln for ln in all_lines if is_holdout(ln) == (a.split == "dev")]
    print(f"{len(pool)} candidate lines for {a.split}", file=sys.stderr)
    for i in range(a.shard, a.pages, a.shards):
        make_page(i, a.split, pool, a.seed, a.profile)
        if i % 20 == 0:
            print(f"page {i}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
