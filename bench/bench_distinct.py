"""Distinct documents, one core: bare pypdfium2 text extraction against `parse_directive`, and a
profile of the cold-cache path.

The archive is bench/make_distinct_archive.py's: different corpus documents, so no document warms
the caches for the next one the way make_archive.py's variants of one directive do. The files are
split into chunks; each chunk runs in a fresh process pinned to one CPU, which imports the package
and parses one warm-up document (fixtures/ct33.text.pdf: imports done, data files loaded), then for
each of its documents times
  bare   pypdfium2: open the file, every page's text (`get_text_bounded`), as the pipeline reads it;
  parse  `parse_directive(path)` end to end, each document once.
Prints pages/s for both and the ratio parse/bare, in wall time and in CPU time; with --profile, a
fresh process parses the warm-up document and then the first N documents under cProfile and prints
the top 15 by cumulative time.

    .venv/bin/python bench/make_distinct_archive.py
    .venv/bin/python bench/bench_distinct.py [--limit 300] [--chunk 25] [--profile 40] [--cpu 0]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import platform
import pstats
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT / "out" / "bench-distinct" / "text"
WARM_UP = ROOT / "fixtures" / "ct33.text.pdf"


def bare_pdfium(path: Path) -> int:
    """Read every page's text the way `ingest.pdf` does, without tables; returns the page count."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    n = len(pdf)
    for i in range(n):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_bounded()
        textpage.close()
        page.close()
    pdf.close()
    return n


def pin(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


def run_chunk(paths: list[str], cpu: int | None) -> list[tuple[str, int, float, float, str, float, float]]:
    """In a fresh process: warm up on one document, then (path, pages, bare s, parse s, status,
    bare CPU s, parse CPU s) per file. CPU time (this process's) is what other programs' load on a
    shared machine changes least."""
    pin(cpu)
    from directive_parser import parse_directive

    parse_directive(WARM_UP)
    rows = []
    for p in map(Path, paths):
        t0, c0 = time.perf_counter(), time.process_time()
        pages = bare_pdfium(p)
        t1, c1 = time.perf_counter(), time.process_time()
        try:
            status = str(parse_directive(p).status)
        except Exception as e:  # a document the parser refuses still costs its time
            status = type(e).__name__
        rows.append((str(p), pages, t1 - t0, time.perf_counter() - t1, status, c1 - c0, time.process_time() - c1))
    return rows


def profile_cold(paths: list[str], cpu: int | None) -> str:
    """In a fresh process: the warm-up document, then `paths` under cProfile; the top 15 lines."""
    pin(cpu)
    from directive_parser import parse_directive

    parse_directive(WARM_UP)
    prof = cProfile.Profile()
    prof.enable()
    for p in paths:
        with contextlib.suppress(Exception):
            parse_directive(p)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--limit", type=int, default=None, help="first N documents (sorted by name)")
    ap.add_argument("--chunk", type=int, default=25, help="documents per fresh worker process")
    ap.add_argument("--profile", type=int, default=40, help="documents profiled cold (0: no profile)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the workers to (-1: no pinning)")
    a = ap.parse_args()
    cpu = None if a.cpu < 0 else a.cpu
    files = [str(p) for p in sorted(a.archive.glob("*.pdf"))[: a.limit]]
    if not files:
        raise SystemExit(f"no PDFs under {a.archive}; run bench/make_distinct_archive.py first")
    print(f"# Python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    rows = []
    for i in range(0, len(files), a.chunk):  # one fresh process at a time: one core
        with ProcessPoolExecutor(1) as pool:
            rows += pool.submit(run_chunk, files[i : i + a.chunk], cpu).result()
    pages = sum(r[1] for r in rows)
    bare, parse = sum(r[2] for r in rows), sum(r[3] for r in rows)
    failed = [r for r in rows if r[4] not in ("complete", "partial", "failed")]
    print(
        f"distinct text PDFs, one core: {len(rows)} docs / {pages} pages; bare pypdfium2 {pages / bare:.0f} pages/s"
        f" ({1000 * bare / len(rows):.1f} ms/doc); parse_directive {pages / parse:.1f} pages/s"
        f" ({1000 * parse / len(rows):.1f} ms/doc); ratio parse/bare {parse / bare:.1f}x; errors {len(failed)}"
    )
    bare_cpu, parse_cpu = sum(r[5] for r in rows), sum(r[6] for r in rows)
    print(
        f"CPU time: bare pypdfium2 {1000 * bare_cpu / len(rows):.1f} ms/doc; parse_directive"
        f" {1000 * parse_cpu / len(rows):.1f} ms/doc; ratio parse/bare {parse_cpu / bare_cpu:.1f}x"
    )
    slowest = sorted(rows, key=lambda r: r[3] / r[1], reverse=True)[:3]
    print("slowest per page: " + "; ".join(f"{Path(r[0]).stem} {1000 * r[3] / r[1]:.0f} ms/page" for r in slowest))
    if a.profile:
        with ProcessPoolExecutor(1) as pool:
            print(pool.submit(profile_cold, files[: a.profile], cpu).result())


if __name__ == "__main__":
    main()
