"""Lowercase syllable trigram LM (interpolated modified Kneser-Ney) with vectorised hash lookups: id triples -> log10 P.

The tables come from scripts/build_lm.py (data/lm_trigram.npz, provenance in lm_trigram.meta.json):
sorted int64 keys (u*V+v)*V+w with float16 log10 probabilities, and backoff weights for the
contexts. Unseen trigrams back off to the bigram, unseen bigrams to the KN unigram.
"""

from __future__ import annotations

import functools

import numpy as np

from directive_parser import resources
from directive_parser.repair.lm_text import BOS, NUM, UNK

HASH_MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing of int64 n-gram keys
HASH_LOAD = 0.4  # table slots per key ≥ 1/HASH_LOAD, rounded up to a power of two


class KeyIndex:
    """Open-addressing hash over a sorted int64 key array: query keys -> (positions, present).

    A lookup costs one or two random reads instead of a ~20-step binary search, which made
    the trigram lookups of the decoder its slowest step; built once when the LM loads.
    """

    def __init__(self, keys: np.ndarray) -> None:
        """Place keys by linear probing without wrap-around: sorted by home slot, each key takes
        the first slot at or after its home that the previous one left free (a running maximum)."""
        self.keys = keys
        self.bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) / HASH_LOAD))))
        order = np.argsort(self._hash(keys), kind="stable")
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


class SyllableLM:
    """Trigram log10 probabilities over syllable ids, looked up in batches with numpy."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        """Wrap the arrays of lm_trigram.npz: arrays -> model."""
        self.vocab: list[str] = str(arrays["vocab"]).split("\n")
        self.index: dict[str, int] = {w: i for i, w in enumerate(self.vocab)}
        self.size = len(self.vocab)
        self.uni = arrays["uni_logp"].astype(np.float32)
        self.bi_keys, self.bi_logp = KeyIndex(arrays["bi_keys"]), arrays["bi_logp"].astype(np.float32)
        self.bi_bow = arrays["bi_bow"].astype(np.float32)
        self.tri_keys, self.tri_logp = KeyIndex(arrays["tri_keys"]), arrays["tri_logp"].astype(np.float32)
        self.ctx_keys, self.ctx_bow = KeyIndex(arrays["ctx_keys"]), arrays["ctx_bow"].astype(np.float32)
        self.bos, self.num, self.unk = self.index[BOS], self.index[NUM], self.index[UNK]

    def word_id(self, word: str) -> int:
        """Id of a lowercase LM token, UNK when unknown: str -> int."""
        return self.index.get(word, self.unk)

    def pair_tables(self, v: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For aligned id pairs: (log10 P2(w|v), context backoff of (v,w), context present): 3 arrays."""
        size = self.size
        pos2, hit2 = self.bi_keys.find(v * size + w)
        p2 = np.where(hit2, self.bi_logp[pos2], self.bi_bow[v] + self.uni[w])
        posc, hitc = self.ctx_keys.find(v * size + w)
        return p2, np.where(hitc, self.ctx_bow[posc], 0.0).astype(np.float32), hitc

    def trigram(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Stored log10 P(w|u v) for aligned id triples and whether it is stored: 2 arrays."""
        pos3, hit3 = self.tri_keys.find((u * self.size + v) * self.size + w)
        return self.tri_logp[pos3], hit3

    def logp3(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """log10 P(w | u v) for aligned int64 id arrays: (u, v, w) -> float32 array."""
        p2, _, _ = self.pair_tables(v, w)
        _, bow, _ = self.pair_tables(u, v)
        p3, hit3 = self.trigram(u, v, w)
        return np.where(hit3, p3, bow + p2)


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
