"""Throughput of `batch.parse_many` on the generated archive: docs/s, pages/s, peak RSS per worker.

Runs text PDFs and scans separately, at 1 worker and at N (default: CPU count), with the real
pipeline, and prints one quotable line per run. Wall time includes starting the worker
processes. Peak RSS is each worker process's own maximum (ru_maxrss); Tesseract subprocesses
are not included.

    .venv/bin/python bench/make_archive.py
    .venv/bin/python bench/bench_batch.py --scans 6          # -> also out/bench-batch.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path

from directive_parser.batch import BatchStatus, parse_many, parser_version

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT / "out" / "bench-archive"


def run(files: list[Path], workers: int, timeout: float | None) -> dict:
    started = time.perf_counter()
    results = list(parse_many(files, workers=workers, timeout=timeout))
    wall = time.perf_counter() - started
    peaks: dict[str, float] = {}
    for r in results:
        if r.worker and r.peak_rss_mb:
            peaks[r.worker] = max(peaks.get(r.worker, 0.0), r.peak_rss_mb)
    statuses = Counter(str(r.status) for r in results)
    pages = sum(r.pages for r in results)
    return {
        "workers": workers,
        "docs": len(results),
        "pages": pages,
        "wall_s": round(wall, 2),
        "docs_per_s": round(len(results) / wall, 3),
        "pages_per_s": round(pages / wall, 3),
        "statuses": dict(statuses),
        "failures": statuses[BatchStatus.failed] + statuses[BatchStatus.timeout],
        "mean_doc_s": round(sum(r.seconds for r in results) / max(1, len(results)), 3),
        "peak_rss_mb_max": round(max(peaks.values(), default=0.0), 1),
        "peak_rss_mb_mean": round(sum(peaks.values()) / max(1, len(peaks)), 1),
    }


def quote(kind: str, row: dict) -> str:
    return (
        f"{kind}, {row['workers']} worker(s): {row['docs']} docs / {row['pages']} pages in {row['wall_s']:.1f} s"
        f" = {row['docs_per_s']:.2f} docs/s, {row['pages_per_s']:.2f} pages/s"
        f" (mean {row['mean_doc_s']:.2f} s/doc in the worker); failures {row['failures']};"
        f" peak RSS/worker {row['peak_rss_mb_mean']:.0f} MB mean, {row['peak_rss_mb_max']:.0f} MB max"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N for the parallel runs")
    parser.add_argument("--text", type=int, default=None, help="limit the number of text PDFs")
    parser.add_argument("--scans", type=int, default=None, help="limit the number of scans")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench-batch.json")
    args = parser.parse_args()

    sets = {
        "text PDFs": sorted((args.archive / "text").glob("*.pdf"))[: args.text],
        "scans": sorted((args.archive / "scan").glob("*.pdf"))[: args.scans],
    }
    if not any(sets.values()):
        raise SystemExit(f"no documents under {args.archive}; run bench/make_archive.py first")
    print(f"# directive-parser {parser_version()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    report = []
    for kind, files in sets.items():
        for workers in sorted({1, args.workers}):
            if not files:
                continue
            row = run(files, workers, args.timeout) | {"kind": kind}
            report.append(row)
            print(quote(kind, row), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
