"""Align OCR-damaged Vietnamese text with clean reference texts: token pairs, each with a confidence.

Archives hold directives read by Tesseract's *English* model, which drops or garbles the
Vietnamese marks: "Thu tuéng Chinh phi" for "Thủ tướng Chính phủ", "ctia" for "của", "1a" for
"là", "B9 Cong an" for "Bộ Công an". When a clean text of the same document exists (the official
text, or a news article quoting part of it) the repair copies its wording:

1. Both texts are cut into word tokens; each token gets a *skeleton*: accents stripped,
   lowercased, and typical English-model confusions undone ("s6" -> "so", "1a" -> "la",
   "nhi¢m" -> "nhiem", non-initial "d"/"b" -> "o" since Vietnamese has them only as onsets).
2. Trigrams of skeletons that occur once in each text are anchors; the longest chain of anchors
   in the same order on both sides fixes the alignment (as in patience diff).
3. The gaps between anchors are aligned with `rapidfuzz` `Levenshtein.opcodes` on skeleton
   lists; unequal tokens are paired by a small dynamic programme (1:1, two OCR tokens for one
   reference token, one OCR token for two) scored by `fuzz.ratio` on skeletons. A pairing is
   accepted when its confidence reaches `ACCEPT_CONFIDENCE`; pairs boxed in by exact matches
   ("tight" gaps) need less character similarity than loose ones.
4. Only word tokens change. Line breaks, page furniture, the punctuation between words and the
   clause labels ("a)", "1.") are the OCR text's own.

`repair.reference` applies the pairs; OCR tokens no reference covers go to the blind restorer
(`repair.restore`). `assess_damage` decides whether a text needs any of this.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from directive_parser.errors import EncodingError, FileUnreadableError
from directive_parser.repair.damage import OCR_DIGIT_MAP, ocr_skeleton

ReferenceArg = str | os.PathLike | Sequence[str | os.PathLike]

#: A pairing is taken from the reference when its confidence reaches this.
ACCEPT_CONFIDENCE = 0.6
#: In a tight gap (as many OCR as reference tokens, at most `TIGHT_GAP` of them, exact matches
#: on both sides) confidence = TIGHT_BASE + (1 - TIGHT_BASE) * similarity.
TIGHT_GAP = 4
TIGHT_BASE = 0.5
#: Pairs scoring below this similarity are never paired by the gap aligner.
MIN_PAIR_SIMILARITY = 0.2
#: Gaps larger than this (tokens on either side) are not aligned token by token.
MAX_GAP = 60
#: Unaligned OCR runs at least this long are searched for elsewhere in the reference.
MOVED_MIN = 2
#: Gaps without anchors are aligned whole when (OCR tokens x reference tokens) stays under this.
MAX_FALLBACK_CELLS = 200_000_000
#: Anchor n-gram length.
ANCHOR_N = 3
#: Replace blocks larger than this are aligned 1:1 only when they are the same size.
MAX_DP_CELLS = 2500

#: A word token: a letter or digit, then letters, digits, marks and the junk glyphs the English
#: model puts inside words ("ci}a", "1&", "nhi¢m"). Group "tail" holds trailing glyphs that are
#: either punctuation or a misread letter ("di?" = "dữ", "vu!" = "vụ1"); the reference decides.
_WORD_RE = re.compile(r"(?:[^\W_]|[¢€¥])(?:[¥§]|[\w\u0300-\u036f&¢€{}|]|[?!’'](?=[^\W_]))*(?P<tail>[?!’']*)")


@dataclass(slots=True)
class Token:
    start: int
    end: int  # end of the core, without the ambiguous tail
    tail: str
    text: str
    skel: str
    nl_after: bool = False  # a line break separates this token from the next


@dataclass(slots=True)
class Pick:
    """What one reference offers for OCR tokens first..last."""

    first: int
    last: int
    replacement: str
    confidence: float
    ref_follow: str  # the reference character right after the replacement


def tokenize(text: str) -> list[Token]:
    """Word tokens of `text` with their offsets and skeletons."""
    out = []
    for m in _WORD_RE.finditer(text):
        tail = m.group("tail")
        end = m.end() - len(tail)
        core = text[m.start() : end]
        out.append(Token(m.start(), end, tail, core, ocr_skeleton(core)))
    for t, nxt in zip(out, out[1:]):
        t.nl_after = "\n" in text[t.end : nxt.start]
    return out


def read_references(reference: ReferenceArg) -> list[str]:
    if isinstance(reference, (str, os.PathLike)):
        reference = [reference]
    texts = []
    for ref in reference:
        if isinstance(ref, os.PathLike) or _is_existing_file(ref):
            try:
                data = Path(ref).read_bytes()
            except OSError as e:
                raise FileUnreadableError(f"cannot read reference: {e.strerror}", Path(ref)) from e
            ref = _decode_reference(data, Path(ref))
        texts.append(unicodedata.normalize("NFC", ref))
    return texts


def _decode_reference(data: bytes, path: Path) -> str:
    """A reference file's text: UTF-8 (BOM optional) or UTF-16 with BOM, else `EncodingError`."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EncodingError(
            f"reference text is not UTF-8 or UTF-16 (undecodable byte at offset {e.start}); save it as UTF-8", path
        ) from None


def _is_existing_file(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    try:
        return Path(s).is_file()
    except (OSError, ValueError):
        return False


# --- alignment -----------------------------------------------------------------------------


def _anchors(a: list[str], b: list[str], n: int) -> list[tuple[int, int]]:
    """Positions (i, j) of n-grams that occur exactly once in a and once in b, as a monotone chain."""
    ga = Counter(tuple(a[i : i + n]) for i in range(len(a) - n + 1))
    gb: dict[tuple, int] = {}
    seen: Counter[tuple] = Counter()
    for j in range(len(b) - n + 1):
        g = tuple(b[j : j + n])
        seen[g] += 1
        gb[g] = j
    pairs = [(i, gb[g]) for i in range(len(a) - n + 1) if ga[g := tuple(a[i : i + n])] == 1 and seen.get(g) == 1]
    return _longest_chain(pairs)


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of pairs (sorted by i) whose j values increase."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        p = bisect_left(tails, j)
        if p == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[p] = j
            tail_idx[p] = k
        prev[k] = tail_idx[p - 1] if p else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pairs[k])
        k = prev[k]
    return chain[::-1]


def align_tokens(ocr: list[Token], ref: list[Token], ref_text: str) -> dict[int, Pick]:
    """Picks keyed by first OCR token index, aligning against one reference."""
    picks: dict[int, Pick] = {}
    ctx = (([t.skel for t in ocr], [t.skel for t in ref]), ocr, ref, ref_text, picks)
    _align_range(ctx, (0, len(ocr), 0, len(ref)), ANCHOR_N)
    _align_moved(ctx)
    return picks


def _align_range(ctx, box, n: int) -> None:
    """Cut box at unique n-gram anchors; align small gaps directly, large ones with shorter anchors."""
    (a, b), ocr, ref, ref_text, picks = ctx
    i0, i1, j0, j1 = box
    if i0 >= i1 or j0 >= j1:
        return
    if i1 - i0 <= MAX_GAP and j1 - j0 <= MAX_GAP:
        _align_small(ctx, box)
        return
    if n < 2:  # repetitive text without unique anchors, or a passage the reference lacks
        if (i1 - i0) * (j1 - j0) <= MAX_FALLBACK_CELLS:
            _align_unanchored(ctx, box)
        return
    ci, cj = i0, j0
    for i, j in _anchors(a[i0:i1], b[j0:j1], n):
        i, j = i + i0, j + j0
        if i >= ci and j >= cj:
            _align_range(ctx, (ci, i, cj, j), n - 1)
        for t in range(n):
            if i + t >= ci and j + t >= cj:
                picks[i + t] = _pick(ref, ref_text, i + t, i + t, j + t, j + t, 1.0)
        ci, cj = max(ci, i + n), max(cj, j + n)
    _align_range(ctx, (ci, i1, cj, j1), n - 1)


def _align_unanchored(ctx, box) -> None:
    """Align a large gap with one Levenshtein pass: its equal runs of `ANCHOR_N` tokens or more
    act as anchors, and the stretches between them are aligned as small gaps."""
    (a, b), ocr, ref, ref_text, picks = ctx
    i0, i1, j0, j1 = box
    ci, cj = i0, j0
    op: Any
    for op in Levenshtein.opcodes(a[i0:i1], b[j0:j1]):
        tag, p1, p2, q1, q2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag != "equal" or p2 - p1 < ANCHOR_N:
            continue
        p1, p2, q1, q2 = p1 + i0, p2 + i0, q1 + j0, q2 + j0
        if p1 - ci <= MAX_GAP and q1 - cj <= MAX_GAP:
            _align_small(ctx, (ci, p1, cj, q1))
        else:
            _align_small(ctx, (ci, p1, cj, q1), min_equal_run=2)
        for k in range(p2 - p1):
            picks[p1 + k] = _pick(ref, ref_text, p1 + k, p1 + k, q1 + k, q1 + k, 1.0)
        ci, cj = p2, q2
    _align_small(ctx, (ci, i1, cj, j1), min_equal_run=1 if max(i1 - ci, j1 - cj) <= MAX_GAP else 2)


def _align_moved(ctx) -> None:
    """Second pass for OCR runs left unaligned because the OCR put them elsewhere (captions,
    pull quotes, footnotes): locate each run in the reference by its skeleton bigrams."""
    (a, b), ocr, ref, ref_text, picks = ctx
    covered = {k for k, p in picks.items() for k in range(k, p.last + 1)}
    where: dict[tuple[str, str], list[int]] = {}
    for j in range(len(b) - 1):
        where.setdefault((b[j], b[j + 1]), []).append(j)
    k = 0
    while k < len(a):
        if k in covered:
            k += 1
            continue
        end = k
        while end < len(a) and end not in covered:
            end += 1
        if MOVED_MIN <= end - k <= MAX_GAP:
            votes = Counter(j - i for i in range(k, end - 1) for j in where.get((a[i], a[i + 1]), ()))
            if votes:
                offset = votes.most_common(1)[0][0]
                lo, hi = max(0, k + offset), min(len(b), end + offset)
                _align_small(ctx, (k, end, lo, hi))
        k = end


def _align_small(ctx, box, min_equal_run: int = 1) -> None:
    """Align a gap with Levenshtein opcodes; pair the tokens of each unequal stretch.

    With `min_equal_run` > 1 (large gaps without anchors) shorter equal runs are chance matches
    of common words ("và", "các") and are ignored, as are unequal stretches beyond `MAX_GAP`.
    """
    (a, b), ocr, ref, ref_text, picks = ctx
    i0, i1, j0, j1 = box
    if i0 >= i1 or j0 >= j1:
        return
    for tag, p1, p2, q1, q2 in _grouped_opcodes(a[i0:i1], b[j0:j1]):
        p1, p2, q1, q2 = p1 + i0, p2 + i0, q1 + j0, q2 + j0
        if min_equal_run > 1 and (p2 - p1 < min_equal_run if tag == "equal" else max(p2 - p1, q2 - q1) > MAX_GAP):
            continue
        if tag == "equal":
            for k in range(p2 - p1):
                picks[p1 + k] = _pick(ref, ref_text, p1 + k, p1 + k, q1 + k, q1 + k, 1.0)
            continue
        tight = p2 - p1 == q2 - q1 <= TIGHT_GAP
        pairs = list(_pair_block(a, b, ocr, (p1, p2, q1, q2)))
        for first, last, rf, rl, sim in pairs:
            one_to_one = last == first and rl == rf
            conf = TIGHT_BASE + (1 - TIGHT_BASE) * sim if tight and one_to_one else sim
            picks[first] = _pick(ref, ref_text, first, last, rf, rl, conf)
        if tight and all(last == first and rl == rf and first - p1 == rf - q1 for first, last, rf, _, _ in pairs):
            # a word OCR garbled past recognition, boxed in by exact matches, is the reference word in its
            # place: "phép ae ee ee cho" for "phép có yêu cầu cho"; a number stays a number
            paired = {first for first, *_ in pairs}
            for k in range(p2 - p1):
                if p1 + k not in paired and _positional(ocr[p1 + k].text, ref[q1 + k].text):
                    picks[p1 + k] = _pick(ref, ref_text, p1 + k, p1 + k, q1 + k, q1 + k, ACCEPT_CONFIDENCE)


def _positional(ocr_word: str, ref_word: str) -> bool:
    """Tell whether an OCR token may take the reference word in its place by position alone: both have
    letters and neither is a number or code ("ee" -> "yêu", but "3" -> "ba" or "A0" -> "ở" no)."""
    return ocr_word.isalpha() and ref_word.isalpha()


def _grouped_opcodes(a: list[str], b: list[str]):
    """Levenshtein opcodes with each run of replace/insert/delete merged into one "replace"."""
    block = None
    for tag, p1, p2, q1, q2 in Levenshtein.opcodes(a, b):
        if tag == "equal":
            if block:
                yield block
                block = None
            yield tag, p1, p2, q1, q2
        elif block:
            block = ("replace", block[1], p2, block[3], q2)
        else:
            block = ("replace", p1, p2, q1, q2)
    if block:
        yield block


def _pair_block(a, b, ocr, box):
    """Pair the tokens of one replace block: yields (first, last, ref_first, ref_last, similarity)."""
    p1, p2, q1, q2 = box
    n, m = p2 - p1, q2 - q1
    if n * m > MAX_DP_CELLS:
        if n == m:
            for k in range(n):
                yield p1 + k, p1 + k, q1 + k, q1 + k, _sim(a[p1 + k], b[q1 + k])
        return
    # score[i][j]: best total gain aligning a[p1:p1+i] with b[q1:q1+j]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            best, how = -1.0, None
            if i and score[i - 1][j] > best:
                best, how = score[i - 1][j], (1, 0, 0.0)
            if j and score[i][j - 1] > best:
                best, how = score[i][j - 1], (0, 1, 0.0)
            for di, dj in ((1, 1), (2, 1), (1, 2)):
                if i >= di and j >= dj and (di == 1 or not ocr[p1 + i - 2].nl_after):
                    s = _sim("".join(a[p1 + i - di : p1 + i]), "".join(b[q1 + j - dj : q1 + j]))
                    gain = s - MIN_PAIR_SIMILARITY - (0.05 if di + dj > 2 else 0.0)
                    if s >= MIN_PAIR_SIMILARITY and score[i - di][j - dj] + gain > best:
                        best, how = score[i - di][j - dj] + gain, (di, dj, s)
            if how is not None:
                score[i][j], back[i][j] = best, how
    i, j, out = n, m, []
    while i or j:
        di, dj, s = back[i][j]
        if di and dj:
            out.append((p1 + i - di, p1 + i - 1, q1 + j - dj, q1 + j - 1, s))
        i, j = i - di, j - dj
    yield from reversed(out)


def _sim(x: str, y: str) -> float:
    """Similarity of an OCR skeleton x and a reference skeleton y, in [0, 1]."""
    if x.isdigit():
        if y.isdigit():  # a misread digit ("97" for "57"), never a different number
            return fuzz.ratio(x, y) / 100.0 if len(x) == len(y) else 0.0
        # a lone number where the reference has a word: "16" = "rõ", "1" = "I", "0" = "ở"
        x = x.translate(OCR_DIGIT_MAP)
        return max(fuzz.ratio(x.replace("1", "l"), y), fuzz.ratio(x.replace("1", "i"), y)) / 100.0
    return fuzz.ratio(x, y) / 100.0


def _pick(ref, ref_text, first, last, rf, rl, conf) -> Pick:
    replacement = ref_text[ref[rf].start : ref[rl].end] if rl > rf else ref[rf].text
    if rl > rf:
        replacement = " ".join(replacement.split())
    return Pick(first, last, replacement, min(1.0, conf), ref_text[ref[rl].end : ref[rl].end + 1])


# --- assembling the repaired text ----------------------------------------------------------


def merge(picks_per_ref: list[dict[int, Pick]]) -> dict[int, Pick]:
    """Per OCR token, the most confident accepted pick over all references."""
    best: dict[int, Pick] = {}
    for picks in picks_per_ref:
        for k, p in picks.items():
            if p.confidence >= ACCEPT_CONFIDENCE and (k not in best or p.confidence > best[k].confidence):
                best[k] = p
    out, covered_to = {}, -1
    for k in sorted(best):
        if k > covered_to:
            out[k] = best[k]
            covered_to = best[k].last
    return out
