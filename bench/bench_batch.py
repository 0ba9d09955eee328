"""Throughput of `batch.parse_many` on the generated archive: docs/s, pages/s, peak RSS per worker.

Runs text PDFs and scans separately, at 1 worker and at N (default: CPU count), with the real
pipeline, and prints one quotable line per run. Wall time includes starting the worker
processes. Peak RSS is each worker process's own maximum (ru_maxrss); Tesseract subprocesses
are not included. Each line also gives the workers' busy share (seconds spent on documents over
wall x workers: what start-up, idling between documents and a long last document cost), their
CPU seconds per document (the same at 1 and N workers when the work does not grow with the
workers), this process's CPU per document (receiving the results: it competes with the workers
when they fill the cores) and the load average before and after, since on a shared machine the other programs'
load, not the batch, is what keeps N workers from N-fold speed; the summary gives the N/1 speed-up.

    .venv/bin/python bench/make_archive.py
    .venv/bin/python bench/bench_batch.py --scans 6          # -> also out/bench-batch.json
    .venv/bin/python bench/bench_batch.py --archive out/bench-distinct --scans 0 --queued 0   # no jobs queued ahead
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from collections import Counter
from pathlib import Path

from directive_parser.batch import BatchStatus, parse_many, parser_version

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT / "out" / "bench-archive"


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # this process: receiving and unpickling results
    return usage.ru_utime + usage.ru_stime


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # reaped workers (the pool is shut down)
    return usage.ru_utime + usage.ru_stime


def run(files: list[Path], workers: int, timeout: float | None) -> dict:
    load_before = os.getloadavg()[0]
    cpu_before, own_before = _children_cpu(), _own_cpu()
    started = time.perf_counter()
    results = list(parse_many(files, workers=workers, timeout=timeout))
    wall = time.perf_counter() - started
    cpu, own = _children_cpu() - cpu_before, _own_cpu() - own_before
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
        "busy_share": round(sum(r.seconds for r in results) / (wall * workers), 3),
        "cpu_ms_per_doc": round(1000 * cpu / max(1, len(results)), 1),
        "parent_cpu_ms_per_doc": round(1000 * own / max(1, len(results)), 1),
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def quote(kind: str, row: dict) -> str:
    return (
        f"{kind}, {row['workers']} worker(s): {row['docs']} docs / {row['pages']} pages in {row['wall_s']:.1f} s"
        f" = {row['docs_per_s']:.2f} docs/s, {row['pages_per_s']:.2f} pages/s"
        f" (mean {row['mean_doc_s']:.2f} s/doc in the worker); failures {row['failures']};"
        f" peak RSS/worker {row['peak_rss_mb_mean']:.0f} MB mean, {row['peak_rss_mb_max']:.0f} MB max;"
        f" busy {100 * row['busy_share']:.0f} %, worker CPU {row['cpu_ms_per_doc']:.0f} ms/doc,"
        f" this process {row['parent_cpu_ms_per_doc']:.1f} ms/doc;"
        f" load {row['load'][0]:.1f} -> {row['load'][1]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N for the parallel runs")
    parser.add_argument("--text", type=int, default=None, help="limit the number of text PDFs")
    parser.add_argument("--scans", type=int, default=None, help="limit the number of scans")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench-batch.json")
    parser.add_argument(
        "--queued", type=int, default=None, help="jobs queued ahead per worker (engines.QUEUED_PER_SLOT; 0: none)"
    )
    args = parser.parse_args()
    if args.queued is not None:
        from directive_parser.batch import engines

        engines.QUEUED_PER_SLOT = args.queued

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
        runs = [r for r in report if r["kind"] == kind]
        if len(runs) == 2:
            print(
                f"{kind}: {runs[1]['workers']} workers / 1 = {runs[1]['pages_per_s'] / runs[0]['pages_per_s']:.2f}x", flush=True
            )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
