"""Where the gazetteer's scans come from on distinct documents, and how much of their text is new.

Parses the first N documents of the distinct archive (bench/make_distinct_archive.py) after one
warm-up document, with `Gazetteer.scan` wrapped: for each call site (the first three callers
outside the gazetteer) the calls, the scans that missed the scan cache and their CPU time. Each
missed scan is then classed by its text against the 16 texts scanned before it: `window` (a
substring of one of them: a subject's window, the rest of a sentence after its lead-in), `shares
start` (the two begin alike for 16 characters or more: a unit and the unit run on), `fresh` (none
of these: text read for the first time). Only the fresh characters must be scanned at all; the rest
is the same sentence read again by another caller or over another window, the share a structural
change of the callers (one scan per sentence, windows sliced from it) could save.

    .venv/bin/python bench/bench_scan_sources.py [--limit 100] [--top 15]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "out" / "bench-distinct" / "text"
WARM_UP = ROOT / "fixtures" / "ct33.text.pdf"
RECENT = 16
SHARED_START = 16


def _site(frame) -> str:
    names = []
    while frame is not None and len(names) < 3:
        name = frame.f_code.co_filename
        if "/bodies/" not in name:
            names.append(f"{Path(name).stem}.{frame.f_code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()

    from directive_parser import parse_directive
    from directive_parser.extract.bodies import gazetteer as gz

    parse_directive(WARM_UP)
    calls: collections.Counter[str] = collections.Counter()
    misses: collections.Counter[str] = collections.Counter()
    cpu: collections.Counter[str] = collections.Counter()
    missed: list[str] = []
    scan = gz.Gazetteer.scan

    def wrapped(self, text: str, bare: bool):
        site = _site(sys._getframe(1))
        before = self._scans.cache_info().misses
        t0 = time.process_time()
        found = scan(self, text, bare)
        cpu[site] += time.process_time() - t0
        calls[site] += 1
        if self._scans.cache_info().misses > before:
            misses[site] += 1
            missed.append(text)
        return found

    gz.Gazetteer.scan = wrapped  # type: ignore[method-assign]
    files = sorted(ARCHIVE.glob("*.pdf"))[: args.limit]
    t0 = time.process_time()
    for p in files:
        with contextlib.suppress(Exception):
            parse_directive(p)
    total = time.process_time() - t0
    gz.Gazetteer.scan = scan  # type: ignore[method-assign]

    spent = sum(cpu.values())
    print(
        f"{len(files)} documents: parse {1000 * total / len(files):.1f} ms/doc CPU, gazetteer scans {1000 * spent / len(files):.1f} ms/doc ({100 * spent / total:.0f}%)"
    )
    print(f"{sum(calls.values())} scans, {sum(misses.values())} missed the cache; by call site (CPU s, calls, misses):")
    for site, t in cpu.most_common(args.top):
        print(f"  {t:6.2f} {calls[site]:7d} {misses[site]:7d}  {site}")

    recent: collections.deque[str] = collections.deque(maxlen=RECENT)
    kinds: collections.Counter[str] = collections.Counter()
    chars: collections.Counter[str] = collections.Counter()
    for text in missed:
        kind = "fresh"
        for seen in recent:
            if text in seen:
                kind = "window"
                break
            if seen[:SHARED_START] == text[:SHARED_START] and len(text) >= SHARED_START:
                kind = "shares start"
        kinds[kind] += 1
        chars[kind] += len(text)
        if not recent or recent[-1] != text:
            recent.append(text)
    every = sum(chars.values()) or 1
    print("missed scans by their text against the last 16 scanned (scans, characters):")
    for kind in ("fresh", "window", "shares start"):
        print(f"  {kind:13s} {kinds[kind]:7d} {chars[kind]:10,d} ({100 * chars[kind] / every:.0f}% of the characters)")


if __name__ == "__main__":
    main()
