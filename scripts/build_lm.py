#!/usr/bin/env python3
"""Build the lowercase syllable trigram LM (interpolated Kneser-Ney): corpus -> data/lm_trigram.npz.

Steps: tokenise every corpus paragraph into LM tokens (lowercase syllables, <num>, <unk>),
skipping the lines held out for tuning (see synth_ocr_pairs.is_holdout); count 1-3-grams with
numpy; compute interpolated modified-KN-style probabilities with one discount per order; prune
rare bigrams/trigrams; save sorted int64 keys + float16 log10 probs + backoff weights.

Output (not pickle): src/directive_parser/data/lm_trigram.npz and lm_trigram.meta.json.
The token id arrays are cached in scripts/_cache/lm_ids.npz so reruns skip tokenising.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import sys
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from directive_parser._lm_text import BOS, CHUNK_RE, NUM, UNK, lm_token, split_chunk  # noqa: E402
from synth_ocr_pairs import CORPUS_DIR, is_holdout  # noqa: E402

CACHE = ROOT / "scripts" / "_cache"
DATA = ROOT / "src" / "directive_parser" / "data"
MIN_UNIGRAM = 2  # syllables seen once become <unk>
ABBREV_MIN = 3  # an all-caps Đ abbreviation must occur this often…
ABBREV_RATIO = 5  # …and this many times more than its plain-D spelling
CAP_MIN_SEEN = 5  # words seen fewer times mid-sentence get no capital rate
SENTENCE_END = ".:;!?"
ABBREV_PART_RE = re.compile(r"[^\W\d_]+")
DISCOUNT = (0.0, 0.75, 0.8, 0.85)  # per order; KN's usual ~0.75-0.9


def tokenise_corpus() -> tuple[list[str], np.ndarray]:
    """Turn the corpus into one id stream with BOS between paragraphs: corpus -> (vocab, ids)."""
    cache = CACHE / "lm_ids.npz"
    if cache.exists():
        z = np.load(cache)
        return json.loads(str(z["vocab"])), z["ids"]
    lines: list[list[str]] = []
    counts: Counter[str] = Counter()
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for ln in fh:
                ln = ln.strip()
                if not ln or is_holdout(ln):
                    continue
                toks = [lm_token(split_chunk(c)[1]) for c in CHUNK_RE.findall(ln)]
                toks = [t for t in toks if t]
                lines.append(toks)
                counts.update(toks)
        print(path.name, len(lines), file=sys.stderr, flush=True)
    vocab = [BOS, NUM, UNK] + sorted(w for w, c in counts.items() if c >= MIN_UNIGRAM and w not in (NUM, UNK))
    index = {w: i for i, w in enumerate(vocab)}
    unk = index[UNK]
    ids = np.fromiter((i for toks in lines for i in [0, *(index.get(t, unk) for t in toks)]), dtype=np.int32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(cache, vocab=json.dumps(vocab, ensure_ascii=False), ids=ids)
    return vocab, ids


def count(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique keys with their counts: int64 keys -> (sorted keys, counts)."""
    return np.unique(keys, return_counts=True)


def kn_model(ids: np.ndarray, v: int, min_bi: int, min_tri: int) -> dict[str, np.ndarray]:
    """Interpolated KN trigram over an id stream: ids -> arrays for lm_trigram.npz."""
    a, b, c = ids[:-2].astype(np.int64), ids[1:-1].astype(np.int64), ids[2:].astype(np.int64)
    ok3 = c != 0  # no n-gram ends in BOS; n-grams may start at BOS (sentence start context)
    bi_keys, bi_cnt = count(b[c != 0] * v + c[c != 0])
    # unigram continuation probability: distinct left contexts of w
    cont = np.bincount(bi_keys % v, minlength=v).astype(np.float64)
    cont[0] = 0
    p1 = (cont + 0.5) / (cont.sum() + 0.5 * v)
    # bigram: P2(w|v) = max(c-D,0)/c(v.) + D*N1+(v.)/c(v.) * P1(w)
    d2 = DISCOUNT[2]
    ctx = bi_keys // v
    ctx_tot = np.bincount(ctx, weights=bi_cnt, minlength=v)
    ctx_types = np.bincount(ctx, minlength=v)
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma2 = np.where(ctx_tot > 0, d2 * ctx_types / ctx_tot, 1.0)
    p2 = np.maximum(bi_cnt - d2, 0) / ctx_tot[ctx] + gamma2[ctx] * p1[bi_keys % v]
    # trigram
    d3 = DISCOUNT[3]
    tri_keys, tri_cnt = count((a[ok3] * v + b[ok3]) * v + c[ok3])
    tctx = tri_keys // v
    uctx, inv = np.unique(tctx, return_inverse=True)
    t_tot = np.bincount(inv, weights=tri_cnt)
    t_types = np.bincount(inv)
    gamma3 = d3 * t_types / t_tot
    lower = p2[np.searchsorted(bi_keys, tri_keys % (v * v))]
    p3 = np.maximum(tri_cnt - d3, 0) / t_tot[inv] + gamma3[inv] * lower
    keep2, keep3 = bi_cnt >= min_bi, tri_cnt >= min_tri
    keepc = t_tot >= min_tri
    print(f"V={v} bigrams {len(bi_keys)} kept {keep2.sum()}, trigrams {len(tri_keys)} kept {keep3.sum()}, "
          f"contexts {len(uctx)} kept {keepc.sum()}", file=sys.stderr)
    return {
        "uni_logp": np.log10(p1).astype(np.float32),
        "bi_keys": bi_keys[keep2], "bi_logp": np.log10(p2[keep2]).astype(np.float16),
        "bi_bow": np.log10(gamma2).astype(np.float16),
        "tri_keys": tri_keys[keep3], "tri_logp": np.log10(p3[keep3]).astype(np.float16),
        "ctx_keys": uctx[keepc], "ctx_bow": np.log10(gamma3[keepc]).astype(np.float16),
    }


def case_tables() -> tuple[dict[str, int], dict[str, list[int]]]:
    """Count Đ-abbreviations and mid-sentence capitals in the corpus: corpus -> (abbrevs, caps).

    abbrevs: all-caps parts with Đ ("NĐ" of "NĐ-CP", "HĐND"); caps: per lowercase word,
    [times written with a capital mid-sentence, times seen mid-sentence].
    """
    abbrevs: Counter[str] = Counter()
    caps: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for ln in fh:
                if is_holdout(ln.strip()):
                    continue
                prev = "."
                for chunk in CHUNK_RE.findall(ln):
                    for part in ABBREV_PART_RE.findall(chunk):
                        if len(part) >= 2 and part.isupper():
                            abbrevs[part] += 1
                    core = split_chunk(chunk)[1]
                    if core and core.isalpha() and prev[-1] not in SENTENCE_END:
                        row = caps[core.lower()]
                        row[0] += core[0].isupper()
                        row[1] += 1
                    prev = chunk
    return dict(abbrevs), dict(caps)


def write_case_tables(vocab: list[str]) -> None:
    """Write data/lm_case.tsv.gz: Đ-abbreviation map and capital rates of common words."""
    abbrevs, caps = case_tables()
    today = datetime.date.today().isoformat()
    with gzip.open(DATA / "lm_case.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write(f"# generated by scripts/build_lm.py on {today} from /work/shared/corpus (held-out lines skipped)\n")
        fh.write("# abbrev<TAB>ascii form<TAB>form with Đ ; cap<TAB>word<TAB>capitalised<TAB>seen mid-sentence\n")
        for form, n in sorted(abbrevs.items()):
            plain = form.replace("Đ", "D")
            if "Đ" in form and n >= ABBREV_MIN and n >= ABBREV_RATIO * abbrevs.get(plain, 0):
                fh.write(f"abbrev\t{plain}\t{form}\n")
        keep = set(vocab)
        for w, (c, t) in sorted(caps.items()):
            if w in keep and t >= CAP_MIN_SEEN:
                fh.write(f"cap\t{w}\t{c}\t{t}\n")


def main() -> None:
    """Parse arguments, build and write the LM files."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-bigram", type=int, default=1)
    ap.add_argument("--min-trigram", type=int, default=2)
    a = ap.parse_args()
    vocab, ids = tokenise_corpus()
    arrays = kn_model(ids, len(vocab), a.min_bigram, a.min_trigram)
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / "lm_trigram.npz"
    np.savez_compressed(out, vocab=np.array("\n".join(vocab)), **arrays)
    meta = {
        "generated_by": "scripts/build_lm.py", "generated": datetime.date.today().isoformat(),
        "source": "/work/shared/corpus/*.txt.gz (18M syllables, legal/administrative Vietnamese), "
                  "minus held-out lines (md5 bucket 0 of 50)",
        "model": "lowercase syllable trigram, interpolated Kneser-Ney, log10 probabilities",
        "discounts": DISCOUNT[1:], "min_bigram": a.min_bigram, "min_trigram": a.min_trigram,
        "tokens": int(len(ids)), "vocab": len(vocab), "bytes": out.stat().st_size,
    }
    write_case_tables(vocab)
    (DATA / "lm_trigram.meta.json").write_text(json.dumps(meta, indent=1))
    print(json.dumps(meta), file=sys.stderr)


if __name__ == "__main__":
    main()
