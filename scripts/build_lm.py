#!/usr/bin/env python3
"""Build the lowercase syllable 4-gram LM (interpolated modified Kneser-Ney): corpus -> data/lm_trigram.npz.

Steps: tokenise every corpus paragraph into LM tokens (lowercase syllables, <num>, <unk>; syllables
joined by slashes or hyphens, "đồng/người/ngày", "đề-pô", one token each as the restorer's slots have
them, see lm_text.lm_tokens), skipping the lines held out for tuning (see synth_ocr_pairs.is_holdout); count 1-4-grams with
numpy; compute interpolated modified-KN probabilities with three discounts per order (D1, D2, D3+,
estimated from count-of-counts); optionally prune rare bigrams/trigrams (by default every trigram
is kept: ~9.7 MB, and synthetic dev_scan 0.9396 -> 0.9409 against --min-trigram 2); save sorted
the key tables as runs (uint16 run length per prefix + int16 last id, see `compact`) with float16
log10 probs + backoff weights; count capital rates for lm_case.tsv.gz.

The 4-gram level (`quad_model`, --order 4, the default) goes into the same file, stored as runs
per trigram row, pruned to 4-grams seen twice that raise the trigram's probability. Held-out
perplexity by order: bigram 28.6, trigram 11.6, 4-gram 8.5 (every 4-gram seen twice, with backoff
weights; the meta file gives 7.6 for the shipped scores, which are not normalised, see `quad_model`).

Output (not pickle): src/directive_parser/data/lm_trigram.npz, lm_case.tsv.gz and lm_trigram.meta.json,
written under temporary names and moved into place.
The token id arrays are cached in scripts/_cache/lm_ids.npz so reruns skip tokenising.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from synth_ocr_pairs import CORPUS_DIR, is_holdout  # noqa: E402

from directive_parser.repair.lm_text import BOS, CHUNK_RE, NUM, UNK, lm_tokens, split_chunk  # noqa: E402
from directive_parser.text.normalize import ascii_fold

CACHE = ROOT / "scripts" / "_cache"
DATA = ROOT / "src" / "directive_parser" / "data"
MIN_UNIGRAM = 2  # syllables seen once become <unk>
ABBREV_MIN = 3  # an all-caps Đ abbreviation must occur this often…
ABBREV_RATIO = 5  # …and this many times more than its plain-D spelling
CAP_MIN_SEEN = 5  # words seen fewer times mid-sentence get no capital rate
PAIR_CAP_LETTERS = set("ckosuvwxzp")  # first letters whose capital OCR confuses with the small one…
PAIR_CAP_MIN_SEEN = 5  # …get capital rates per (word, next word) when the pair is seen this often…
PAIR_CAP_MIN_DIFF = 0.2  # …and its rate differs this much from the word's own
SENTENCE_END = ".:;!?"
ABBREV_PART_RE = re.compile(r"[^\W\d_]+")


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
                toks = [t for c in CHUNK_RE.findall(ln) for t in lm_tokens(split_chunk(c)[1]) if t]
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


def discounts(cnt: np.ndarray) -> np.ndarray:
    """Modified-KN discounts D1, D2, D3+ from count-of-counts (Chen & Goodman 1998): counts -> 3 floats."""
    n1, n2, n3, n4 = (float((cnt == k).sum()) for k in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    return np.array([1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3])


def discounted(cnt: np.ndarray, ctx: np.ndarray, d: np.ndarray, size: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Discounted counts and the per-context mass freed for the lower order: (counts, context index) -> 2 arrays."""
    dc = d[np.minimum(cnt, 3).astype(np.int64) - 1]
    return np.maximum(cnt - dc, 0), np.bincount(ctx, weights=dc, minlength=size)


def kn_model(
    ids: np.ndarray, v: int, min_bi: int, min_tri: int
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], list[float]]:
    """Interpolated modified Kneser-Ney trigram over an id stream: ids -> (all trigrams with their
    probabilities, arrays for lm_trigram.npz, discounts).

    The bigram level keeps raw counts rather than KN continuation counts: it also stands alone
    whenever OCR garbage leaves no stored trigram context, and continuation counts scored
    worse there on the synthetic scan pages (dev_scan 0.9419 against 0.9432).
    """
    a, b, c = ids[:-2].astype(np.int64), ids[1:-1].astype(np.int64), ids[2:].astype(np.int64)
    ok3 = c != 0  # no n-gram ends in BOS; n-grams may start at BOS (sentence start context)
    bi_keys, bi_cnt = count(b[c != 0] * v + c[c != 0])
    tri_keys, tri_cnt = count((a[ok3] * v + b[ok3]) * v + c[ok3])
    # unigram continuation probability: distinct left contexts of w
    cont = np.bincount(bi_keys % v, minlength=v).astype(np.float64)
    cont[0] = 0
    p1 = (cont + 0.5) / (cont.sum() + 0.5 * v)
    # bigram: P2(w|v) = (c(vw) - D(c)) / c(v.) + gamma2(v) P1(w)
    ctx = bi_keys // v
    ctx_tot = np.bincount(ctx, weights=bi_cnt, minlength=v)
    d2 = discounts(bi_cnt)
    num2, freed2 = discounted(bi_cnt, ctx, d2, v)
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma2 = np.where(ctx_tot > 0, freed2 / ctx_tot, 1.0)
    p2 = num2 / ctx_tot[ctx] + gamma2[ctx] * p1[bi_keys % v]
    # trigram: raw counts
    d3 = discounts(tri_cnt)
    tctx = tri_keys // v
    uctx, inv = np.unique(tctx, return_inverse=True)
    t_tot = np.bincount(inv, weights=tri_cnt)
    num3, freed3 = discounted(tri_cnt, inv, d3)
    gamma3 = freed3 / t_tot
    lower = p2[np.searchsorted(bi_keys, tri_keys % (v * v))]
    p3 = num3 / t_tot[inv] + gamma3[inv] * lower
    keep2, keep3 = bi_cnt >= min_bi, tri_cnt >= min_tri
    keepc = t_tot >= min_tri
    print(
        f"V={v} bigrams {len(bi_keys)} kept {keep2.sum()}, trigrams {len(tri_keys)} kept {keep3.sum()}, "
        f"contexts {len(uctx)} kept {keepc.sum()}; discounts {d2.round(3)} {d3.round(3)}",
        file=sys.stderr,
    )
    full = {"tri_keys": tri_keys, "tri_logp": p3}  # every trigram, the lower order of the 4-gram
    return (
        full,
        {
            "uni_logp": np.log10(p1).astype(np.float32),
            "bi_keys": bi_keys[keep2],
            "bi_logp": np.log10(p2[keep2]).astype(np.float16),
            "bi_bow": np.log10(gamma2).astype(np.float16),
            "tri_keys": tri_keys[keep3],
            "tri_logp": np.log10(p3[keep3]).astype(np.float16),
            "ctx_keys": uctx[keepc],
            "ctx_bow": np.log10(gamma3[keepc]).astype(np.float16),
        },
        [round(float(x), 4) for x in (*d2, *d3)],
    )


def quad_model(
    ids: np.ndarray, v: int, full: dict[str, np.ndarray], stored_tri: np.ndarray, min_quad: int, min_rise: float, unk: int
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Interpolated modified-KN 4-gram level over the trigram model: ids -> (arrays, discounts).

    P4(x|u v w) = (c(uvwx) - D(c)) / c(uvw.) + gamma4(uvw) P3(x|v w), raw counts as the lower
    orders have. Counting is one in-place sort of the int64 keys ((u*V+v)*V+w)*V+x (V < 2**14:
    four ids fit in 56 bits), about 150 MB for the corpus's 19M positions. No 4-gram spans a
    paragraph start (the context may begin at one) or holds <unk>, which lumps every foreign
    word and code together.

    Pruned to the 4-grams that add knowledge: seen `min_quad` times or more, and whose context
    raises the probability over the trigram by `min_rise` log10 units or more ("định kỳ hằng
    | tháng" against "định kỳ hàng"). The decoder falls back to the trigram for any other
    4-gram, so it stores no backoff weights.
    """
    a, b, c, d = (ids[k : len(ids) - 3 + k].astype(np.int64) for k in range(4))
    ok = (b != 0) & (c != 0) & (d != 0) & (a != unk) & (b != unk) & (c != unk) & (d != unk)
    keys = ((a[ok] * v + b[ok]) * v + c[ok]) * v + d[ok]
    del a, b, c, d, ok
    keys.sort()
    starts = np.concatenate(([0], np.flatnonzero(np.diff(keys)) + 1))
    cnt = np.diff(np.append(starts, len(keys)))
    keys = keys[starts]
    d4 = discounts(cnt)
    uctx, inv = np.unique(keys // v, return_inverse=True)
    t_tot = np.bincount(inv, weights=cnt)
    num4, freed4 = discounted(cnt, inv, d4)
    lower = full["tri_logp"][np.searchsorted(full["tri_keys"], keys % (v * v * v))]
    p4 = num4 / t_tot[inv] + (freed4 / t_tot)[inv] * lower
    keep = (cnt >= min_quad) & (np.log10(p4) - np.log10(lower) >= min_rise)
    print(f"4-grams {len(keys)} kept {keep.sum()}, contexts {len(uctx)}; discounts {d4.round(3)}", file=sys.stderr)
    keys = keys[keep]
    # the 4-gram contexts are rows of the stored trigram table: runs of next ids per row
    rows = np.searchsorted(stored_tri, keys // v)
    assert (stored_tri[rows] == keys // v).all(), "every 4-gram context must be a stored trigram"
    runs = np.bincount(rows, minlength=len(stored_tri))
    assert runs.max() < 2**16
    return {
        "quad_runs": runs.astype(np.uint16),
        "quad_last": (keys % v).astype(np.int16),
        "quad_logp": np.log10(p4[keep]).astype(np.float16),
    }, [round(float(x), 4) for x in d4]


def perplexity(arrays: dict[str, np.ndarray], vocab: list[str]) -> dict[str, float]:
    """Perplexity per order on the held-out lines (every fourth, <unk> not scored): model -> {order: ppl}."""
    from directive_parser.repair.lm import SyllableLM

    lm = SyllableLM(arrays)
    index = {w: i for i, w in enumerate(vocab)}
    seq: list[int] = []
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for i, ln in enumerate(fh):
                ln = ln.strip()
                if ln and i % 4 == 0 and is_holdout(ln):
                    toks = [t for c in CHUNK_RE.findall(ln) for t in lm_tokens(split_chunk(c)[1])]
                    seq += [0, 0, 0] + [index.get(t, lm.unk) for t in toks if t]
    ids = np.array(seq, np.int64)
    t, u, v, w = ids[:-3], ids[1:-2], ids[2:-1], ids[3:]
    ok = (w != 0) & (w != lm.unk)
    logps = {"2": lm.bigram(v, w), "3": lm.logp3(u, v, w), "4": lm.logp4(t, u, v, w)}
    return {k: round(float(10 ** -p[ok].mean()), 2) for k, p in logps.items()}


def compact(arrays: dict[str, np.ndarray], v: int) -> dict[str, np.ndarray]:
    """Store each sorted key table as runs: int64 keys prefix*V + last -> (uint16 run length per prefix, int16 last).

    Sorted keys are runs of a last id per prefix (successors of a word, of a two-word context);
    the run lengths and the last ids take 2 + 2 bytes where the key took 8, and the loader
    (`repair.lm`) rebuilds the keys, or searches the runs directly (trigrams), without sorting.
    Trigram runs are counted per row of the context table, whose rows are the trigram prefixes.
    """
    assert v < 2**15, "ids must fit int16"
    out = {k: a for k, a in arrays.items() if not k.endswith("_keys")}
    for name, keys, prefixes in (
        ("bi", arrays["bi_keys"], np.arange(v)),
        ("ctx", arrays["ctx_keys"], np.arange(v)),
        ("tri", arrays["tri_keys"], arrays["ctx_keys"]),
    ):
        head = keys // v
        lo, hi = np.searchsorted(head, prefixes), np.searchsorted(head, prefixes, side="right")
        assert hi.sum() - lo.sum() == len(keys) and (hi - lo).max() < 2**16, name  # every key's prefix is listed
        out[f"{name}_runs"] = (hi - lo).astype(np.uint16)
        out[f"{name}_last"] = (keys % v).astype(np.int16)
    return out


def case_tables() -> tuple[dict[str, int], dict[str, list[int]], dict[tuple[str, str], list[int]]]:
    """Count Đ-abbreviations and mid-sentence capitals in the corpus: corpus -> (abbrevs, caps, pair caps).

    abbrevs: all-caps parts with Đ ("NĐ" of "NĐ-CP", "HĐND"); caps: per lowercase word,
    [times written with a capital mid-sentence, times seen mid-sentence]; pair caps: the same
    per (word, next word) for words whose capital OCR confuses with the small letter
    ("Kiến Xương", "Cao Bằng" against "khu công nghiệp").
    """
    abbrevs: Counter[str] = Counter()
    caps: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    pairs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted(CORPUS_DIR.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for ln in fh:
                if is_holdout(ln.strip()):
                    continue
                chunks = CHUNK_RE.findall(ln)
                cores = [split_chunk(chunk)[1] for chunk in chunks]
                for i, (chunk, core) in enumerate(zip(chunks, cores)):
                    for part in ABBREV_PART_RE.findall(chunk):
                        if len(part) >= 2 and part.isupper():
                            abbrevs[part] += 1
                    if i == 0 or chunks[i - 1][-1] in SENTENCE_END or not core or not core.isalpha():
                        continue
                    low = core.lower()
                    _count(caps[low], core)
                    nxt = cores[i + 1] if i + 1 < len(cores) else ""
                    if ascii_fold(low[0]) in PAIR_CAP_LETTERS and nxt.isalpha() and chunk == core:
                        _count(pairs[(low, nxt.lower())], core)
    return dict(abbrevs), dict(caps), dict(pairs)


def _count(row: list[int], core: str) -> None:
    """Add one sighting to a [capitalised, seen] row."""
    row[0] += core[0].isupper()
    row[1] += 1


def write_case_tables(vocab: list[str], path: Path) -> None:
    """Write lm_case.tsv.gz: Đ-abbreviation map and capital rates of common words and word pairs."""
    abbrevs, caps, pairs = case_tables()
    today = datetime.date.today().isoformat()
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(f"# generated by scripts/build_lm.py on {today} from /work/shared/corpus (held-out lines skipped)\n")
        fh.write(
            "# abbrev<TAB>ascii form<TAB>form with Đ ; cap<TAB>word<TAB>capitalised<TAB>seen mid-sentence ; "
            "cap2<TAB>word<TAB>next word<TAB>capitalised<TAB>seen mid-sentence\n"
        )
        for form, n in sorted(abbrevs.items()):
            plain = form.replace("Đ", "D")
            if "Đ" in form and n >= ABBREV_MIN and n >= ABBREV_RATIO * abbrevs.get(plain, 0):
                fh.write(f"abbrev\t{plain}\t{form}\n")
        keep = set(vocab)
        for w, (c, t) in sorted(caps.items()):
            if w in keep and t >= CAP_MIN_SEEN:
                fh.write(f"cap\t{w}\t{c}\t{t}\n")
        for (w, nxt), (c, t) in sorted(pairs.items()):
            rate = caps[w][0] / caps[w][1]
            if w in keep and nxt in keep and t >= PAIR_CAP_MIN_SEEN and abs(c / t - rate) >= PAIR_CAP_MIN_DIFF:
                fh.write(f"cap2\t{w}\t{nxt}\t{c}\t{t}\n")


def main() -> None:
    """Parse arguments, build and write the LM files."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-bigram", type=int, default=1)
    ap.add_argument("--min-trigram", type=int, default=1)
    ap.add_argument("--order", type=int, choices=(3, 4), default=4, help="4: add the pruned 4-gram level")
    ap.add_argument("--min-quad", type=int, default=2, help="4-grams seen fewer times are not stored")
    ap.add_argument(
        "--min-rise",
        type=float,
        default=0.1,
        help="a 4-gram is stored when its log10 probability beats the trigram's by this much",
    )
    ap.add_argument("--out", type=Path, default=DATA, help="output folder (default: the package data)")
    ap.add_argument(
        "--compact-only",
        action="store_true",
        help="rewrite the shipped lm_trigram.npz with int64 keys into the run format, without a rebuild",
    )
    a = ap.parse_args()
    if a.compact_only:
        rewrite_compact(a.out / "lm_trigram.npz", a.out / "lm_trigram.meta.json")
        return
    vocab, ids = tokenise_corpus()
    full, arrays, discount = kn_model(ids, len(vocab), a.min_bigram, a.min_trigram)
    tables = {"vocab": np.array("\n".join(vocab)), **compact(arrays, len(vocab))}
    quad_meta: dict[str, object] = {}
    if a.order == 4:
        quad, d4 = quad_model(ids, len(vocab), full, arrays["tri_keys"], a.min_quad, a.min_rise, vocab.index(UNK))
        tables.update(quad)
        quad_meta = {
            "discounts_4gram": d4,
            "min_quad": a.min_quad,
            "min_rise": a.min_rise,
            "fourgrams": len(quad["quad_last"]),
        }
    a.out.mkdir(parents=True, exist_ok=True)
    # written under temporary names and moved into place, so readers never see half a model
    names = ("lm_trigram.npz", "lm_case.tsv.gz", "lm_trigram.meta.json")
    tmp_lm, tmp_case, tmp_meta = (a.out / f".{name}.tmp" for name in names)
    with open(tmp_lm, "wb") as fh:  # a file object, so numpy adds no ".npz" to the name
        np.savez_compressed(fh, **tables)
    meta = {
        "generated_by": "scripts/build_lm.py",
        "generated": datetime.date.today().isoformat(),
        "source": "/work/shared/corpus/*.txt.gz (18M syllables, legal/administrative Vietnamese), "
        "minus held-out lines (md5 bucket 0 of 50)",
        "model": f"lowercase syllable {'4-gram (pruned 4-gram level over a full trigram)' if a.order == 4 else 'trigram'}, "
        "interpolated modified Kneser-Ney, log10 probabilities",
        "discounts_bigram_trigram": discount,
        "min_bigram": a.min_bigram,
        "min_trigram": a.min_trigram,
        **quad_meta,
        # order 4 as the decoder scores it: the trigram wherever no 4-gram is stored, no backoff
        # weight, hence not normalised (with backoff weights and every 4-gram seen twice: 8.5)
        "perplexity_heldout_by_order": perplexity(tables, vocab),
        "tokens": int(len(ids)),
        "vocab": len(vocab),
        "bytes": tmp_lm.stat().st_size,
        "format": "key tables as runs: <name>_runs uint16 per prefix, <name>_last int16 (build_lm.compact); "
        "4-grams as quad_runs uint16 per trigram row, quad_last int16, quad_logp float16 (build_lm.quad_model)",
    }
    write_case_tables(vocab, tmp_case)
    tmp_meta.write_text(json.dumps(meta, indent=1))
    for tmp, name in zip((tmp_lm, tmp_case, tmp_meta), names):
        tmp.replace(a.out / name)
    print(json.dumps(meta), file=sys.stderr)


def rewrite_compact(path: Path, meta_path: Path) -> None:
    """Convert an lm_trigram.npz holding int64 key tables to the run format (same model, fewer bytes)."""
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    vocab = arrays.pop("vocab")
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, vocab=vocab, **compact(arrays, len(str(vocab).split("\n"))))
    meta = json.loads(meta_path.read_text())
    meta["bytes"] = tmp.stat().st_size
    meta["format"] = "key tables as runs: <name>_runs uint16 per prefix, <name>_last int16 (build_lm.compact)"
    tmp.replace(path)
    meta_path.write_text(json.dumps(meta, indent=1))
    print(json.dumps(meta), file=sys.stderr)


if __name__ == "__main__":
    main()
