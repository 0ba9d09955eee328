"""Word tokens of a folded text, the unit the gazetteer and the generic name patterns match on.

Folding: NFC, lower case, old tone placement moved to the new one ("uỷ" -> "ủy", "hoá" -> "hóa"),
dashes unified; offsets stay those of the original text.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import deque
from typing import NamedTuple

# Council and unit spellings composed with every province place name.
COUNCILS = {
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "ubnd": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "hđnd": "Hội đồng nhân dân",
}
UNITS = {"tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố", "tp .": "thành phố", "thủ đô": "thành phố"}
TITLES = {
    "bộ trưởng": "Bộ trưởng",
    "thứ trưởng": "Thứ trưởng",
    "chủ tịch": "Chủ tịch",
    "phó chủ tịch": "Phó Chủ tịch",
    "thống đốc": "Thống đốc",
    "phó thống đốc": "Phó Thống đốc",
    "tổng giám đốc": "Tổng Giám đốc",
    "giám đốc": "Giám đốc",
    "chủ nhiệm": "Chủ nhiệm",
    "chánh án": "Chánh án",
    "chánh văn phòng": "Chánh Văn phòng",
    "viện trưởng": "Viện trưởng",
    "trưởng ban": "Trưởng ban",
    "người đứng đầu": "Người đứng đầu",
    "thủ trưởng": "Thủ trưởng",
    "bí thư": "Bí thư",
}
# "Bộ" + these is a set of things, not a ministry ("Bộ tiêu chí", "Bộ Quy tắc ứng xử").
NOT_MINISTRY = frozenset(
    {
        "luật",
        "mã",
        "đề",
        "sách",
        "khung",
        "phận",
        "đội",
        "kit",
        "quy",
        "tiêu",
        "chỉ",
        "hồ",
        "nguyên",
        "tài liệu",
        "dữ",
        "câu",
        "từ",
        "công cụ",
        "tư lệnh",
        "tổng",
        "chính trị",
        "nhận",
        "giải",
        "bản",
        "cẩm",
        "sổ",
        "mẫu",
        "thủ tục",
    }
)
# A capitalised word after "và"/"," starting one of these begins a new body, not a name part.
BODY_HEADS = frozenset(
    {
        "bộ",
        "ủy",
        "ubnd",
        "hđnd",
        "ban",
        "văn",
        "ngân",
        "thanh",
        "tòa",
        "viện",
        "kiểm",
        "đài",
        "thông",
        "chủ",
        "người",
        "thủ",
        "phó",
        "hội",
        "sở",
        "tổng",
        "cục",
        "đại",
        "bảo",
        "trung",
        "tập",
        "các",
    }
)
NAME_STOP = frozenset(
    {
        "chủ",
        "phối",
        "có",
        "thực",
        "khẩn",
        "theo",
        "tổng",
        "báo",
        "đôn",
        "phê",
        "xem",
        "điều",
        "xây",
        "để",
        "được",
        "định",
        "với",
        "ở",
        "trình",
        "tổ",
        "kiểm",
        "hướng",
        "và",
        "tiếp",
        "nghiên",
        "rà",
        "triển",
        "tăng",
        "chịu",
        "khi",
        "trong",
        "tại",
    }
)

TOKEN = re.compile(r"\w+|[^\w\s]")
_TONE_MOVES = {
    f"{v}{t}": f"{m}{v2}"
    for v, v2, tones, marks in (("o", "a", "àáảãạ", "òóỏõọ"), ("o", "e", "èéẻẽẹ", "òóỏõọ"), ("u", "y", "ỳýỷỹỵ", "ùúủũụ"))
    for t, m in zip(tones, marks)
}
_TONE_RE = re.compile("|".join(_TONE_MOVES))
# One-character-for-one mark stripping of folded (lower-case NFC) text: "bộ tài chính" -> "bo tai chinh".
# A table for str.translate, so a whole text is stripped in one C-level pass and offsets stay valid.
PLAIN_TABLE = str.maketrans(
    {
        c: p
        for c in map(chr, range(0xC0, 0x1EFA))
        if c.islower() and len(p := unicodedata.normalize("NFD", c)[0]) == 1 and p != c and p.isascii()
    }
    | {"đ": "d"}
)


class Tok(NamedTuple):
    """One word or punctuation token. A tuple, so a text's tokens are built in C (`_scan`)."""

    fold: str  # lower case, new tone placement: "ủy"
    raw: str  # as written: "Uỷ"
    start: int
    end: int
    cac_start: int | None  # offset of a dropped "các" right before this token
    plain: str = ""  # `fold` without marks: "uy" (OCR that lost or garbled the marks)
    cap: bool = False  # starts with a capital letter


def fold_name(text: str) -> str:
    """Lower-case and new-style tone placement, keeping the length (offsets stay valid)."""
    text = text.replace("Ð", "Đ")
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters: keep such letters as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if "–" in low or "—" in low:
        low = low.replace("–", "-").replace("—", "-")
    return _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(0)], low)


def plain(folded: str) -> str:
    """Folded text without its marks, same length: "ủy ban nhân dân" -> "uy ban nhan dan"."""
    return folded.translate(PLAIN_TABLE)


def nfc_with_map(text: str) -> tuple[str, list[int] | None]:
    """NFC text and, for each of its characters, the offset in `text` (plus one past the end);
    None for the map when `text` is already NFC (offsets are the identity)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out, offsets, i = [], [], 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        out.append(piece)
        offsets.extend([i] * len(piece))
        i = j
    offsets.append(len(text))
    return "".join(out), offsets


# TOKEN with a group: `split` returns the gaps and the tokens in turn, all in C.
_SPLIT = re.compile(r"(\w+|[^\w\s])")
_new_tuple = tuple.__new__  # `map(_new_tuple, repeat(Tok), rows)`: a Tok per row, with no Python call between
# Words recur (a directive has a few thousand tokens, a few hundred distinct words): each word's
# folded and unmarked forms and capital are worked out once and then looked up, in C (`map` over the words).
WORD_CACHE = 1 << 15


class PerWord(dict):
    """word -> `fn(word)`, filled on first use; emptied when it grows past WORD_CACHE words."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, word: str):
        if len(self) >= WORD_CACHE:
            self.clear()
        value = self[word] = self.fn(word)
        return value


# Folding is per word (lower case and tone placement never cross a word's edge, and keep a word's
# length), so the raw words are split once and each distinct word folded once: no folded copy of
# the text, no slicing of raw words from it.
_fold_words = PerWord(fold_name)
_plain_words = PerWord(lambda w: _fold_words[w].translate(PLAIN_TABLE))
_capital_words = PerWord(lambda w: w[0].isupper() and w[0].isalpha())


def word_forms(raw: str) -> tuple[str, str, bool]:
    """The `fold`, `plain` and `cap` fields of the token of word `raw`: ("Uỷ") -> ("ủy", "uy", True)."""
    return _fold_words[raw], _plain_words[raw], _capital_words[raw]


def _scan(text: str, pos: int, toks: list[Tok]) -> list[Tok]:
    """`toks` with the tokens of `text` from offset `pos` on ("các" dropped) appended.

    The words and their offsets come from `re.split` and running sums, their folded and unmarked
    forms and capitals from per-word tables, rather than a Python loop over the matches: a token
    costs a few C calls (tokenising was half of a cold gazetteer scan, bench/bench_distinct.py)."""
    parts = _SPLIT.split(text[pos:] if pos else text)
    n = len(parts) // 2
    if not n:
        return toks
    offsets = list(itertools.accumulate(map(len, parts), initial=pos))
    starts, ends = offsets[1 : 2 * n : 2], offsets[2 : 2 * n + 1 : 2]
    raws = parts[1::2]
    words = list(map(_fold_words.__getitem__, raws))
    cacs: list[int | None] = [None] * n
    dropped = []
    if "các" in words:
        k = words.index("các")
        while True:
            dropped.append(k)
            if k + 1 < n:
                cacs[k + 1] = starts[k]  # a run "các các" leaves the last one's offset
            try:
                k = words.index("các", k + 1)
            except ValueError:
                break
    bares = map(_plain_words.__getitem__, raws)
    caps = map(_capital_words.__getitem__, raws)
    new = list(map(_new_tuple, itertools.repeat(Tok, n), zip(words, raws, starts, ends, cacs, bares, caps)))
    for k in reversed(dropped):
        del new[k]
    toks.extend(new)
    return toks


# The last few texts tokenised, as (text, tokens). The extraction scans a clause and
# then the same clause run on ("thẻ bảo hiểm y tế, " then "thẻ bảo hiểm y tế, cấp, quản lý thẻ …"),
# a sentence and then its start: a third of the characters scanned on a distinct archive are
# a prefix of a text scanned just before (bench/bench_distinct.py).
RECENT_TEXTS = 4
_recent: deque[tuple[str, tuple[Tok, ...]]] = deque(maxlen=RECENT_TEXTS)
# A shared start shorter than this is not worth looking for.
MIN_SHARED = 16


def _shared(a: str, b: str) -> int:
    """Length of the common start of `a` and `b` (a binary search of slice comparisons, in C)."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    lo, hi = 0, n  # a[:lo] == b[:lo], a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def tokens(text: str) -> list[Tok]:
    """Word and punctuation tokens of NFC `text`, "các" dropped (its offset kept on the next token).

    When `text` starts like one of the last texts tokenised, that text's tokens which end before
    the first differing character are reused (folding is per character and per word, so they are
    the same) and only the rest is tokenised.
    """
    best, shared = None, MIN_SHARED
    head = text[:MIN_SHARED]
    for entry in tuple(_recent):  # a snapshot: another thread may be tokenising too
        if entry[0].startswith(head) and (n := _shared(entry[0], text)) > shared:
            best, shared = entry, n
    if best is None:
        toks = _scan(text, 0, [])
    else:
        seen, seen_toks = best
        if shared == len(seen) == len(text):
            return list(seen_toks)
        # a token ending at the first difference may go on in `text`: start again from the one before
        k = len(seen_toks)
        while k and seen_toks[k - 1].end >= shared:
            k -= 1
        p = seen_toks[k - 1].end if k else 0
        toks = _scan(text, p, list(seen_toks[:k]))
    _recent.append((text, tuple(toks)))
    return toks


@functools.lru_cache(maxsize=8192)
def key(text: str) -> tuple[str, ...]:
    """The folded words of a name, "các" dropped: "Uỷ ban nhân dân các tỉnh" -> ("ủy", "ban", "nhân", "dân", "tỉnh")."""
    return tuple(w for w in TOKEN.findall(fold_name(unicodedata.normalize("NFC", text))) if w != "các")


def is_cap(tok: Tok) -> bool:
    return tok.cap


def is_name_word(tok: Tok) -> bool:
    """A capitalised word of a name; ALL-CAPS header words are not ("THỦ TƯỚNG … TẠI")."""
    return tok.cap and (len(tok.raw) == 1 or not tok.raw.isupper())


def in_document_code(text: str, tok: Tok) -> bool:
    """ "CP"/"BCT"/"TTg" right after "-" or "/" belong to a number like 15/2025/NĐ-CP, 12/TT-BCT."""
    return tok.start > 0 and text[tok.start - 1] in "-/" and tok.raw.isalnum() and not tok.raw.islower()


def is_word(tok: Tok) -> bool:
    return tok.raw[0].isalpha()


def table_keys(table: dict[str, str]) -> dict[tuple[str, ...], str]:
    """A phrase table keyed by folded word tuples, for `match_table`."""
    return {tuple(k.split()): v for k, v in table.items()}


def match_table(
    toks: list[Tok], i: int, table: dict[tuple[str, ...], str], firsts: frozenset[str] | None = None
) -> tuple[int, str] | None:
    """The longest phrase of `table` (keys from `table_keys`, up to 4 words) at token i: (end, value)."""
    if i >= len(toks) or (firsts is not None and toks[i].fold not in firsts):
        return None
    for n in (4, 3, 2, 1):
        if i + n <= len(toks):
            words = tuple(t.fold for t in toks[i : i + n])
            if words in table:
                return i + n, table[words]
    return None


def cap_run(toks: list[Tok], j: int, limit: int = 4) -> int:
    """End of a run of capitalised words (hyphen allowed between them) starting at j."""
    k = j
    while k < len(toks) and k - j < limit:
        if is_name_word(toks[k]) or toks[k].fold == "-" and k > j and k + 1 < len(toks) and is_name_word(toks[k + 1]):
            k += 1
        else:
            break
    return k


COUNCIL_KEYS = table_keys(COUNCILS)
UNIT_KEYS = table_keys(UNITS)
TITLE_KEYS = table_keys(TITLES)
# First words of the tables: a token that starts none of their phrases is skipped at once.
COUNCIL_FIRSTS = frozenset(k[0] for k in COUNCIL_KEYS)
TITLE_FIRSTS = frozenset(k[0] for k in TITLE_KEYS)
