#!/usr/bin/env python3
"""Benchmark the body gazetteer: build time, and `find_bodies` / `split_bodies` speed on distinct text.

usage: .venv/bin/python bench/bench_gazetteer.py [--paragraphs N] [--repeat R] [--profile]

The paragraphs are distinct lines of the corpus's administrative documents (shared/corpus files 02
and 04a) that name bodies ("Bộ", "Ủy ban", "chủ trì", …), sampled with a fixed seed, so no cache
hits across paragraphs. Also counts the bodies found in clean text (false positives of OCR-tolerant
matching would make this grow). Prints one line per figure, suitable for quoting.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import pstats
import random
import re
import time
from pathlib import Path

from directive_parser import resources
from directive_parser.extract.bodies import gazetteer as gz

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FILES = ("02_vanban_diepxuan-docs.txt.gz", "04a_web_official-doc-texts_tnt305.txt.gz")
BODYISH = re.compile(r"\b(?:Bộ|Ủy ban|Uỷ ban|UBND|Sở|chủ trì|phối hợp|Giao|Văn phòng)\b")


def paragraphs(n: int, seed: int = 0) -> list[str]:
    """`n` distinct corpus paragraphs that name bodies, 40–1,500 characters each."""
    seen: set[str] = set()
    pool = []
    for name in FILES:
        with gzip.open(CORPUS / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if 40 <= len(line) <= 1500 and line not in seen and BODYISH.search(line):
                    seen.add(line)
                    pool.append(line)
    return random.Random(seed).sample(pool, min(n, len(pool)))


def cold() -> None:
    """Forget the scans the gazetteer keeps, so that a repeat measures scanning, not its cache."""
    gaz = gz.load_gazetteer()
    for cache in (getattr(gaz, "_scans", None), getattr(gz, "_tokens", None)):
        if cache is not None:
            cache.cache_clear()


def build_time(repeat: int) -> float:
    tsv = resources.read_text(resources.BODIES)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        gaz = gz.Gazetteer(tsv)
        gaz.lookup("Bộ Công an")  # a lazy build must pay here, not hide
        gz.find_bodies  # noqa: B018
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraphs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    paras = paragraphs(args.paragraphs)
    chars = sum(map(len, paras))
    print(f"gazetteer build (best of {args.repeat}): {build_time(args.repeat) * 1000:.1f} ms")
    gz.load_gazetteer()
    for label, fn in (("find_bodies", gz.find_bodies), ("split_bodies", gz.split_bodies)):
        best = float("inf")
        for _ in range(args.repeat):
            cold()
            t0 = time.perf_counter()
            for p in paras:
                fn(p)
            best = min(best, time.perf_counter() - t0)
        print(
            f"{label}: {len(paras)} paragraphs, {chars} chars: {len(paras) / best:,.0f} paragraphs/s, {chars / best:,.0f} chars/s"
        )
    found = [m for p in paras for m in gz.find_bodies(p)]
    print(f"bodies found in clean text: {len(found)} ({len({m.body.name for m in found})} distinct names)")
    if hasattr(gz.Gazetteer, "_folded"):  # the same without the mark-folded trie: must not be fewer
        folded = gz.Gazetteer._folded
        gz.Gazetteer._folded = lambda *a, **k: None  # type: ignore[method-assign]
        cold()
        exact = [m for p in paras for m in gz.find_bodies(p)]
        gz.Gazetteer._folded = folded  # type: ignore[method-assign]
        cold()
        extra = sorted({(m.start, m.end, m.body.name) for m in found} - {(m.start, m.end, m.body.name) for m in exact})
        print(f"bodies found in clean text without the folded trie: {len(exact)}; found only with it: {len(extra)}")
    if args.profile:
        cold()
        prof = cProfile.Profile()
        prof.enable()
        for p in paras:
            gz.find_bodies(p)
            gz.split_bodies(p)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
