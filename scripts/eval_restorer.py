#!/usr/bin/env python3
"""Score the blind restorer on cached synthetic dev pages: _cache/synth/<split> -> word accuracy.

usage: .venv/bin/python scripts/eval_restorer.py [--split dev dev_scan real_a real_b real_dev] [--errors 30] [--kinds 20]

Word accuracy as the shared scorecard counts it (exact case, after aligning accent-free
lowercase tokens), pooled over the pages of each split, plus the most frequent wrong outputs
(ocr core, output, expected) for error analysis. Only synthetic pages and the repo's dev
documents are read: parameters are chosen here, never on the test pairs.

Splits "real", "real_a", "real_b": REAL English-model damage, the dev documents
(bench/dev/docs/<id>.txt) rendered to scans and OCR'd with `tesseract -l eng` by
bench/dev/render_routes.py (out/dev-routes/<id>/<id>.eng-ocr.txt); real_a and real_b are the two
halves by md5 of the id (real_a may feed the channel, see scripts/real_ocr_pairs.py; real_b never does).
Other sessions re-render out/dev-routes while one measures; `--freeze` copies the real_a and real_b pairs as
they are into _cache/synth/real_a_snap and real_b_snap, scored as fixed splits ("--split real_b_snap").
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
# EVAL_SRC=/path/to/src scores another copy of the package (e.g. with a candidate channel)
sys.path.insert(0, os.environ.get("EVAL_SRC", str(ROOT / "src")))
from directive_parser import restore_diacritics  # noqa: E402

SYNTH = ROOT / "scripts" / "_cache" / "synth"
ROUTES = ROOT / "out" / "dev-routes"
DEV_DOCS = ROOT / "bench" / "dev" / "docs"


def real_half(doc_id: str) -> str:
    """Which half of the real dev set a document belongs to: id -> 'real_a' or 'real_b'."""
    return "real_a" if int(hashlib.md5(doc_id.encode()).hexdigest()[:8], 16) % 2 == 0 else "real_b"


def split_pairs(split: str) -> list[tuple[Path, Path]]:
    """(ocr, clean) files of one split: synthetic pages, or the real eng-OCR dev documents."""
    if split in ("real", "real_a", "real_b"):
        out = []
        for ocr in sorted(ROUTES.glob("*/*.eng-ocr.txt")):
            doc_id = ocr.parent.name
            clean = DEV_DOCS / f"{doc_id}.txt"
            if clean.exists() and split in ("real", real_half(doc_id)):
                out.append((ocr, clean))
        return out
    return [(p, Path(str(p).replace(".ocr.txt", ".clean.txt"))) for p in sorted((SYNTH / split).glob("*.ocr.txt"))]


def freeze_real() -> None:
    """Copy the real_a and real_b pairs into _cache/synth/<split>_snap, a fixed dev set while out/dev-routes changes."""
    for split in ("real_a", "real_b"):
        folder = SYNTH / f"{split}_snap"
        folder.mkdir(parents=True, exist_ok=True)
        for ocr, clean in split_pairs(split):
            (folder / f"{ocr.parent.name}.ocr.txt").write_text(ocr.read_text(encoding="utf-8"), encoding="utf-8")
            (folder / f"{ocr.parent.name}.clean.txt").write_text(clean.read_text(encoding="utf-8"), encoding="utf-8")


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


def error_kinds(hyp: str, ocr: str, ref: str, kinds: Counter, examples: dict[str, Counter]) -> None:
    """Count the wrong words of one page by kind: casing (right letters, wrong case), split/merged
    (token counts differ), no-candidate (the channel never proposed the right syllable), ranking."""
    from directive_parser.repair.channel import candidates_for

    h, r, o = _toks(hyp), _toks(ref), _toks(ocr)
    to_ocr: dict[int, str] = {}
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes([_strip(x).lower() for x in h], [_strip(x).lower() for x in o]):
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            to_ocr.update(zip(range(i1, i2), o[j1:j2]))
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes([_strip(x).lower() for x in h], [_strip(x).lower() for x in r]):
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, b in zip(range(i1, i2), r[j1:j2]):
                a = h[i]
                if a == b:
                    continue
                src = to_ocr.get(i, "")
                if a.lower() == b.lower():
                    kind = "casing"
                elif src and b.lower() not in {c.word for c in candidates_for(src.lower())}:
                    kind = "no-candidate"
                else:
                    kind = "ranking"
                kinds[kind] += 1
                examples[kind][(src, a, b)] += 1
        else:
            kinds["split/merged"] += j2 - j1
            examples["split/merged"][(" ".join(o[max(0, j1 - 1) : j2 + 1]), " ".join(h[i1:i2]), " ".join(r[j1:j2]))] += 1


def main() -> None:
    """Score each requested split and print accuracy, speed and top errors."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", nargs="+", default=["dev", "dev_scan"])
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--kinds", type=int, default=-1, help="error counts by kind, with this many examples each")
    ap.add_argument("--limit", type=int, default=0, help="pages per split (0 = all)")
    ap.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="MODULE.NAME=VALUE",
        help="override a constant for tuning, e.g. _channel.FUZZY2_TOP=-2.5",
    )
    ap.add_argument("--freeze", action="store_true", help="copy real_a/real_b as they are to <split>_snap first")
    a = ap.parse_args()
    if a.freeze:
        freeze_real()
    for item in a.set:
        name, value = item.split("=", 1)
        mod, const = name.rsplit(".", 1)
        setattr(importlib.import_module(f"directive_parser.{mod}"), const, ast.literal_eval(value))
    restore_diacritics("khởi động")
    for split in a.split:
        pages = split_pairs(split)
        if a.limit:
            pages = pages[: a.limit]
        errors: Counter = Counter()
        kinds: Counter = Counter()
        examples: dict[str, Counter] = defaultdict(Counter)
        hit = tot = words = 0
        secs = 0.0
        for p, c in pages:
            ocr = p.read_text(encoding="utf-8")
            ref = c.read_text(encoding="utf-8")
            t = time.process_time()  # CPU time of this process: words/s on one core, whatever else runs
            hyp = restore_diacritics(ocr).text
            secs += time.process_time() - t
            words += len(ocr.split())
            h, n = score(hyp, ocr, ref, errors)
            hit, tot = hit + h, tot + n
            if a.kinds >= 0:
                error_kinds(hyp, ocr, ref, kinds, examples)
        raw_hit = sum(score(p.read_text(encoding="utf-8"), "", c.read_text(encoding="utf-8"), Counter())[0] for p, c in pages)
        print(
            f"{split:<10} pages={len(pages)} words={tot} raw={raw_hit / max(tot, 1):.4f} "
            f"blind={hit / max(tot, 1):.4f} speed={words / max(secs, 1e-9):,.0f} words/s"
        )
        for (h, r), n in errors.most_common(a.errors):
            print(f"   {n:4d}  {h!r} -> want {r!r}")
        if a.kinds >= 0:
            print("   kinds: " + " ".join(f"{k}={n}" for k, n in kinds.most_common()))
            for k, ex in examples.items():
                for (src, h, r), n in ex.most_common(a.kinds):
                    print(f"   {k:<12} {n:3d}  {src!r} -> {h!r} want {r!r}")


if __name__ == "__main__":
    main()
