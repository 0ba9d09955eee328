"""Build a generated archive for bench_batch.py: text PDFs and image-only scans from Directive 33.

Each document is Directive 33/CT-TTg (the text layer of /work/shared/fixtures/ct33.text.pdf) with
its own number, its dates shifted by a random number of days, and some lettered points or dash
items dropped, typeset again with reportlab. Scans are those PDFs rendered to noisy 200-dpi
greyscale images; the real ct33.scan.pdf is copied in too.

    .venv/bin/python bench/make_archive.py            # -> out/bench-archive/{text,scan}/
    .venv/bin/python bench/make_archive.py --text 190 --scans 12 --seed 7

The output folder sits under /out/, which .gitignore excludes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

FIXTURES = Path("/work/shared/fixtures")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "out" / "bench-archive"
# DejaVu first: the Liberation Serif installed here lacks precomposed Vietnamese capitals (Ủ, Ớ).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
LABEL = re.compile(r"^(?:\d+\.|[a-zđ]\)|[-+])\s")
DROPPABLE = re.compile(r"^(?:[a-zđ]\)|[-+])\s")
LONG_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
NUMBER = "33/CT-TTg"
SCAN_DPI = 200
DROP_SHARE = 0.15


def base_text() -> str:
    pdf = pdfium.PdfDocument(FIXTURES / "ct33.text.pdf")
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def blocks(text: str) -> list[str]:
    """Lines joined into paragraphs: a paragraph starts at a label, or after a short line."""
    out: list[str] = []
    for raw in text.replace("\r", "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if not out or LABEL.match(line) or len(out[-1]) < 60 or out[-1].endswith((".", ":", ";")):
            out.append(line)
        else:
            out[-1] += " " + line
    return out


def shift_dates(text: str, days: int) -> str:
    def long(m):
        try:
            d = date(int(m[3]), int(m[2]), int(m[1])) + timedelta(days=days)
        except ValueError:
            return m[0]
        return f"ngày {d.day:02d} tháng {d.month} năm {d.year}"

    def short(m):
        try:
            d = date(int(m[3]), int(m[2]), int(m[1])) + timedelta(days=days)
        except ValueError:
            return m[0]
        return f"{d.day:02d}/{d.month:02d}/{d.year}"

    return SHORT_DATE.sub(short, LONG_DATE.sub(long, text))


def variant(paragraphs: list[str], index: int, rng: random.Random) -> list[str]:
    number = f"{100 + index}/CT-TTg"
    days = rng.randint(-200, 200)
    kept = [p for p in paragraphs if not (DROPPABLE.match(p) and rng.random() < DROP_SHARE)]
    return [shift_dates(p.replace(NUMBER, number), days) for p in kept]


def write_pdf(paragraphs: list[str], path: Path, font: str) -> None:
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=16, alignment=TA_JUSTIFY, spaceAfter=5)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER)
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm
    )
    story = [Paragraph(escape(p), centred if i < 6 else body) for i, p in enumerate(paragraphs)]
    doc.build(story)


def write_scan(pdf_path: Path, path: Path, rng: random.Random) -> None:
    pdf = pdfium.PdfDocument(pdf_path)
    images = []
    for page in pdf:
        image = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.6, 0.6), expand=False, fillcolor=255)
        noise = Image.effect_noise(image.size, 25).point(lambda v: 255 if v > 60 else 180)
        image = Image.composite(image, noise, image.point(lambda v: 0 if v > 200 else 255).convert("L"))
        images.append(image.filter(ImageFilter.GaussianBlur(0.4)))
    images[0].save(path, save_all=True, append_images=images[1:], resolution=SCAN_DPI)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--text", type=int, default=190, help="generated text PDFs")
    parser.add_argument("--scans", type=int, default=12, help="generated scans (plus the real one)")
    parser.add_argument("--seed", type=int, default=33)
    args = parser.parse_args()

    font_path = next(p for p in FONT_CANDIDATES if Path(p).exists())
    pdfmetrics.registerFont(TTFont("Body", font_path))
    rng = random.Random(args.seed)
    paragraphs = blocks(base_text())
    text_dir, scan_dir = args.out / "text", args.out / "scan"
    for folder in (text_dir, scan_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for i in range(args.text):
        write_pdf(variant(paragraphs, i, rng), text_dir / f"ct{100 + i:03d}.pdf", "Body")
    for i in range(args.scans):
        source = text_dir / f"ct{100 + i:03d}.pdf"
        write_scan(source, scan_dir / f"ct{100 + i:03d}.scan.pdf", rng)
    shutil.copy(FIXTURES / "ct33.scan.pdf", scan_dir / "ct33.scan.pdf")
    shutil.copy(FIXTURES / "ct33.text.pdf", text_dir / "ct33.text.pdf")
    total = args.text + args.scans + 2
    print(f"{total} documents: {args.text + 1} text PDFs in {text_dir}, {args.scans + 1} scans in {scan_dir}")


if __name__ == "__main__":
    main()
