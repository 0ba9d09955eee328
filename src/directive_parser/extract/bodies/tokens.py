"""Word tokens of a folded text, the unit the gazetteer and the generic name patterns match on.

Folding: NFC, lower case, old tone placement moved to the new one ("uỷ" -> "ủy", "hoá" -> "hóa"),
dashes unified; offsets stay those of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Tok:
    fold: str
    raw: str
    start: int
    end: int
    cac_start: int | None  # offset of a dropped "các" right before this token


def fold_name(text: str) -> str:
    """Lower-case and new-style tone placement, keeping the length (offsets stay valid)."""
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.replace("Ð", "Đ"))
    low = low.replace("–", "-").replace("—", "-")
    return _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(0)], low)


def nfc_with_map(text: str) -> tuple[str, list[int]]:
    """NFC text and, for each of its characters, the offset in `text` (plus one past the end)."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
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


def tokens(text: str) -> list[Tok]:
    folded = fold_name(text)
    toks: list[Tok] = []
    cac: int | None = None
    for m in TOKEN.finditer(folded):
        if m.group(0) == "các":
            cac = m.start()
            continue
        toks.append(Tok(m.group(0), text[m.start() : m.end()], m.start(), m.end(), cac))
        cac = None
    return toks


def key(text: str) -> tuple[str, ...]:
    return tuple(t.fold for t in tokens(unicodedata.normalize("NFC", text)))


def is_cap(tok: Tok) -> bool:
    return tok.raw[0].isalpha() and tok.raw[0].isupper()


def is_name_word(tok: Tok) -> bool:
    """A capitalised word of a name; ALL-CAPS header words are not ("THỦ TƯỚNG … TẠI")."""
    return is_cap(tok) and (len(tok.raw) == 1 or not tok.raw.isupper())


def in_document_code(text: str, tok: Tok) -> bool:
    """ "CP"/"BCT"/"TTg" right after "-" or "/" belong to a number like 15/2025/NĐ-CP, 12/TT-BCT."""
    return tok.start > 0 and text[tok.start - 1] in "-/" and tok.raw.isalnum() and not tok.raw.islower()


def is_word(tok: Tok) -> bool:
    return tok.raw[0].isalpha()


def match_table(toks: list[Tok], i: int, table: dict[str, str]) -> tuple[int, str] | None:
    for n in (4, 3, 2, 1):
        words = " ".join(t.fold for t in toks[i : i + n])
        if len(toks[i : i + n]) == n and words in table:
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
