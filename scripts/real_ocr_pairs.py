#!/usr/bin/env python3
"""Real English-model OCR damage for the channel: corpus passages -> scans -> `tesseract -l eng` text.

Runs of consecutive corpus lines (training lines only: never the held-out bucket, never a line of
the dev documents in bench/dev/docs) are written as small documents and sent through the dev set's
own renderer, bench/dev/render_routes.py (text-layer PDF, seeded scan damage at 200-300 dpi and
JPEG quality 40-75, Tesseract's English model with --psm 4). The damage is therefore the one real
archives show ("duoc", "ci}a", "Pờ an"), not a simulation of it.

Outputs, resumable (rendered documents are skipped):
    scripts/_cache/real/docs/rNNNN.txt                 clean text
    scripts/_cache/real/routes/rNNNN/rNNNN.eng-ocr.txt OCR text
and scripts/_cache/synth/real_train/rNNNN.{clean,ocr}.txt + .meta.json, the page-pair layout
that scripts/build_channel.py reads (`--split real_train`).

`--dev` makes a dev set of the same real damage instead, from the held-out lines only (never in
the LM nor the channel): scripts/_cache/real_dev/... and the pairs in _cache/synth/real_dev, scored
by `scripts/eval_restorer.py --split real_dev`.

    nice -n 10 .venv/bin/python scripts/real_ocr_pairs.py --docs 120 --jobs 2
    nice -n 10 .venv/bin/python scripts/real_ocr_pairs.py --dev --docs 30 --jobs 1
    .venv/bin/python scripts/real_ocr_pairs.py --stripped   # held-out lines, marks stripped: strip_dev
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synth_ocr_pairs import CORPUS_DIR, is_holdout  # noqa: E402

CACHE = ROOT / "scripts" / "_cache"
DOCS, ROUTES, PAIRS = CACHE / "real" / "docs", CACHE / "real" / "routes", CACHE / "synth" / "real_train"
DEV_DOCS_OUT, DEV_ROUTES, DEV_PAIRS = CACHE / "real_dev" / "docs", CACHE / "real_dev" / "routes", CACHE / "synth" / "real_dev"
HOLDOUT_RUN = 40  # held-out lines of one corpus file, in their order, cut into runs this long
DEV_DOCS = ROOT / "bench" / "dev" / "docs"
SHARED = ROOT.parent / "shared"
RENDERER = ROOT / "bench" / "dev" / "render_routes.py"
WORDS_PER_DOC = (300, 520)  # about one A4 page in the renderer's DejaVu Serif
UPPER_P = 0.06  # share of lines set in capitals, as headings are ("CHỈ THỊ", "QUYẾT ĐỊNH")


def test_lines() -> set[str]:
    """Lines of the shared test texts (seeds, clean sides of the repair pairs), which no page may
    hold: the channel must not learn the OCR damage of the scorecard's own sentences."""
    files = [*SHARED.glob("seeds/*.txt"), *SHARED.glob("repair_pairs/*.clean.txt")]
    return {ln.strip() for p in files for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()}


def corpus_runs(holdout: bool = False) -> list[list[str]]:
    """Corpus documents as runs of usable lines, dev-document lines dropped: training lines only, or
    with `holdout` the held-out lines only (each file's, in order, in runs of HOLDOUT_RUN)."""
    dev = {ln.strip() for p in DEV_DOCS.glob("*.txt") for ln in p.read_text(encoding="utf-8").splitlines()}
    dev |= test_lines()
    runs: list[list[str]] = []
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        run: list[str] = []
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for ln in fh:
                ln = ln.strip()
                if holdout:
                    if ln and is_holdout(ln) and ln not in dev and "|" not in ln and len(ln.split()) >= 4:
                        run.append(ln)
                    if len(run) >= HOLDOUT_RUN:
                        runs.append(run)
                        run = []
                    continue
                if not ln or is_holdout(ln) or ln in dev or "|" in ln:
                    if len(run) >= 8:
                        runs.append(run)
                    run = []
                    continue
                run.append(ln)
        if len(run) >= 8:
            runs.append(run)
    return runs


def make_doc(idx: int, runs: list[list[str]], seed: int, docs: Path = DOCS) -> Path:
    """Write clean document idx (a stretch of one corpus run) into folder docs: -> its path."""
    path = docs / f"r{idx:04d}.txt"
    if path.exists():
        return path
    rng = random.Random(f"{seed}-real-{idx}")
    run = rng.choice(runs)
    start = rng.randrange(max(1, len(run) - 8))
    want = rng.randint(*WORDS_PER_DOC)
    lines, words = [], 0
    for ln in run[start:]:
        if words >= want:
            break
        lines.append(ln.upper() if rng.random() < UPPER_P and len(ln.split()) <= 14 else ln)
        words += len(ln.split())
    docs.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


STRIP_PAGES, STRIP_LINES = 30, 100  # --stripped: pages of held-out lines, lines per page
STRIP_SEED = 5


def strip_marks(text: str) -> str:
    """Drop every Vietnamese mark, keeping the case: 'Điều 5. Bộ Tư pháp' -> 'Dieu 5. Bo Tu phap'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))


def write_stripped_dev() -> None:
    """A dev set for the LM side of the restorer, no OCR needed: held-out corpus lines (never in the LM nor the
    channel, no test line) with their marks stripped, shuffled into pages: _cache/synth/strip_dev, scored by
    `scripts/eval_restorer.py --split strip_dev`. Lines come from many documents, so a page has no one style."""
    bad = test_lines()
    lines = []
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for ln in fh:
                ln = ln.strip()
                if ln and is_holdout(ln) and ln not in bad and "|" not in ln and 6 <= len(ln.split()) <= 80:
                    lines.append(ln)
    random.Random(STRIP_SEED).shuffle(lines)
    out = CACHE / "synth" / "strip_dev"
    out.mkdir(parents=True, exist_ok=True)
    for k in range(STRIP_PAGES):
        page = lines[k * STRIP_LINES : (k + 1) * STRIP_LINES]
        (out / f"s{k:03d}.clean.txt").write_text("\n".join(page) + "\n", encoding="utf-8")
        (out / f"s{k:03d}.ocr.txt").write_text("\n".join(map(strip_marks, page)) + "\n", encoding="utf-8")


def main() -> None:
    """Make the documents, render and OCR them, and export page pairs for build_channel.py."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=120, help="number of documents to have in the cache")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--dev", action="store_true", help="a dev set from the held-out lines (never trained on)")
    ap.add_argument("--stripped", action="store_true", help="only write the stripped-marks dev set (strip_dev)")
    a = ap.parse_args()
    if a.stripped:
        write_stripped_dev()
        return
    docs, routes, pairs = (DEV_DOCS_OUT, DEV_ROUTES, DEV_PAIRS) if a.dev else (DOCS, ROUTES, PAIRS)
    runs = corpus_runs(a.dev) if a.docs else []
    ids = [make_doc(i, runs, a.seed, docs).stem for i in range(a.docs)]
    todo = [i for i in ids if not (routes / i / f"{i}.eng-ocr.txt").exists()]
    if todo:
        cmd = [sys.executable, str(RENDERER), "--docs", str(docs), "--out", str(routes)]
        cmd += ["--routes", "text.pdf,scan.pdf,eng-ocr.txt", "--jobs", str(a.jobs), "--ids", *todo]
        subprocess.run(cmd, check=True)
    pairs.mkdir(parents=True, exist_ok=True)
    for i in sorted(p.stem for p in docs.glob("*.txt")):  # every rendered document, also of earlier runs
        ocr = routes / i / f"{i}.eng-ocr.txt"
        if ocr.exists():
            (pairs / f"{i}.clean.txt").write_text((docs / f"{i}.txt").read_text(encoding="utf-8"), encoding="utf-8")
            (pairs / f"{i}.ocr.txt").write_text(ocr.read_text(encoding="utf-8"), encoding="utf-8")
            (pairs / f"{i}.meta.json").write_text(json.dumps({"profile": "render_routes", "id": i}))
    print(f"{len(ids)} documents, {len(todo)} rendered now", file=sys.stderr)


if __name__ == "__main__":
    main()
