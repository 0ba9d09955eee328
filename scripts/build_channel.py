#!/usr/bin/env python3
"""Learn the OCR channel P(ocr token | clean syllable) from synthetic pages: _cache/synth -> data/channel_*.

Input: the (clean, ocr) pages made by scripts/synth_ocr_pairs.py. Each page's chunk cores are
aligned: first on exact accent-free skeletons with Levenshtein opcodes over the token lists
("chinh" = "chinh"), then inside the remaining blocks by a small dynamic program whose cost is the
character distance of skeletons after the digit map ("d6i" ~ "doi"). 1:1 pairs are counted;
a pair filling a short equal-length gap between aligned tokens is trusted even when its skeletons
differ a lot ("tir"/"tit" for "từ" on scans, which the distance cut used to drop).

Real damage: `--split real_a real_train` adds pages of the dev set's renderer read by `tesseract -l eng`
(real_a: half of the dev documents, out/dev-routes, see eval_restorer.py; real_train: corpus passages
rendered by scripts/real_ocr_pairs.py). The synthetic page cache is large and not kept, so `--base`
starts from the shipped tables' counts instead of re-aligning those pages (their counts are
already split-weighted) and adds the new pairs times `--weight`.

Outputs (gzipped TSV / JSON, not pickle):
- data/channel_tokens.tsv.gz  ocr<TAB>clean<TAB>count, lowercase, train pages only, split-weighted counts ≥ 2;
- data/channel_chars.json      character edit counts clean char -> ocr string, for unseen tokens;
- data/channel.meta.json       provenance.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from eval_restorer import split_pairs  # noqa: E402

from directive_parser.repair.lm_text import CHUNK_RE, WORD_RE, split_chunk  # noqa: E402
from directive_parser.text.normalize import ascii_fold

SYNTH = ROOT / "scripts" / "_cache" / "synth"
DATA = ROOT / "src" / "directive_parser" / "data"
EM_ROUNDS = 3  # hard-EM passes re-splitting OCR strings per clean letter
MAX_BLOCK = 40  # larger unaligned blocks are OCR garbage (lost lines); skip them
# The plain and scan page sets are pooled; the smaller one's counts are scaled up by (largest/its size)^BALANCE
# so that many scan pages do not drown the plain renders (synthetic dev fell 0.9799 -> 0.9790 unbalanced).
BALANCE = 0.5
# Pairs seen once (after weighting) are mostly misalignments; they stay out of the token table (the character
# model still learns from them). Synthetic dev 0.9793 -> 0.9811, dev_scan 0.9558 -> 0.9560, and faster.
TABLE_MIN_COUNT = 2
MAX_PAIR_COST = 0.6  # a 1:1 pair whose normalised skeleton distance exceeds this is not counted…
# …unless it fills a short equal-length gap between aligned tokens, where position alone pairs it:
# "tir"/"tit"/"tiv" for "từ" (0.67), "mite" for "mức", "ed" for "cơ". Gap size -> largest cost.
GAP_PAIR_COST = {1: 1.0, 2: 0.8, 3: 0.8, 4: 0.8}
# OCR digit/symbol look-alikes used only to align ("s6" ~ "so", "B9" ~ "bo", "1a" ~ "la").
REAL_SOURCE = (
    "real English-model OCR added to the base tables: bench/dev/render_routes.py scans (DejaVu Serif, 200-300 dpi, "
    "seeded blur/noise/tilt, JPEG 40-75) read by tesseract -l eng --psm 4; real_a = half of the dev documents "
    "(eval_restorer.real_half), real_train = corpus passages (scripts/real_ocr_pairs.py)"
)
TOKENS, CHARS, META = "channel_tokens.tsv.gz", "channel_chars.json", "channel.meta.json"
ALIGN_MAP = str.maketrans({"6": "o", "9": "o", "0": "o", "1": "l", "&": "e", "¢": "e", "€": "e", "@": "a"})


def cores(text: str) -> list[str]:
    """Lowercase chunk cores of a text, empties dropped: str -> list[str]."""
    out = []
    for chunk in CHUNK_RE.findall(text):
        core = split_chunk(chunk)[1].lower()
        if core:
            out.append(core)
    return out


def pair_cost(o: str, c: str) -> float:
    """Normalised skeleton distance between an OCR core and a clean core: 0 = same skeleton."""
    a, b = ascii_fold(o).translate(ALIGN_MAP), ascii_fold(c)
    return Levenshtein.normalized_distance(a, b)


def align_block(ocr: list[str], clean: list[str]) -> list[tuple[str, str]]:
    """DP alignment of a small unaligned block allowing gaps: token lists -> 1:1 pairs."""
    n, m = len(ocr), len(clean)
    gap = 0.8
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            best, arg = float("inf"), 0
            if i and j:
                best, arg = cost[i - 1][j - 1] + pair_cost(ocr[i - 1], clean[j - 1]), 1
            if i and cost[i - 1][j] + gap < best:
                best, arg = cost[i - 1][j] + gap, 2
            if j and cost[i][j - 1] + gap < best:
                best, arg = cost[i][j - 1] + gap, 3
            cost[i][j], back[i][j] = best, arg
    pairs, i, j = [], n, m
    while i or j:
        arg = back[i][j]
        if arg == 1:
            pairs.append((ocr[i - 1], clean[j - 1]))
            i, j = i - 1, j - 1
        elif arg == 2:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def align_page(ocr_text: str, clean_text: str) -> list[tuple[str, str]]:
    """Align one page's OCR cores to its clean cores: texts -> (ocr, clean) pairs."""
    o, c = cores(ocr_text), cores(clean_text)
    ko = [ascii_fold(x).translate(ALIGN_MAP) for x in o]
    kc = [ascii_fold(x) for x in c]
    pairs = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(ko, kc):
        if tag == "equal":
            pairs.extend(zip(o[i1:i2], c[j1:j2]))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            limit = GAP_PAIR_COST.get(i2 - i1, MAX_PAIR_COST)
            pairs.extend((a, b) for a, b in zip(o[i1:i2], c[j1:j2]) if pair_cost(a, b) <= limit)
        elif tag == "replace" and max(i2 - i1, j2 - j1) <= MAX_BLOCK:
            pairs.extend((a, b) for a, b in align_block(o[i1:i2], c[j1:j2]) if pair_cost(a, b) <= MAX_PAIR_COST)
    return pairs


def char_ops(pairs: Counter) -> dict[str, dict[str, int]]:
    """Count per clean character what OCR wrote for it ('' = dropped, 'ô' -> '6'): pairs -> counts.

    Insertions are attached to the preceding clean character as a two-character output
    ("ư" -> "ti" in "ctia" for "của"), so the model stays a simple clean-char -> string table.
    """
    ops: dict[str, Counter] = defaultdict(Counter)
    for (o, c), n in pairs.items():
        if not WORD_RE.fullmatch(c):
            continue
        out = [""] * len(c)
        lead = ""
        for tag, i1, i2, j1, j2 in Levenshtein.opcodes(c, o):
            if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    out[i1 + k] += o[j1 + k]
            elif tag == "insert":
                if i1 > 0:
                    out[i1 - 1] += o[j1:j2]
                else:
                    lead += o[j1:j2]
            elif tag == "replace":  # unequal: give the whole output to the first char
                out[i1] += o[j1:j2]
        out[0] = lead + out[0]
        for ch, w in zip(c, out):
            ops[ch][w] += n
    return {ch: dict(cnt.most_common(12)) for ch, cnt in ops.items()}


def viterbi_segment(clean: str, ocr: str, model: dict[str, dict[str, float]]) -> list[str] | None:
    """Best split of an OCR string into one output (0-3 chars) per clean letter: -> outputs or None."""
    n, m = len(clean), len(ocr)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        probs = model.get(clean[i - 1], {})
        for j in range(m + 1):
            for k in range(min(j, 3) + 1):
                prev = best[i - 1][j - k]
                if prev == neg:
                    continue
                p = probs.get(ocr[j - k : j], 1e-5 if k == 1 else 1e-7)
                if prev + math.log(p) > best[i][j]:
                    best[i][j], back[i][j] = prev + math.log(p), k
    if best[n][m] == neg:
        return None
    outs, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        outs.append(ocr[j - k : j])
        j -= k
    return outs[::-1]


def realign(pairs: Counter, ops: dict[str, dict[str, int]], rounds: int = EM_ROUNDS) -> dict[str, dict[str, int]]:
    """Hard-EM: re-split every pair with the current char model and recount: counts -> counts.

    Opcode alignments split "từ" -> "tir" arbitrarily ("t"->"ti", "ừ"->"r"); re-splitting with
    the model itself settles on "ừ" -> "ir", which the reverse map needs to find "từ".
    """
    for _ in range(rounds):
        model = {ch: {o: n / sum(outs.values()) for o, n in outs.items()} for ch, outs in ops.items()}
        new: dict[str, Counter] = defaultdict(Counter)
        for (o, c), n in pairs.items():
            if not WORD_RE.fullmatch(c) or len(o) > 3 * len(c):
                continue
            outs = viterbi_segment(c, o, model)
            if outs:
                for ch, w in zip(c, outs):
                    new[ch][w] += n
        ops = {ch: dict(cnt.most_common(16)) for ch, cnt in new.items()}
    return ops


def _split_weights(page_splits: list[str], balance: float) -> dict[str, float]:
    """Count weight per split: smaller splits are scaled towards the largest by `balance` (0 = none, 1 = equal)."""
    sizes = Counter(page_splits)
    top = max(sizes.values(), default=1)
    return {split: (top / n) ** balance for split, n in sizes.items()}


def shipped_counts(folder: Path) -> tuple[Counter, dict[str, dict[str, int]], dict]:
    """Counts of the tables in a data folder: -> (token pairs, char edits, meta) to build on."""
    pairs: Counter = Counter()
    with gzip.open(folder / TOKENS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                o, c, n = line.rstrip("\n").split("\t")
                pairs[(o, c)] = int(n)
    chars = json.loads((folder / CHARS).read_text(encoding="utf-8"))
    return pairs, chars, json.loads((folder / META).read_text(encoding="utf-8"))


def merge_chars(base: dict[str, dict[str, int]], new: dict[str, dict[str, int]], keep: int = 24) -> dict[str, dict[str, int]]:
    """Add two char-edit count tables, keeping each letter's `keep` most frequent outputs."""
    out: dict[str, Counter] = defaultdict(Counter)
    for table in (base, new):
        for ch, outs in table.items():
            out[ch].update(outs)
    return {ch: dict(cnt.most_common(keep)) for ch, cnt in out.items()}


def main() -> None:
    """Parse arguments, align all cached pages and write the channel files."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--split",
        nargs="+",
        default=["train", "train_scan"],
        help="cached page sets to learn from (train: plain renders, train_scan: scan profile)",
    )
    ap.add_argument("--out", type=Path, default=DATA, help="output folder (default: the package data)")
    ap.add_argument(
        "--balance",
        type=float,
        default=BALANCE,
        help="scale a smaller split's counts by (largest/its pages)^BALANCE (0: raw, 1: equal weight)",
    )
    ap.add_argument("--base", action="store_true", help="add to the counts of the tables in --out")
    ap.add_argument("--weight", type=float, default=1.0, help="count weight of the new pages (with --base)")
    ap.add_argument("--base-from", type=Path, help="folder of the tables to add to (default: --out)")
    ap.add_argument(
        "--stack",
        action="store_true",
        help="with --base: add to tables that already hold added pages (their meta is kept as a layer)",
    )
    a = ap.parse_args()
    pairs: Counter = Counter()
    files = [(o, c, split) for split in a.split for o, c in split_pairs(split)]
    weights = {k: v * a.weight for k, v in _split_weights([s for _, _, s in files], a.balance).items()}
    if a.base:
        weights = {split: a.weight for split in a.split}
    n_clean = 0
    for ocr_path, clean_path, split in files:
        clean = clean_path.read_text(encoding="utf-8")
        for pair, n in Counter(align_page(ocr_path.read_text(encoding="utf-8"), clean)).items():
            pairs[pair] += n * weights[split]
        n_clean += len(cores(clean))
    pairs = Counter({pair: round(n) for pair, n in pairs.items() if round(n) > 0})
    chars = realign(pairs, char_ops(pairs))
    prior: dict = {}
    if a.base:
        base_dir = a.base_from or a.out
        base_pairs, base_chars, prior = shipped_counts(base_dir)
        if "base" in prior and not a.stack:  # counting the added pages twice would skew the channel
            sys.exit(f"{base_dir} already holds added pages; pass --base-from a folder with the synthetic-only tables")
        new_chars = chars
        chars = merge_chars(base_chars, new_chars)
        pairs = base_pairs + pairs
    a.out.mkdir(parents=True, exist_ok=True)
    today = datetime.date.today().isoformat()
    # written under temporary names and moved into place, so readers never see half a model
    tmp_tokens, tmp_chars, tmp_meta = (a.out / f".{name}.tmp" for name in (TOKENS, CHARS, META))
    with gzip.open(tmp_tokens, "wt", encoding="utf-8") as fh:
        base_note = " added to the shipped counts" if a.base else ""
        fh.write(f"# generated by scripts/build_channel.py on {today} from {len(files)} pages ({' '.join(a.split)}){base_note}\n")
        for (o, c), n in sorted(pairs.items()):
            if WORD_RE.fullmatch(c) and n >= TABLE_MIN_COUNT:
                fh.write(f"{o}\t{c}\t{n}\n")
    tmp_chars.write_text(json.dumps(chars, ensure_ascii=False, indent=0))
    meta = {
        "generated_by": "scripts/build_channel.py",
        "generated": today,
        "source": REAL_SOURCE
        if a.base
        else "scripts/synth_ocr_pairs.py pages: corpus text rendered (TeX Gyre Termes/Pagella/Heros, "
        "FreeSerif/FreeSans, DejaVu, Noto; 10-14 pt; 200-300 dpi; blur/noise; scan profile: 12-14 pt "
        "serif at 300 dpi resampled to 150-200 dpi, blur, speckle, tilt, JPEG, binarised) "
        "and read by tesseract -l eng --psm 6",
        "splits": {split: sum(s == split for _, _, s in files) for split in a.split},
        "split_weights": {k: round(v, 3) for k, v in weights.items()},
        **({"base": {k: prior.get(k) for k in ("source", "splits", "split_weights", "pages", "base")}} if a.base else {}),
        "table_min_count": TABLE_MIN_COUNT,
        "pages": len(files),
        "clean_tokens": n_clean,
        "aligned_pairs": sum(pairs.values()),
        "distinct_pairs": len(pairs),
    }
    tmp_meta.write_text(json.dumps(meta, indent=1))
    for tmp, name in ((tmp_tokens, TOKENS), (tmp_chars, CHARS), (tmp_meta, META)):
        tmp.replace(a.out / name)
    print(json.dumps(meta), file=sys.stderr)


if __name__ == "__main__":
    main()
