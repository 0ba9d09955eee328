"""OCR overhead: the pipeline on a scanned PDF against bare `tesseract` on the same pages and cores.

Writes each page's image once to a PNG (outside the timing): the scan's own page image when the
page is one and `ingest.ocr.USE_EMBEDDED_PAGE_IMAGES` is on (what the pipeline then hands Tesseract), else the page
rendered at `OCR_DPI`. Then times:
  bare      `tesseract PAGE.png - -l vie --psm 4` for every page, N at a time;
  pipeline  `parse_directive(scan, ocr_workers=N)` end to end (render + OCR + parse).
and prints the ratio pipeline / bare. Each Tesseract is pinned to one thread, as in the pipeline.

    .venv/bin/python bench/bench_ocr.py [--pdf fixtures/ct33.scan.pdf] [--workers 1 2] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from directive_parser import parse_directive
from directive_parser.ingest import ocr
from directive_parser.ingest.ocr import OCR_DPI, OCR_LANG, TESSERACT_CONFIG, embedded_page_image

ROOT = Path(__file__).resolve().parents[1]


def render_pages(pdf_path: Path, out: Path) -> list[Path]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    paths = []
    for i in range(len(pdf)):
        p = out / f"page-{i + 1:03d}.png"
        embedded = embedded_page_image(pdf[i]) if ocr.USE_EMBEDDED_PAGE_IMAGES else None
        image = embedded[0] if embedded else pdf[i].render(scale=OCR_DPI / 72, grayscale=True).to_pil()
        image.save(p)
        paths.append(p)
    return paths


def bare(pages: list[Path], workers: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    argv = lambda p: ["tesseract", str(p), "-", "-l", OCR_LANG, *TESSERACT_CONFIG.split()]  # noqa: E731
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda p: subprocess.run(argv(p), env=env, capture_output=True, check=True), pages))
    return time.perf_counter() - start


def pipeline(pdf_path: Path, workers: int) -> float:
    start = time.perf_counter()
    doc = parse_directive(pdf_path, ocr_workers=workers)
    assert doc.assignments, "the scan must still parse"
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", type=Path, default=ROOT / "fixtures" / "ct33.scan.pdf")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = render_pages(a.pdf, Path(tmp))
        for n in a.workers:
            b = min(bare(pages, n) for _ in range(a.repeat))
            p = min(pipeline(a.pdf, n) for _ in range(a.repeat))
            print(
                f"ocr workers={n} pages={len(pages)}  bare tesseract {b:.2f} s ({len(pages) / b:.2f} pages/s)  "
                f"pipeline {p:.2f} s ({len(pages) / p:.2f} pages/s)  pipeline/bare = {p / b:.2f}  "
                f"(load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )


if __name__ == "__main__":
    main()
