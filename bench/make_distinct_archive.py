"""Build an archive of DISTINCT text PDFs from the corpus, for bench_distinct.py and bench_batch.py.

bench/make_archive.py varies one directive, so the parser's caches hit across its documents; real
archives hold different texts. This takes a seeded sample of the corpus's documents of 2,000 to
40,000 characters (about 1 to 15 pages; the Pháp điển topic files are far longer and left out) and
typesets each one with the dev set's renderer (bench/dev/render_routes.py: header block, justified
paragraphs, page numbers), imported, not copied.

    .venv/bin/python bench/make_distinct_archive.py                 # -> out/bench-distinct/text/
    .venv/bin/python bench/make_distinct_archive.py --count 300 --seed 15 --jobs 2

The output folder sits under /out/, which .gitignore excludes.
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "dev"))
import render_routes  # noqa: E402  (the dev set's typesetting)

CORPUS = Path("/work/shared/corpus")
SOURCES = (
    "01_congbao_hrmaster1982-phapluat-8chude.txt.gz",
    "02_vanban_diepxuan-docs.txt.gz",
    "04a_web_official-doc-texts_tnt305.txt.gz",
)
DEFAULT_OUT = ROOT / "out" / "bench-distinct"
MIN_CHARS, MAX_CHARS = 2_000, 40_000


def corpus_documents() -> list[tuple[str, str]]:
    """(id, text) of every corpus document of a bench-friendly length, in corpus order."""
    out = []
    for name in SOURCES:
        with gzip.open(CORPUS / name, "rt", encoding="utf-8") as fh:
            docs = fh.read().split("\n\n")
        prefix = name.split("_", 1)[0]
        out += [(f"{prefix}-{i:04d}", d) for i, d in enumerate(docs) if MIN_CHARS <= len(d) <= MAX_CHARS]
    return out


def render(doc_id: str, text: str, folder: str) -> tuple[str, int]:
    """Typeset one document; returns its id and page count."""
    blocks = render_routes.parse_doc(text, doc_id)
    return doc_id, render_routes.write_text_pdf(blocks, Path(folder) / f"{doc_id}.pdf", doc_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--count", type=int, default=300, help="documents to render")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()

    docs = corpus_documents()
    chosen = random.Random(args.seed).sample(docs, min(args.count, len(docs)))
    folder = args.out / "text"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(render, *zip(*chosen), [str(folder)] * len(chosen)))
    pages = sum(n for _, n in results)
    print(
        f"{len(results)} distinct documents ({pages} pages) from {len(docs)} corpus candidates in "
        f"{time.perf_counter() - started:.0f} s -> {folder}"
    )


if __name__ == "__main__":
    main()
