#!/usr/bin/env python3
"""Benchmark OCR repair: speed on a 10-page directive, accuracy on synthetic English-model damage.

usage: .venv/bin/python bench/bench_repair.py [--docs N] [--no-blind]

1. Speed: the real ct33 pair (shared/repair_pairs) repeated to about 40,000 characters (10 pages),
   repaired against its clean text; also blind repair words/s when `restore_diacritics` works.
2. Accuracy: clean corpus documents (shared/corpus) damaged the way Tesseract's English model
   damages Vietnamese (`damage`), repaired against the clean text; and `assess_damage` on clean,
   damaged and stripped text. This is what the thresholds in repair.py were tuned on; the repair
   pairs are the test and only measured.
Prints one line per figure, suitable for quoting.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import time
import unicodedata
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SHARED / "tools"))

from repair_score import accuracy  # noqa: E402

from directive_parser import repair_text  # noqa: E402
from directive_parser.repair.damage import assess_damage, vietnamese_share  # noqa: E402

# What the English model makes of Vietnamese letters (base letter after tone removal), with
# weights; seen in Tesseract eng output of directives.
_CONFUSIONS = {
    "ơ": [("o", 8), ("d", 1), ("6", 1)],
    "ư": [("u", 8), ("w", 1), ("tr", 1)],
    "ô": [("o", 7), ("6", 2), ("é", 1)],
    "ê": [("é", 6), ("e", 3), ("¢", 1)],
    "â": [("a", 8), ("4", 1), ("A", 1)],
    "ă": [("a", 9), ("4", 1)],
    "đ": [("d", 1)],
    "Đ": [("D", 4), ("P", 1)],
}
_TONED = {
    "ủ": [("ti", 2), ("i", 1), ("u", 3), ("ii", 1)],
    "ộ": [("6", 2), ("9", 1), ("o", 3)],
    "ố": [("6", 2), ("é", 1), ("o", 3)],
    "ệ": [("é", 3), ("¢", 1)],
    "ữ": [("it", 1), ("ir", 1), ("u", 2)],
}


def _choose(rng: random.Random, options: list[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def damage(text: str, seed: int = 0, width: int = 78) -> str:
    """English-model-like damage: marks lost or garbled, "1" for "l", splits, re-wrapped lines."""
    rng = random.Random(seed)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TONED and rng.random() < 0.5:
            out.append(_choose(rng, _TONED[ch]))
            continue
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in "\u0300\u0301\u0303\u0309\u0323"))
        if base in _CONFUSIONS:
            out.append(_choose(rng, _CONFUSIONS[base]))
        elif nfd != base and base in "ae" and rng.random() < 0.3:
            out.append(base + "\u0301")  # a stray acute: "tién", "viéc"
        else:
            out.append(unicodedata.normalize("NFC", base))
    words = "".join(out).replace(" là ", " 1a ").replace(" la ", " 1a ").split(" ")
    words = [w[:2] + " " + w[2:] if len(w) > 5 and rng.random() < 0.02 else w for w in words]
    return _rewrap(" ".join(unicodedata.normalize("NFC", w) for w in words), width)


def _rewrap(text: str, width: int) -> str:
    lines = []
    for para in text.split("\n"):
        line = ""
        for w in para.split(" "):
            if line and len(line) + len(w) + 1 > width:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
    return "\n".join(lines)


def corpus_docs(n: int, seed: int = 7) -> list[str]:
    """n chunks of about 40 paragraphs from the clean corpus (first 3,000 lines of each file)."""
    docs = []
    for f in sorted((SHARED / "corpus").glob("*.txt.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            lines = [next(fh, "") for _ in range(3000)]
        docs += ["".join(lines[i : i + 40]) for i in range(0, len(lines) - 40, 40)]
    return random.Random(seed).sample(docs, n)


def bench_speed(blind: bool) -> None:
    ocr = (SHARED / "repair_pairs" / "ct33_real.ocr.txt").read_text(encoding="utf-8")
    clean = (SHARED / "repair_pairs" / "ct33_real.clean.txt").read_text(encoding="utf-8")
    reps = max(1, round(40_000 / len(ocr)))
    ocr10, clean10 = "\n\n".join([ocr] * reps), "\n\n".join([clean] * reps)
    words = len(ocr10.split())
    t = time.perf_counter()
    result = repair_text(ocr10, clean10)
    secs = time.perf_counter() - t
    print(
        f"reference repair, ct33 x{reps} ({len(ocr10):,} chars, {words:,} words): {secs:.3f} s, "
        f"{words / secs:,.0f} words/s, accuracy {accuracy(result.text, clean10)[0]:.4f}"
    )
    if not blind:
        return
    try:
        from directive_parser import restore_diacritics

        t = time.perf_counter()
        restore_diacritics("Thu tuéng Chinh phi")  # loads the language model and channel, once per process
        load = time.perf_counter() - t
        t = time.perf_counter()
        restore_diacritics(ocr)
        secs = time.perf_counter() - t
        print(
            f"blind repair, ct33 ({len(ocr.split()):,} words): {secs:.3f} s, {len(ocr.split()) / secs:,.0f} words/s"
            f" (model load {load:.2f} s, once per process, not included)"
        )
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not stop
        print(f"blind repair not available: {type(e).__name__}: {e}")


def bench_blind_fresh() -> None:
    """Blind repair words/s on real eng-OCR texts new to the process's caches (the dev set's
    out/dev-routes/<id>/<id>.eng-ocr.txt), CPU time of this process, then again with warm caches."""
    from directive_parser import restore_diacritics

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "out" / "dev-routes").glob("*/*.eng-ocr.txt"))]
    if not texts:
        print("blind repair on fresh texts: no out/dev-routes/*/*.eng-ocr.txt (run bench/dev/render_routes.py)")
        return
    words = sum(len(t.split()) for t in texts)
    for label in ("new to the caches", "warm caches"):
        t = time.process_time()
        for text in texts:
            restore_diacritics(text)
        secs = time.process_time() - t
        print(
            f"blind repair, {len(texts)} dev eng-OCR docs ({words:,} words), {label}: {secs:.2f} s CPU, {words / secs:,.0f} words/s"
        )


def bench_synthetic(n: int) -> None:
    docs = corpus_docs(n)
    accs, raws, secs = [], [], 0.0
    for k, doc in enumerate(docs):
        ocr = damage(doc, seed=k)
        t = time.perf_counter()
        out = repair_text(ocr, doc).text
        secs += time.perf_counter() - t
        accs.append(accuracy(out, doc)[0])
        raws.append(accuracy(ocr, doc)[0])
    print(
        f"synthetic damage, {n} corpus docs: raw {statistics.mean(raws):.4f} -> reference repair "
        f"mean {statistics.mean(accs):.4f}, min {min(accs):.4f} ({secs:.2f} s total)"
    )
    half = [repair_text(damage(d, seed=k), d[: len(d) // 2]) for k, d in enumerate(docs[:10])]
    print(
        f"reference covering the first half only: coverage mean "
        f"{statistics.mean(r.reference_coverage for r in half):.3f} (expect about 0.5)"
    )
    clean = [assess_damage(d) for d in docs]
    damaged = [assess_damage(damage(d, seed=k)) for k, d in enumerate(docs)]
    print(
        f"assess_damage: clean max {max(clean):.3f} median {statistics.median(clean):.3f}; "
        f"damaged min {min(damaged):.3f} median {statistics.median(damaged):.3f}; "
        f"vietnamese_share clean median {statistics.median(vietnamese_share(d) for d in docs):.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--no-blind", action="store_true")
    a = ap.parse_args()
    bench_speed(blind=not a.no_blind)
    if not a.no_blind:
        bench_blind_fresh()
    bench_synthetic(a.docs)


if __name__ == "__main__":
    main()
