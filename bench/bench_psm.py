"""Tesseract page segmentation modes on the dev scans: word accuracy and seconds per page.

For the first --pages pages of a handful of rendered dev scans (out/dev-routes/<id>/<id>.scan.pdf,
bench/dev/render_routes.py), OCRs the page image the pipeline now hands Tesseract (the scan's own
embedded image, `ingest.ocr.embedded_page_image`) with `--psm 3`, `4` and `6`, and, for comparison,
the old route (the page rendered again at 300 dpi) with `--psm 4`. Word accuracy is the share of the
OCR'd words aligned in order to the source's words (bench/dev/docs/<id>.txt; rapidfuzz >= 80, as in
bench/bench_scan_tables.py). One Tesseract at a time, one thread each (OMP_THREAD_LIMIT=1).

    .venv/bin/python bench/bench_psm.py [--ids ct-01 kh-01 cd-01 news-01] [--pages 1] [--routes-only]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_scan_tables import word_accuracy  # noqa: E402

from directive_parser.ingest.ocr import OCR_LANG, embedded_page_image  # noqa: E402

ROUTES = ROOT / "out" / "dev-routes"
DOCS = ROOT / "bench" / "dev" / "docs"
RUNS = (("embedded", "3"), ("embedded", "4"), ("embedded", "6"), ("render300", "4"))


def page_images(scan: Path, pages: int) -> list[tuple[object, object]]:
    """(embedded image, 300-dpi rendering) of the first `pages` pages."""
    pdf = pdfium.PdfDocument(scan)
    out = []
    for i in range(min(pages, len(pdf))):
        embedded = embedded_page_image(pdf[i])
        rendered = pdf[i].render(scale=300 / 72, grayscale=True).to_pil()
        out.append((embedded[0] if embedded else rendered, rendered))
    return out


def main() -> None:
    import pytesseract

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ids", nargs="+", default=["ct-01", "kh-01", "cd-01", "news-01"])
    ap.add_argument("--pages", type=int, default=1)
    ap.add_argument("--routes-only", action="store_true", help="only psm 4 on the embedded image vs the 300-dpi rendering")
    a = ap.parse_args()
    runs = [r for r in RUNS if r[1] == "4"] if a.routes_only else list(RUNS)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    totals = {run: [0, 0, 0.0, 0] for run in runs}
    for doc_id in a.ids:
        source = (DOCS / f"{doc_id}.txt").read_text(encoding="utf-8")
        for n, (embedded, rendered) in enumerate(page_images(ROUTES / doc_id / f"{doc_id}.scan.pdf", a.pages), start=1):
            for run in runs:
                image = embedded if run[0] == "embedded" else rendered
                t0 = time.perf_counter()
                text = pytesseract.image_to_string(image, lang=OCR_LANG, config=f"--psm {run[1]}")
                secs = time.perf_counter() - t0
                ok, total = word_accuracy(text, source)
                t = totals[run]
                t[0], t[1], t[2], t[3] = t[0] + ok, t[1] + total, t[2] + secs, t[3] + 1
                print(f"  {doc_id} p{n} {run[0]:9} psm {run[1]}: {ok}/{total} words, {secs:.1f} s", flush=True)
    print(f"{len(a.ids)} scans x {a.pages} page(s), load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'image':>9} {'psm':>4} {'words ok':>11} {'accuracy':>9} {'s/page':>7}")
    for (image, psm), (ok, total, secs, n) in totals.items():
        print(f"{image:>9} {psm:>4} {ok:5}/{total:<5} {ok / max(total, 1):9.1%} {secs / max(n, 1):7.2f}")


if __name__ == "__main__":
    main()
