#!/usr/bin/env python3
"""Score the blind restorer on cached synthetic dev pages: _cache/synth/<split> -> word accuracy.

usage: .venv/bin/python scripts/eval_restorer.py [--split dev dev_scan] [--errors 30]

Word accuracy as the shared scorecard counts it (exact case, after aligning accent-free
lowercase tokens), pooled over the pages of each split, plus the most frequent wrong outputs
(ocr core, output, expected) for error analysis. Only synthetic pages are read: parameters are
chosen here, never on the test pairs.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
# EVAL_SRC=/path/to/src scores another copy of the package (e.g. with a candidate channel)
sys.path.insert(0, os.environ.get("EVAL_SRC", str(ROOT / "src")))
from directive_parser import restore_diacritics  # noqa: E402

SYNTH = ROOT / "scripts" / "_cache" / "synth"


def _strip(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _toks(t: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", t))


def score(hyp: str, ocr: str, ref: str, errors: Counter) -> tuple[int, int]:
    """Exact word hits and reference word count; wrong (ocr, hyp, ref) triples go to errors."""
    h, r = _toks(hyp), _toks(ref)
    ops = Levenshtein.opcodes([_strip(x).lower() for x in h], [_strip(x).lower() for x in r])
    hit = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for a, b in zip(h[i1:i2], r[j1:j2]):
                hit += a == b
                if a != b:
                    errors[(a, b)] += 1
        else:
            errors[(" ".join(h[i1:i2]), " ".join(r[j1:j2]))] += 1
    return hit, len(r)


def main() -> None:
    """Score each requested split and print accuracy, speed and top errors."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", nargs="+", default=["dev", "dev_scan"])
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="pages per split (0 = all)")
    ap.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="MODULE.NAME=VALUE",
        help="override a constant for tuning, e.g. _channel.FUZZY2_TOP=-2.5",
    )
    a = ap.parse_args()
    for item in a.set:
        name, value = item.split("=", 1)
        mod, const = name.rsplit(".", 1)
        setattr(importlib.import_module(f"directive_parser.{mod}"), const, ast.literal_eval(value))
    restore_diacritics("khởi động")
    for split in a.split:
        pages = sorted((SYNTH / split).glob("*.ocr.txt"))
        if a.limit:
            pages = pages[: a.limit]
        errors: Counter = Counter()
        hit = tot = words = 0
        secs = 0.0
        for p in pages:
            ocr = p.read_text(encoding="utf-8")
            ref = Path(str(p).replace(".ocr.txt", ".clean.txt")).read_text(encoding="utf-8")
            t = time.process_time()  # CPU time of this process: words/s on one core, whatever else runs
            hyp = restore_diacritics(ocr).text
            secs += time.process_time() - t
            words += len(ocr.split())
            h, n = score(hyp, ocr, ref, errors)
            hit, tot = hit + h, tot + n
        raw_hit = sum(
            score(
                p.read_text(encoding="utf-8"),
                "",
                Path(str(p).replace(".ocr.txt", ".clean.txt")).read_text(encoding="utf-8"),
                Counter(),
            )[0]
            for p in pages
        )
        print(
            f"{split:<10} pages={len(pages)} words={tot} raw={raw_hit / max(tot, 1):.4f} "
            f"blind={hit / max(tot, 1):.4f} speed={words / max(secs, 1e-9):,.0f} words/s"
        )
        for (h, r), n in errors.most_common(a.errors):
            print(f"   {n:4d}  {h!r} -> want {r!r}")


if __name__ == "__main__":
    main()
