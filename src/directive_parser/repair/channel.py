"""OCR channel model P(ocr token | clean syllable) and candidate generation: OCR core -> scored syllables.

Two sources, both learnt by scripts/build_channel.py from synthetic pages (corpus text rendered
and read by `tesseract -l eng`):

- a token table of observed pairs ("s6" <- "số" 134 times, "ctia" <- "của" 54 times);
- a character model, what OCR writes for each clean letter ("ộ" -> "6", "9", "o", "é"…),
  which scores pairs never seen and lets unseen tokens find candidates through the
  accent-free skeleton index of the syllable inventory ("d6i" -> "doi" -> đôi, đổi, đối, đời…).

The score of a pair mixes both: P = (1 - mu) c(o,s)/c(s) + mu Pchar(o|s), mu = max(MIN_CHAR_WEIGHT, BETA/(c(s)+BETA)).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from directive_parser import resources
from directive_parser.repair.lm import SyllableLM, load_lm
from directive_parser.repair.lm_text import has_shape, tone_fits_coda
from directive_parser.text.normalize import ascii_fold

BETA = 2.0  # weight of the character model against observed token counts…
MIN_CHAR_WEIGHT = 0.3  # …never below this share
CHAR_FLOOR = 1e-5  # probability of a character rewrite never seen in training
SAME_BASE_FLOOR = 1e-3  # …unless it only swaps marks on one base letter ("à" read "ả")
MAX_OUT = 3  # longest OCR output for one clean letter ("ư" -> "ti" counted as 2)
MAX_VARIANTS = 6  # skeleton variants kept for one OCR token
MAX_SEARCH_STEPS = 4000  # bound on the segmentation search for one OCR token
REVERSE_MIN_COUNT = 3  # an OCR string -> letter mapping must be seen this often…
REVERSE_MIN_P = 0.02  # …and make up this share of the string's readings
UNSEEN_LETTER_P = 0.05  # an OCR letter standing for itself when never seen so
# A symbol the channel never saw inside a word ("ci}a" của, "k¥" kỹ) may stand for any vowel or for
# nothing (a stray mark), each at this probability; the character model then ranks the readings.
WILDCARD_VOWELS = ("a", "e", "i", "o", "u", "y", "")
WILDCARD_P = 0.02
# Hand-listed look-alikes Tesseract's English model uses for Vietnamese letters, merged into the
# learnt reverse map when the synthetic pages never showed them: "B9" Bộ, "x4y" xây, "1a" là.
LOOKALIKES = {
    "0": "o",
    "1": "li",
    "3": "a",
    "4": "a",
    "5": "s",
    "6": "o",
    "8": "a",
    "9": "o",
    "@": "ao",
    "&": "e",
    "¢": "e",
    "€": "e",
    "|": "li",
    "!": "li",
    "®": "o",
    "§": "o",
    # the hook of ư read as a letter pair ("sittc" sức, "thitrc" thức, "nhittng" những, "ngjira" ngừa)
    "it": "u",
    "itt": "u",
    "itr": "u",
    "ir": "u",
    # …and after a g, whose tail OCR reads as a j ("phong ngjira" phòng ngừa, seen on three documents)
    "jir": "u",
    # …or as t, v or i and the horn as r or v ("phu ntr" phụ nữ, "bao vé dvr liéu" dữ liệu, "trong liva tuoi" lứa)
    "tr": "u",
    "vr": "u",
    "iv": "u",
    # a v read as a w ("toan khu wuc" vực; "w" alone is mostly ư: "wu tién" ưu tiên), and the ơ of ớ/ờ as a
    # zero before its o ("tinh hinh m0oi" mới)
    "w": "v",
    "0o": "o",
}
# A syllable's first letters OCR read as another pair: the r of "tr" run into the next letter's shoulder
# reads as h ("thuong hop" for "trường hợp"). The readings of the token spelled with the other pair join
# its candidates, the letter swap (clean r written h) at least at this probability (the synthetic pages
# show it at 0.0004, the real scans of the issue far more often); the LM weighs "tr" against "th"
# ("khen thưởng hợp đồng" keeps its th, "trong trường hợp" gets its tr back).
ONSET_LOOKALIKES = {"th": "tr"}
ONSET_LOOKALIKE_LETTERS = {("r", "h"): 0.01}
LOOKALIKE_P = 0.05
LOOKALIKE_FLOOR = 1e-3  # channel probability of a look-alike rewrite the synthetic pages never showed
SELF_FLOOR = 0.05  # channel probability floor for an accented syllable read as itself
# A token-table pair the character model finds next to impossible and that is a small share of
# the OCR token's readings is an alignment slip of the real OCR pairs (a table row read out of
# order: "sé" <- "thường", "dinh" <- "thông", "cac" <- "hướng"), no reading: its count is ignored.
# Rare real damage keeps its count: a large share of its token ("durge" <- "được" 12 of 12).
NOISE_CHAR_LOGP = -8.0
NOISE_SHARE = 0.05
# Candidates kept per token after scoring by channel + unigram (synthetic dev_scan: 8 -> 0.946, 16 -> 0.950)…
MAX_CANDIDATES = 16
PRUNE_MARGIN = 3.5  # …and only those within this many log10 units of the best (decoding cost grows with K^3)
# …where a word's prior is its unigram or, if higher, its best bigram P(w | v) over all words v before it,
# less this: a word the corpus writes after one word only ("dõi" after "theo", "ngừa" after "phòng") is
# rare alone (unigram -5.0) but certain in its context, which only the decoder sees ("theo đối" for "theo dõi").
CONTEXT_PRIOR_OFFSET = -1.0
CONTEXT_EXTRA_MAX = 4  # …behind the best MAX_CANDIDATES, whether the margin or the limit left them out
FUZZY2_MIN_LEN = 4  # tokens this long with no candidate at all try skeletons two edits away…
FUZZY2_MAX_EDITS = 2
FUZZY2_LIMIT = 40  # …keeping the nearest ones, same first letter only…
FUZZY2_TOP = -3.0  # …with channel scores shifted so the best gets this log10 score
UNSEEN_FUZZY = True  # …also, behind the look-alike readings, for letter tokens never seen whose skeleton is no syllable…
UNSEEN_EXTRA_PENALTY = -1.0  # …at this extra log10 cost…
UNSEEN_EXTRA_MAX = 6  # …and this many at most
# A short token of consonants only is a syllable whose vowels OCR dropped ("bt cap" bất cập, "cng tac"
# công tác, "thc hién" thực hiện): the syllables spelled with those consonants join its candidates,
# scored by the character model's deletion rates, for the LM to weigh against the token kept.
VOWELLESS_LEN = (2, 4)
VOWELS = frozenset("aeiouy")


class _LetterP(dict):
    """P(OCR string | one clean letter), a dict whose unseen outputs get the channel's floor."""

    def __init__(self, letter: str, probs: dict[str, float]) -> None:
        super().__init__(probs)
        self.letter = letter

    def __missing__(self, out: str) -> float:
        p = self[out] = Channel._floor(self.letter, out)
        return p


@dataclass(frozen=True)
class Candidate:
    """One clean syllable proposed for an OCR token with its channel log10 probability."""

    word: str
    word_id: int
    channel: float
    by_context: bool = False  # kept only for its context prior (`CONTEXT_PRIOR_OFFSET`): no reading out of context
    shifted: bool = False  # a far reading of badly damaged text, its score raised to FUZZY2_TOP for ranking


class Channel:
    """Token table + character model + skeleton index over the LM's syllable inventory."""

    def __init__(self, table: dict[str, dict[str, int]], chars: dict[str, dict[str, int]]) -> None:
        """Build indexes from the loaded tables: (pairs, char edits) -> Channel."""
        self.lm = load_lm()
        self.table = table
        self.clean_total: dict[str, int] = defaultdict(int)
        for outs in table.values():
            for s, n in outs.items():
                self.clean_total[s] += n
        self.char_p = {ch: self._normalise(outs) for ch, outs in chars.items()}
        self._letter_cache: dict[str, _LetterP] = {}
        self.prior = _context_prior(self.lm)
        self.inventory = frozenset(w for w in self.lm.vocab if has_shape(w))
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)
        for w in self.inventory:
            self.by_skeleton[ascii_fold(w)].append(w)
        self.by_consonants: dict[str, list[str]] = defaultdict(list)
        for sk in self.by_skeleton:
            self.by_consonants["".join(c for c in sk if c not in VOWELS)].append(sk)
        self.deletes: dict[str, set[str]] = defaultdict(set)
        for sk in self.by_skeleton:
            for d in _deletes1(sk):
                self.deletes[d].add(sk)
        self.reverse = self._reverse_map(chars)
        self.skeletons = sorted(self.by_skeleton)
        self.prefixes = frozenset(sk[:i] for sk in self.by_skeleton for i in range(len(sk) + 1))

    @staticmethod
    def _normalise(outs: dict[str, int]) -> dict[str, float]:
        total = sum(outs.values())
        return {o: n / total for o, n in outs.items()}

    @staticmethod
    def _reverse_map(chars: dict[str, dict[str, int]]) -> dict[str, dict[str, float]]:
        """For each OCR string, the skeleton letters it stood for with P(letter | string).

        '6' -> {'o': 0.97}, 'ir' -> {'u': 0.9} ("từ" read "tir"), 'd' -> {'d': 0.7, 'o': 0.3}
        ("thời" read "thdi"); '' -> letters OCR dropped altogether.
        """
        votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for ch, outs in chars.items():
            for o, n in outs.items():
                votes[o][ascii_fold(ch)] += n
        for o, letters in LOOKALIKES.items():
            for letter in letters:
                votes[o][letter] += 0  # make the key exist; given LOOKALIKE_P below if unseen
        out: dict[str, dict[str, float]] = {}
        for o, v in votes.items():
            tot = max(1, sum(v.values()))
            kept = {s: n / tot for s, n in v.items() if n >= REVERSE_MIN_COUNT and n / tot >= REVERSE_MIN_P}
            for letter in LOOKALIKES.get(o, ""):
                kept.setdefault(letter, LOOKALIKE_P)
            if kept:
                out[o] = kept
        return out

    def char_logps(self, ocr: str, words: list[str]) -> np.ndarray:
        """log10 Pchar(ocr | word) for many words at once, the DP of `char_logp` run on all rows together.

        Row r of the DP holds, for word r after its first i letters, the probability of each OCR
        prefix; a word shorter than the longest is padded with a letter that writes nothing with
        probability 1, so its last row carries over unchanged.
        """
        m = len(ocr)
        letters = sorted({c for w in words for c in w})
        code = {c: i + 1 for i, c in enumerate(letters)}  # 0 = padding
        n = max(len(w) for w in words)
        codes = np.zeros((len(words), n), np.int64)
        for r, w in enumerate(words):
            codes[r, : len(w)] = [code[c] for c in w]
        # emit[k, l, j] = P(letter l writes ocr[j-k:j]), for the k = 0..MAX_OUT characters ending at j
        emit = np.zeros((MAX_OUT + 1, len(letters) + 1, m + 1))
        emit[0, 0, :] = 1.0
        pieces = [ocr[j - k : j] for k in range(MAX_OUT + 1) for j in range(k, m + 1)]
        table = np.array([list(map(self._letter_p(c).__getitem__, pieces)) for c in letters]).reshape(len(letters), -1)
        at = 0
        for k in range(MAX_OUT + 1):
            emit[k, 1:, k:] = table[:, at : at + m + 1 - k]
            at += m + 1 - k
        last = np.zeros((len(words), m + 1))
        last[:, 0] = 1.0
        for i in range(n):
            e = emit[:, codes[:, i], :]
            row = last * e[0]
            for k in range(1, min(MAX_OUT, m) + 1):
                row[:, k:] += last[:, : m + 1 - k] * e[k, :, k:]
            last = row
        return np.log10(np.maximum(last[:, m], 1e-30))

    def char_logp(self, ocr: str, word: str) -> float:
        """log10 Pchar(ocr | word) summed over segmentations of ocr into per-letter outputs."""
        n, m = len(word), len(ocr)
        last = [1.0] + [0.0] * m
        for i, letter in enumerate(word, 1):
            probs = self._letter_p(letter)
            row = [0.0] * (m + 1)
            # only prefixes the first i letters can emit and the remaining ones can complete
            for j in range(max(0, m - MAX_OUT * (n - i)), min(m, MAX_OUT * i) + 1):
                tot = 0.0
                for k in range(min(j, MAX_OUT) + 1):
                    prev = last[j - k]
                    if prev:
                        tot += prev * probs[ocr[j - k : j]]
                row[j] = tot
            last = row
        return math.log10(max(last[m], 1e-30))

    def _letter_p(self, letter: str) -> _LetterP:
        """What OCR writes for one clean letter, with floors for unseen outputs filled in on demand."""
        probs = self._letter_cache.get(letter)
        if probs is None:
            learnt = self.char_p.get(letter, {})
            swaps = {out: max(p, learnt.get(out, 0.0)) for (clean, out), p in ONSET_LOOKALIKE_LETTERS.items() if clean == letter}
            probs = self._letter_cache[letter] = _LetterP(letter, {**learnt, **swaps})
        return probs

    @staticmethod
    @functools.cache
    def _floor(clean: str, out: str) -> float:
        """Probability of an unseen rewrite of one clean letter into an OCR string."""
        base = _fold(clean)
        if len(out) == 1 and _fold(out) == base:
            return SAME_BASE_FLOOR
        if base in LOOKALIKES.get(out, ""):  # a hand-listed look-alike: "B§" for "Bộ"
            return LOOKALIKE_FLOOR
        if base in "aeiouy" and any(not c.isalnum() for c in out):  # a stray symbol: "ci}a" của
            return LOOKALIKE_FLOOR
        return CHAR_FLOOR if len(out) == 1 else CHAR_FLOOR / 10

    def _fuzzy2(self, ocr: str) -> set[str]:
        """Syllables whose skeleton is within two edits of the OCR token's look-alike skeleton."""
        query = "".join(LOOKALIKES.get(c, ascii_fold(c))[:1] for c in ocr)
        hits = process.extract(
            query, self.skeletons, scorer=Levenshtein.distance, score_cutoff=FUZZY2_MAX_EDITS, limit=FUZZY2_LIMIT
        )
        return {w for sk, _, _ in hits if sk[:1] == query[:1] for w in self.by_skeleton[sk]}

    def variants(self, ocr: str) -> list[str]:
        """Inventory skeletons an OCR token may stand for, most likely first: 'tir' -> ['tu', 'tim', …].

        Segments the OCR string into pieces of 1-3 characters, maps each piece to skeleton
        letters through the reverse channel map, and keeps only paths that stay on a
        prefix of some syllable skeleton, so the search is small.
        """
        found: dict[str, float] = {}
        stack = [(0, "", 0.0)]
        steps = 0
        while stack and steps < MAX_SEARCH_STEPS:
            i, prefix, score = stack.pop()
            steps += 1
            if i == len(ocr):
                if prefix in self.by_skeleton and score > found.get(prefix, -99.0):
                    found[prefix] = score
                continue
            for size in range(1, MAX_OUT + 1):
                piece = ocr[i : i + size]
                if len(piece) < size:
                    break
                options = self.reverse.get(piece, {})
                if size == 1 and piece.isalpha() and _fold(piece) not in options:
                    options = {**options, _fold(piece): UNSEEN_LETTER_P}
                elif size == 1 and not options and not piece.isalnum():
                    options = dict.fromkeys(WILDCARD_VOWELS, WILDCARD_P)
                for letters, p in options.items():
                    nxt = prefix + letters
                    if nxt in self.prefixes:
                        stack.append((i + size, nxt, score + math.log10(p)))
        return sorted(found, key=lambda k: -found[k])[:MAX_VARIANTS]

    def candidates(self, ocr: str) -> list[Candidate]:
        """Scored clean syllables for a lowercase OCR core, best first: str -> list[Candidate]."""
        # corpus typos are no readings ("mửc" read "muc"), nor words the LM never saw, whose <unk> probability
        # would beat every syllable: "sđ" for "sd", "đươn" for "dun" (a foreign word read right stays)
        words = {w for w in self.table.get(ocr, {}) if tone_fits_coda(w) and (w == ocr or self.lm.word_id(w) != self.lm.unk)}
        vs = self.variants(ocr)
        for v in vs:
            words.update(self.by_skeleton.get(v, ()))
        for seen_as, onset in ONSET_LOOKALIKES.items():
            if ocr.startswith(seen_as):
                for v in self.variants(onset + ocr[len(seen_as) :]):
                    words.update(w for w in self.by_skeleton.get(v, ()) if w.startswith(onset))
        if VOWELLESS_LEN[0] <= len(ocr) <= VOWELLESS_LEN[1] and ocr.isalpha() and ocr.isascii() and not VOWELS & set(ocr):
            for sk in self.by_consonants.get(ocr, ()):
                words.update(self.by_skeleton[sk])
        if not words:  # fuzzy: skeletons one deletion/insertion/substitution away
            for v in vs or [ascii_fold(ocr)]:
                for d in {v, *_deletes1(v)}:
                    for sk in self.deletes.get(d, set()) | ({d} if d in self.by_skeleton else set()):
                        words.update(self.by_skeleton[sk])
        fuzzy2 = not words and len(ocr) >= FUZZY2_MIN_LEN
        if fuzzy2:  # badly damaged: "dugrc" for "được"
            words.update(self._fuzzy2(ocr))
        # damage never seen, whose own skeleton is no syllable ("duoec", "trucdc" for "được", "trước"): the
        # look-alike readings found so far may all be wrong, so the near skeletons join them, behind them
        unseen = (
            UNSEEN_FUZZY
            and not fuzzy2
            and len(ocr) >= FUZZY2_MIN_LEN
            and ocr.isalpha()
            and ocr not in self.table
            and ascii_fold(ocr) not in self.by_skeleton
        )
        out = self._scored(ocr, words)
        more = self._scored(ocr, self._fuzzy2(ocr) - words) if unseen else []
        best = max((c.channel for c in out + more), default=0.0)
        if (fuzzy2 or more) and best < FUZZY2_TOP:
            # rank among themselves by the char model; the LM weighs them against the token kept
            shift = FUZZY2_TOP - best
            out = [Candidate(c.word, c.word_id, c.channel + shift, shifted=True) for c in out]
            more = [Candidate(c.word, c.word_id, c.channel + shift + UNSEEN_EXTRA_PENALTY, shifted=True) for c in more]
        out = self._ranked(out, MAX_CANDIDATES)
        if more:
            top = out[0].channel + self.lm.uni[out[0].word_id] if out else None
            out += self._ranked(more, UNSEEN_EXTRA_MAX, top)
        return out

    def _scored(self, ocr: str, words: set[str]) -> list[Candidate]:
        """Channel log10 scores of clean syllables for one OCR core: the token table mixed with the char model."""
        seen = self.table.get(ocr, {})
        readings = sum(seen.values())
        out: list[Candidate] = []
        ordered = sorted(words)
        pcs = np.power(10.0, self.char_logps(ocr, ordered)).tolist() if ordered else []
        for w, pc in zip(ordered, pcs):
            total = self.clean_total.get(w, 0)
            mu = max(MIN_CHAR_WEIGHT, BETA / (total + BETA))
            n = seen.get(w, 0)
            if n and pc < 10.0**NOISE_CHAR_LOGP and n < NOISE_SHARE * readings:
                n = 0
            p = (1 - mu) * n / max(total, 1) + mu * pc
            if w == ocr and not ocr.isascii():  # an accented syllable is most likely already right
                p = max(p, SELF_FLOOR)
            out.append(Candidate(w, self.lm.word_id(w), math.log10(max(p, 1e-30))))
        return out

    def _ranked(self, out: list[Candidate], limit: int, top: float | None = None) -> list[Candidate]:
        """Best `limit` candidates by channel + unigram, those hopeless before any context is seen dropped
        (PRUNE_MARGIN below the best, or below `top`, the best of a list ranked before); then, behind them,
        up to CONTEXT_EXTRA_MAX more that pass the same margin by their context prior ("dõi" for "ddi")."""
        uni, prior = self.lm.uni, self.prior
        out = sorted(out, key=lambda c: -(c.channel + uni[c.word_id]))
        if not out:
            return out
        floor = (out[0].channel + uni[out[0].word_id] if top is None else top) - PRUNE_MARGIN
        kept = [c for c in out if c.channel + uni[c.word_id] >= floor]
        kept = kept[:limit]
        if top is not None or len(kept) == len(out):
            return kept
        rest = sorted(out[len(kept) :], key=lambda c: -(c.channel + prior[c.word_id]))
        floor = max(c.channel + prior[c.word_id] for c in out) - PRUNE_MARGIN
        extra = [Candidate(c.word, c.word_id, c.channel, True) for c in rest if c.channel + prior[c.word_id] >= floor]
        return kept + extra[:CONTEXT_EXTRA_MAX]


def _context_prior(lm: SyllableLM) -> np.ndarray:
    """Per word id, the larger of its unigram and its best bigram log10 P(w | v) plus CONTEXT_PRIOR_OFFSET."""
    keys = lm.bi_keys.keys
    best = np.full(lm.size, -np.inf, np.float32)
    np.maximum.at(best, keys % lm.size, lm.bi_logp)
    return np.maximum(lm.uni, best + CONTEXT_PRIOR_OFFSET)


@functools.lru_cache(maxsize=1 << 12)
def _fold(letters: str) -> str:
    """`ascii_fold` of a letter or short OCR piece, cached: the candidate search asks for a few hundred over and over."""
    return ascii_fold(letters)


def _deletes1(s: str) -> set[str]:
    """All strings made by deleting one character: 'doi' -> {'oi', 'di', 'do'}."""
    return {s[:i] + s[i + 1 :] for i in range(len(s))}


@functools.cache
def load_channel() -> Channel:
    """Load the shipped channel tables once: () -> Channel."""
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for line in resources.gzip_lines(resources.CHANNEL_TOKENS):
        if line.startswith("#"):
            continue
        o, c, n = line.split("\t")
        if _drops_a_word(o, c):
            continue
        table[o][c] = int(n)
    return Channel(dict(table), resources.read_json(resources.CHANNEL_CHARS))


MIN_DROPPED_LETTERS = 2


def _drops_a_word(ocr: str, clean: str) -> bool:
    """A pair the alignment of real OCR left when one OCR token covered two words: "soy" <- "y" for
    "Sở Y", "anninh" <- "ninh" for "an ninh". Read as a substitution it would drop the first word
    from the text; the merged-token split restores both instead."""
    plain = ascii_fold(clean)
    return ocr.isalpha() and len(ocr) - len(plain) >= MIN_DROPPED_LETTERS and ocr.endswith(plain) and bool(plain)


@functools.cache
def candidates_for(ocr: str) -> tuple[Candidate, ...]:
    """Cached candidate list of a lowercase OCR core: str -> tuple[Candidate, ...]."""
    return tuple(load_channel().candidates(ocr))
