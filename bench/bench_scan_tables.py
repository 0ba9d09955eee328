"""Scanned tables and Tesseract page modes on the dev scans.

--tables   for each dev table scan (out/dev-routes/tbl-0*/tbl-0*.scan.pdf), the pages where
           `scan_tables.find_grids` finds a grid are read by `ocr._recognise` and their pipe rows
           compared with the source's pipe rows (bench/dev/docs/<id>.txt): a cell matches at
           rapidfuzz ratio >= 80 after whitespace folding, a row when it has the same number of
           cells and all of them match (each source row is paired with its best unused OCR row).
--img2table  the same measure with img2table's grid (its Tesseract backend, `vie`, ruled tables
           only, its rotation detection on) instead of `scan_tables`: every page of each scan, rendered at the same 300 dpi.
           img2table is not a project dependency: run this mode with a Python that has it
           (a scratch venv with `pip install img2table rapidfuzz`); it needs no directive_parser.
--psm      `--psm 3/4/6` on the first pages of every dev scan: word accuracy against the source
           text (share of the OCR'd words that align, in order, to the source's words, each pair
           at rapidfuzz ratio >= 80; difflib on the folded words) and seconds a page.

    .venv/bin/python bench/bench_scan_tables.py --tables
    .venv/bin/python bench/bench_scan_tables.py --psm --pages 2 --jobs 2
    /tmp/i2t/bin/python bench/bench_scan_tables.py --img2table --ids tbl-01 tbl-02
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DOCS = REPO / "bench" / "dev" / "docs"
ROUTES = REPO / "out" / "dev-routes"
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def pipe_cells(line: str) -> list[str]:
    return [fold(c) for c in line.strip().strip("|").split("|")]


def truth_rows(doc_id: str) -> list[list[str]]:
    return [
        pipe_cells(line) for line in (DOCS / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines() if line.startswith("|")
    ]


def _table_pages(scan: str) -> tuple[str, list[list[str]], int, float]:
    from directive_parser.ingest import ocr
    from directive_parser.ingest.pdf import open_pdf

    path = Path(scan)
    pdf = open_pdf(path, path.read_bytes())
    rows: list[list[str]] = []
    pages = 0
    t0 = time.perf_counter()
    tmp = Path(f"/tmp/bench-scan-tables-{os.getpid()}")
    tmp.mkdir(exist_ok=True)
    try:
        for n in range(1, len(pdf) + 1):
            r = ocr._render(pdf, n, path, tmp)
            if ocr._find_grids(r) is not None:
                pages += 1
                out = ocr._recognise(r, n, path)
                rows += [pipe_cells(line) for line in out.text.splitlines() if line.startswith("|")]
            Path(r.path).unlink()
    finally:
        pdf.close()
    return scan, rows, pages, time.perf_counter() - t0


def match_rows(truth: list[list[str]], got: list[list[str]]) -> tuple[int, int, int]:
    """(rows matched, cells matched, cells in truth)."""
    from rapidfuzz import fuzz

    used: set[int] = set()
    rows_ok = cells_ok = cells = 0
    for t in truth:
        cells += len(t)
        best, best_k, best_n = -1.0, -1, 0
        for k, g in enumerate(got):
            if k in used or len(g) != len(t):
                continue
            n = sum(1 for a, b in zip(t, g) if fuzz.ratio(a, b) >= 80)
            score = n + sum(fuzz.ratio(a, b) for a, b in zip(t, g)) / 1000
            if score > best:
                best, best_k, best_n = score, k, n
        if best_k >= 0:
            used.add(best_k)
            cells_ok += best_n
            rows_ok += best_n == len(t)
    return rows_ok, cells_ok, cells


def _img2table_pages(scan: str) -> tuple[str, list[list[str]], int, float]:
    """`_table_pages` with img2table: its ruled-table finder and cell OCR (Tesseract `vie`)."""
    import io

    import pypdfium2
    from img2table.document import Image
    from img2table.ocr import TesseractOCR

    ocr = TesseractOCR(n_threads=1, lang="vie")
    pdf = pypdfium2.PdfDocument(scan)
    rows: list[list[str]] = []
    pages = 0
    t0 = time.perf_counter()
    try:
        for n in range(len(pdf)):
            buf = io.BytesIO()
            pdf[n].render(scale=300 / 72, grayscale=True).to_pil().save(buf, format="PNG")
            # detect_rotation: the dev scans are skewed a little, as `scan_tables` deskews them
            page = Image(src=buf.getvalue(), detect_rotation=True)
            if not page.extract_tables(implicit_rows=False, borderless_tables=False):
                continue  # img2table OCRs the whole page: only where it finds a table
            pages += 1
            tables = page.extract_tables(ocr=ocr, implicit_rows=False, borderless_tables=False)
            for table in tables:
                for cells in table.content.values():
                    # a merged cell is repeated over the columns it spans: keep it once, as the
                    # OpenCV grid does (its covered cells are empty)
                    row = [
                        ""
                        if k and (c.bbox.x1, c.bbox.y1) == (cells[k - 1].bbox.x1, cells[k - 1].bbox.y1)
                        else fold(c.value or "")
                        for k, c in enumerate(cells)
                    ]
                    rows.append(row)
    finally:
        pdf.close()
    return scan, rows, pages, time.perf_counter() - t0


def cells_found(truth: list[list[str]], got: list[list[str]]) -> tuple[int, int]:
    """(non-empty source cells that some OCR cell matches at ratio >= 80 anywhere, non-empty
    source cells): cell recall that does not depend on the reader finding the same columns."""
    from rapidfuzz import fuzz, process

    pool = [c for row in got for c in row if c]
    want = [c for row in truth for c in row if c]
    ok = sum(1 for c in want if pool and process.extractOne(c, pool, scorer=fuzz.ratio, score_cutoff=80))
    return ok, len(want)


def run_tables(jobs: int, ids: list[str] | None = None, reader=_table_pages) -> None:
    scans = sorted(str(p) for p in ROUTES.glob("tbl-0*/tbl-0*.scan.pdf"))
    if ids:
        scans = [s for s in scans if Path(s).name.split(".")[0] in ids]
    print(f"{'doc':8} {'pages':>5} {'rows':>5} {'ocr rows':>8} {'rows ok':>7} {'cells ok':>9} {'any place':>9} {'s':>6}")
    tot = [0, 0, 0, 0, 0, 0, 0]
    with ProcessPoolExecutor(jobs) as pool:
        for scan, rows, pages, secs in pool.map(reader, scans):
            doc_id = Path(scan).name.split(".")[0]
            truth = truth_rows(doc_id)
            # the OCR rows include the header row each table page repeats; the source has it once
            r_ok, c_ok, cells = match_rows(truth, rows)
            a_ok, a_cells = cells_found(truth, rows)
            print(
                f"{doc_id:8} {pages:5} {len(truth):5} {len(rows):8} {r_ok:7} {c_ok:4}/{cells:<4} {a_ok:4}/{a_cells:<4} {secs:6.1f}"
            )
            for i, v in enumerate((len(truth), len(rows), r_ok, c_ok, cells, a_ok, a_cells)):
                tot[i] += v
    print(
        f"{'all':8} {'':5} {tot[0]:5} {tot[1]:8} {tot[2]:7} {tot[3]:4}/{tot[4]:<4} {tot[5]:4}/{tot[6]:<4}"
        f"  rows {tot[2] / tot[0]:.1%}, cells {tot[3] / tot[4]:.1%}, cells in any place {tot[5] / max(1, tot[6]):.1%}"
    )


def _words(text: str) -> list[str]:
    return [w for w in fold(text).lower().split() if any(ch.isalnum() for ch in w)]


def word_accuracy(ocr_text: str, source: str) -> tuple[int, int]:
    """(OCR'd words aligned to the source, OCR'd words)."""
    from rapidfuzz import fuzz

    got, src = _words(ocr_text), _words(source)
    sm = difflib.SequenceMatcher(None, src, got, autojunk=False)
    ok = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ok += j2 - j1
        elif tag == "replace":
            ok += sum(1 for a, b in zip(src[i1:i2], got[j1:j2]) if fuzz.ratio(a, b) >= 80)
    return ok, len(got)


def _psm_page(job: tuple[str, int, str]) -> tuple[str, int, str, int, int, float]:
    import pytesseract

    from directive_parser.ingest.pdf import open_pdf

    scan, n, psm = job
    path = Path(scan)
    pdf = open_pdf(path, path.read_bytes())
    try:
        image = pdf[n - 1].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    t0 = time.perf_counter()
    text = pytesseract.image_to_string(image, lang="vie", config=f"--psm {psm}")
    secs = time.perf_counter() - t0
    doc_id = path.name.split(".")[0]
    ok, total = word_accuracy(text, (DOCS / f"{doc_id}.txt").read_text(encoding="utf-8"))
    return doc_id, n, psm, ok, total, secs


def run_psm(pages: int, jobs: int, ids: list[str] | None) -> None:
    scans = sorted(ROUTES.glob("*/*.scan.pdf"))
    if ids:
        scans = [s for s in scans if s.name.split(".")[0] in ids]
    work = [(str(s), n, psm) for s in scans for n in range(1, pages + 1) for psm in ("3", "4", "6")]
    agg: dict[str, list[float]] = {}
    with ProcessPoolExecutor(jobs) as pool:
        for _doc, _n, psm, ok, total, secs in pool.map(_psm_page, work):
            a = agg.setdefault(psm, [0, 0, 0.0, 0])
            a[0] += ok
            a[1] += total
            a[2] += secs
            a[3] += 1
    print(f"{len(scans)} scans x {pages} pages")
    print(f"{'psm':>4} {'words ok':>10} {'accuracy':>9} {'s/page':>7}")
    for psm, (ok, total, secs, n) in sorted(agg.items()):
        print(f"{psm:>4} {int(ok):5}/{int(total):<5} {ok / max(total, 1):9.1%} {secs / n:7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tables", action="store_true")
    ap.add_argument("--psm", action="store_true")
    ap.add_argument("--img2table", action="store_true")
    ap.add_argument("--pages", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ids", nargs="*")
    args = ap.parse_args()
    if args.img2table:
        run_tables(args.jobs, args.ids, _img2table_pages)
        return
    if not (args.tables or args.psm):
        args.tables = args.psm = True
    if args.tables:
        run_tables(args.jobs, args.ids)
    if args.psm:
        run_psm(args.pages, args.jobs, args.ids)


if __name__ == "__main__":
    main()
