"""Lowercase syllable 4-gram LM (interpolated modified Kneser-Ney) with vectorised hash lookups: id tuples -> log10 P.

The tables come from scripts/build_lm.py (data/lm_trigram.npz, provenance in lm_trigram.meta.json):
n-grams sorted by their int64 keys (u*V+v)*V+w, stored as runs (a run length per prefix and the
last id of each n-gram), with float16 log10 probabilities, and backoff weights for the contexts.
Unseen trigrams back off to the bigram, unseen bigrams to the KN unigram. Bigrams and contexts
are found through hash tables (`KeyIndex`), trigrams by a binary search within their context's
run of the sorted keys (`RunIndex`): no table to build for the 1.7M trigrams, so the model loads
in well under a second. A pruned 4-gram level, when the file has one, is stored the same way:
runs of next ids per trigram row, found from the trigram's row (`quadgram`).
"""

from __future__ import annotations

import functools

import numpy as np

from directive_parser import resources
from directive_parser.repair.lm_text import BOS, NUM, UNK

HASH_MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing of int64 n-gram keys
HASH_LOAD = 0.4  # table slots per key ≥ 1/HASH_LOAD, rounded up to a power of two
# Backoff weights are floored at decode time. A frequent context with few distinct continuations gets a tiny
# backoff weight: the legal corpus writes "Thủ tướng Chính phủ" 5,000 times and "Thủ tướng yêu cầu" never, so
# P(yêu | thủ tướng) was 10^-6.9 while the rare "thủ tưởng" backed off to the unigram (10^-3.6) and won
# ("Thủ tưởng yêu cầu", "Phó Thủ trưởng sở hợp"). Floored, a news sentence after such a context costs at most
# this much more than its lower order (real_b dev 0.9451 -> 0.9454, dev_scan 0.9642 -> 0.9645; -1.0 to -2.0 all
# within 0.0002 of that).
BOW_FLOOR_BIGRAM = -1.5
BOW_FLOOR_TRIGRAM = -1.5


class KeyIndex:
    """Open-addressing hash over a sorted int64 key array: query keys -> (positions, present).

    A lookup costs one or two random reads instead of a ~20-step binary search; used for the
    bigram and context tables (0.4M keys each), whose look-ups the decoder makes most often.
    """

    def __init__(self, keys: np.ndarray) -> None:
        """Place keys by linear probing without wrap-around: sorted by home slot, each key takes
        the first slot at or after its home that the previous one left free (a running maximum)."""
        self.keys = keys
        self.bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) / HASH_LOAD))))
        order = _argsort_small(self._hash(keys), self.bits)
        home = self._hash(keys[order])
        step = np.arange(len(keys))
        slots = np.maximum.accumulate(home - step) + step if len(keys) else step
        size = max(1 << self.bits, int(slots[-1]) + 2 if len(keys) else 0)  # an empty slot ends every run
        self.slot_key = np.full(size, -1, np.int64)
        self.slot_pos = np.zeros(size, np.int32)
        self.slot_key[slots], self.slot_pos[slots] = keys[order], order

    def _hash(self, q: np.ndarray) -> np.ndarray:
        return ((q.astype(np.uint64) * HASH_MULT) >> np.uint64(64 - self.bits)).astype(np.int64)

    def find(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of query keys in the sorted key array (0 when absent) and whether they are present."""
        pos = np.zeros(len(query), np.int64)
        hit = np.zeros(len(query), bool)
        slot = self._hash(query)
        todo = np.arange(len(query))
        while len(todo):
            found = self.slot_key[slot[todo]]
            match = found == query[todo]
            pos[todo[match]], hit[todo[match]] = self.slot_pos[slot[todo[match]]], True
            todo = todo[~match & (found != -1)]
            slot[todo] += 1
        return pos, hit


class RunIndex:
    """Sorted int64 keys prefix*size + last, searched within the run of their prefix: (prefix row, last) -> (positions, present).

    Trigram keys (u*V + v)*V + w sorted are runs of w per context (u, v); a query that knows its
    context's row in the context table finds w by a binary search of that run, most runs being
    short. Building it is two vectorised searches, no hash table: the model loads in a fraction
    of a second and keeps 4 bytes per key in memory.
    """

    def __init__(self, runs: np.ndarray, last: np.ndarray, size: int) -> None:
        """Index the keys stored as runs (`scripts/build_lm.compact`): run length per prefix row, last ids."""
        self.hi = np.cumsum(runs, dtype=np.int64)
        self.lo = self.hi - runs
        self.last = np.append(last.astype(np.int32), np.int32(size))  # a sentinel past the end

    @classmethod
    def from_keys(cls, keys: np.ndarray, size: int, prefixes: np.ndarray) -> RunIndex:
        """Index sorted keys by the sorted prefix array they extend (each key's prefix must be in it)."""
        head = keys // size
        runs = np.searchsorted(head, prefixes, side="right") - np.searchsorted(head, prefixes, side="left")
        return cls(runs, keys % size, size)

    def find(self, row: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of keys (prefixes[row], last) in the sorted key array (0 when absent) and whether present."""
        lo, hi = self.lo[row], self.hi[row]
        n = hi - lo
        todo = np.flatnonzero(n > 0)
        q, lo_t, n_t = last[todo], lo[todo], n[todo]
        while len(todo):  # lower bound, dropping the queries whose run is searched out
            half = n_t >> 1
            go = self.last[lo_t + half] < q
            lo_t = np.where(go, lo_t + half + 1, lo_t)
            n_t = np.where(go, n_t - half - 1, half)
            done = n_t == 0
            if done.any():
                lo[todo[done]] = lo_t[done]
                keep = ~done
                todo, q, lo_t, n_t = todo[keep], q[keep], lo_t[keep], n_t[keep]
        hit = (lo < hi) & (self.last[lo] == last)
        return np.where(hit, lo, 0), hit


def _argsort_small(values: np.ndarray, bits: int) -> np.ndarray:
    """Stable argsort of non-negative ints below 2**bits, as 16-bit digit passes: array -> order.

    numpy sorts 16-bit ints by radix, several times faster than its comparison sort of int64;
    the trigram table's index (1.7M keys) is built at every model load.
    """
    order = np.arange(len(values))
    for shift in range(0, bits, 16):
        digit = ((values[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
    return order


class SyllableLM:
    """Trigram (and 4-gram) log10 probabilities over syllable ids, looked up in batches with numpy."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        """Wrap the arrays of lm_trigram.npz: arrays -> model."""
        self.vocab: list[str] = str(arrays["vocab"]).split("\n")
        self.index: dict[str, int] = {w: i for i, w in enumerate(self.vocab)}
        self.size = size = len(self.vocab)
        self.uni = arrays["uni_logp"].astype(np.float32)
        self.bi_keys, self.bi_logp = KeyIndex(_keys(arrays, "bi", size)), arrays["bi_logp"].astype(np.float32)
        self.bi_bow = np.maximum(arrays["bi_bow"].astype(np.float32), BOW_FLOOR_BIGRAM)
        ctx_keys = _keys(arrays, "ctx", size)
        if "tri_runs" in arrays:
            self.tri_keys = RunIndex(arrays["tri_runs"], arrays["tri_last"], size)
        else:
            self.tri_keys = RunIndex.from_keys(arrays["tri_keys"], size, ctx_keys)
        self.tri_logp = arrays["tri_logp"].astype(np.float32)
        self.ctx_keys, self.ctx_bow = KeyIndex(ctx_keys), np.maximum(arrays["ctx_bow"].astype(np.float32), BOW_FLOOR_TRIGRAM)
        self.bos, self.num, self.unk = self.index[BOS], self.index[NUM], self.index[UNK]
        self.has_quad = "quad_runs" in arrays
        if self.has_quad:  # the pruned 4-gram level: runs of next ids per trigram row
            self.quad_keys = RunIndex(arrays["quad_runs"], arrays["quad_last"], size)
            self.quad_logp = arrays["quad_logp"].astype(np.float32)

    def word_id(self, word: str) -> int:
        """Id of a lowercase LM token, UNK when unknown: str -> int."""
        return self.index.get(word, self.unk)

    def bigram(self, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log10 P2(w | v) for aligned id pairs, backed off to the unigram: 2 arrays -> float32 array."""
        pos2, hit2 = self.bi_keys.find(v * self.size + w)
        return np.where(hit2, self.bi_logp[pos2], self.bi_bow[v] + self.uni[w])

    def pair_tables(self, v: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For aligned id pairs: (log10 P2(w|v), context backoff of (v,w), context present, its context row): 4 arrays."""
        size = self.size
        pos2, hit2 = self.bi_keys.find(v * size + w)
        p2 = np.where(hit2, self.bi_logp[pos2], self.bi_bow[v] + self.uni[w])
        posc, hitc = self.ctx_keys.find(v * size + w)
        return p2, np.where(hitc, self.ctx_bow[posc], 0.0).astype(np.float32), hitc, posc

    def trigram(self, ctx_row: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Stored log10 P(w|u v) for stored contexts (their `pair_tables` rows) and next ids, and whether stored: 2 arrays."""
        pos3, hit3 = self.tri_keys.find(ctx_row, w)
        return self.tri_logp[pos3], hit3

    def trigram_rows(self, ctx_row: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows in the trigram table of (context, next id) pairs, and whether stored: the 4-gram contexts, 2 arrays."""
        return self.tri_keys.find(ctx_row, w)

    def quadgram(self, tri_row: np.ndarray, hit: np.ndarray, x: np.ndarray, p3: np.ndarray) -> np.ndarray:
        """log10 P4(x | u v w) from the trigram rows of (u v w) (`trigram_rows`, `hit` where stored) and
        the trigram log10 P3(x | v w), which stands wherever no 4-gram is stored: arrays -> float32 array.

        The 4-gram level keeps only 4-grams whose context raises the trigram's estimate
        (scripts/build_lm.quad_model), so an unstored one takes the trigram's score without a
        backoff penalty: a frequent context ("quy định tại") does not push a damaged next word
        towards a rarer context that escapes the penalty (synthetic dev_scan 0.9610 with it, 0.9627 without).
        """
        if not self.has_quad:
            return p3
        pos4, hit4 = self.quad_keys.find(np.where(hit, tri_row, 0), x)
        return np.where(hit4 & hit, self.quad_logp[pos4], p3).astype(np.float32)

    def logp4(self, t: np.ndarray, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log10 P(w | t u v) for aligned int64 id arrays, backed off to the trigram: 4 arrays -> float32 array."""
        p3 = self.logp3(u, v, w)
        _, _, hitc, row = self.pair_tables(t, u)
        tri_row, hit = self.trigram_rows(row, v)
        return self.quadgram(tri_row, hit & hitc, w, p3)

    def logp3(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log10 P(w | u v) for aligned int64 id arrays: (u, v, w) -> float32 array."""
        p2 = self.pair_tables(v, w)[0]
        _, bow, hitc, row = self.pair_tables(u, v)
        p3, hit3 = self.trigram(row, w)
        return np.where(hitc & hit3, p3, bow + p2)


def _keys(arrays: dict[str, np.ndarray], name: str, size: int) -> np.ndarray:
    """The sorted int64 keys prefix*size + last of a table stored as runs (or as keys): arrays -> keys."""
    if f"{name}_keys" in arrays:
        return arrays[f"{name}_keys"]
    runs = arrays[f"{name}_runs"]
    return np.repeat(np.arange(len(runs), dtype=np.int64), runs) * size + arrays[f"{name}_last"]


@functools.cache
def load_lm() -> SyllableLM:
    """Load the shipped LM once: () -> SyllableLM."""
    return SyllableLM(resources.read_npz(resources.LM))


@functools.cache
def load_case_tables() -> tuple[dict[str, str], dict[str, float]]:
    """Load the Đ-abbreviation map and mid-sentence capital rates: () -> (abbrevs, cap rates).

    abbrevs maps the plain spelling OCR gives to the corpus spelling ("ND" -> "NĐ",
    "HDND" -> "HĐND"); cap rates say how often a word is capitalised mid-sentence
    ("bộ" 0.67 in "Bộ Tư pháp", "không" 0.05), keyed by the word or, where the next word
    changes it, by "word next" ("cao bằng" 0.95 against "cao" 0.04).
    """
    abbrevs: dict[str, str] = {}
    caps: dict[str, float] = {}
    for line in resources.gzip_lines(resources.CASE):
        row = line.split("\t")
        if row[0] == "abbrev":
            abbrevs[row[1]] = row[2]
        elif row[0] == "cap":
            caps[row[1]] = int(row[2]) / int(row[3])
        elif row[0] == "cap2":
            caps[f"{row[1]} {row[2]}"] = int(row[3]) / int(row[4])
    return abbrevs, caps
