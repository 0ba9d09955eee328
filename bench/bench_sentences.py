"""Our sentence splitter (text/sentences.py) against underthesea's `sent_tokenize`: agreement and speed.

Takes a seeded sample of corpus paragraphs (and of whole clause-sized runs of paragraphs, which is
what the parser splits), maps underthesea's sentences back to offsets the way the parser used to
(extract/sentences.py before issue 15: one regex per sentence), and counts the paragraphs whose
sentence ranges agree exactly. Prints the disagreements, the time of each, and the import cost of
underthesea (whole package: importing a submodule runs the package's __init__ too).

    .venv/bin/python bench/bench_sentences.py [--paragraphs 3000] [--show 10]
"""

from __future__ import annotations

import argparse
import gzip
import random
import subprocess
import sys
import time
from pathlib import Path

from directive_parser.text.sentences import sentence_spans, underthesea_spans

CORPUS = Path("/work/shared/corpus")
SOURCES = (
    "01_congbao_hrmaster1982-phapluat-8chude.txt.gz",
    "02_vanban_diepxuan-docs.txt.gz",
    "04a_web_official-doc-texts_tnt305.txt.gz",
)


def sample(n: int, seed: int) -> list[str]:
    """`n` paragraphs with a sentence mark in them, and n/4 runs of 2-8 consecutive paragraphs."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    for name in SOURCES:
        with gzip.open(CORPUS / name, "rt", encoding="utf-8") as fh:
            paragraphs += [line for line in fh.read().splitlines() if any(c in line for c in ".?!")]
    picked = rng.sample(paragraphs, n)
    for _ in range(n // 4):
        i = rng.randrange(len(paragraphs) - 8)
        picked.append("\n".join(paragraphs[i : i + rng.randint(2, 8)]))
    return picked


def import_seconds(statement: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    texts = sample(a.paragraphs, a.seed)
    underthesea_spans("Khởi động.")  # import outside the timing
    t0 = time.perf_counter()
    theirs = [underthesea_spans(t) for t in texts]
    t1 = time.perf_counter()
    ours = [sentence_spans(t) for t in texts]
    t2 = time.perf_counter()
    differ = [(t, u, o) for t, u, o in zip(texts, theirs, ours) if u != o]
    sentences = sum(len(u) for u in theirs)
    print(
        f"sentence splits agree on {len(texts) - len(differ)}/{len(texts)} texts"
        f" ({100 * (1 - len(differ) / len(texts)):.2f}%; {sentences} underthesea sentences);"
        f" underthesea + regex mapping {1000 * (t1 - t0):.0f} ms, ours {1000 * (t2 - t1):.0f} ms"
    )
    base = import_seconds("pass")
    print(
        f"import: underthesea.pipeline.sent_tokenize +{import_seconds('import underthesea.pipeline.sent_tokenize') - base:.3f} s,"
        f" directive_parser.text.sentences +{import_seconds('import directive_parser.text.sentences') - base:.3f} s"
    )
    for t, u, o in differ[: a.show]:
        print("  underthesea:", [t[s:e] for s, e in u])
        print("  ours:       ", [t[s:e] for s, e in o])


if __name__ == "__main__":
    main()
