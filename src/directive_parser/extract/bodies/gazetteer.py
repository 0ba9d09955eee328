"""Public-body gazetteer and finder: text -> list[BodyMatch], subject phrase -> list[Body].

The gazetteer (``data/bodies.tsv``, built by ``scripts/build_gazetteer.py``) lists the 2025
ministries and agencies, Party and National Assembly bodies, the 34 provinces, roles and group
phrases, with aliases and successors for pre-2025 names. Matching works on word tokens of a
*folded* text: NFC, lower case, old tone placement moved to the new one ("uỷ" -> "ủy",
"hoá" -> "hóa"), and the plural marker "các" dropped, so "Ủy ban nhân dân các tỉnh" and
"UBND tỉnh" walk the same trie. Leftmost-longest scanning picks, at each token, the longest of:
a trie entry, a title + body role ("Bộ trưởng Bộ Công an"), an enumeration ("các Bộ: Công an,
Quốc phòng"), or a generic pattern for names not in the list ("Bộ <Capitalised words>",
"Ủy ban nhân dân tỉnh <Name>", "Phó Thủ tướng <Name>", "Ban Chỉ đạo …").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from directive_parser import resources
from directive_parser.models import Body, BodyKind
from directive_parser.text.normalize import strip_marks

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio on folded names; 1 wrong letter in "Bộ Tài chính" scores ~92
FUZZY_MIN_LEN = 6
MAX_GENERIC_TOKENS = 14
CAP_KINDS = frozenset({BodyKind.ministry, BodyKind.agency, BodyKind.province})
# Council and unit spellings composed with every province place name.
COUNCILS = {"ủy ban nhân dân": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân",
            "hội đồng nhân dân": "Hội đồng nhân dân", "hđnd": "Hội đồng nhân dân"}
UNITS = {"tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố", "tp .": "thành phố", "thủ đô": "thành phố"}
TITLES = {"bộ trưởng": "Bộ trưởng", "thứ trưởng": "Thứ trưởng", "chủ tịch": "Chủ tịch",
          "phó chủ tịch": "Phó Chủ tịch", "thống đốc": "Thống đốc", "phó thống đốc": "Phó Thống đốc",
          "tổng giám đốc": "Tổng Giám đốc", "giám đốc": "Giám đốc", "chủ nhiệm": "Chủ nhiệm",
          "chánh án": "Chánh án", "viện trưởng": "Viện trưởng", "trưởng ban": "Trưởng ban",
          "người đứng đầu": "Người đứng đầu", "thủ trưởng": "Thủ trưởng", "bí thư": "Bí thư"}
# "Bộ" + these is a set of things, not a ministry ("Bộ tiêu chí", "Bộ Quy tắc ứng xử").
NOT_MINISTRY = frozenset({"luật", "mã", "đề", "sách", "khung", "phận", "đội", "kit", "quy", "tiêu", "chỉ",
                          "hồ", "nguyên", "tài liệu", "dữ", "câu", "từ", "công cụ", "tư lệnh", "tổng",
                          "chính trị", "nhận", "giải", "bản", "cẩm", "sổ", "mẫu", "thủ tục"})
# A capitalised word after "và"/"," starting one of these begins a new body, not a name part.
BODY_HEADS = frozenset({"bộ", "ủy", "ubnd", "hđnd", "ban", "văn", "ngân", "thanh", "tòa", "viện", "kiểm",
                        "đài", "thông", "chủ", "người", "thủ", "phó", "hội", "sở", "tổng", "cục", "đại",
                        "bảo", "trung", "tập", "các"})
NAME_STOP = frozenset({"chủ", "phối", "có", "thực", "khẩn", "theo", "tổng", "báo", "đôn", "phê", "xem",
                       "điều", "xây", "để", "được", "định", "với", "ở", "trình", "tổ", "kiểm", "hướng",
                       "và", "tiếp", "nghiên", "rà", "triển", "tăng", "chịu", "khi", "trong", "tại"})
APPOSITIVE = re.compile(r"(?:\s[-–]\s*|\(\s*)(?:là\s+)?(?:[Cc]ơ quan\s+)?(?:[Tt]hường trực|[Cc]hủ trì|[Đđ]ầu mối)\b")
LEADING_VERB = re.compile(r"^\s*(?:Giao|Đề nghị|Yêu cầu)\s+")
TOKEN = re.compile(r"\w+|[^\w\s]")
_TONE_MOVES = {f"{v}{t}": f"{m}{v2}" for v, v2, tones, marks in (
    ("o", "a", "àáảãạ", "òóỏõọ"), ("o", "e", "èéẻẽẹ", "òóỏõọ"), ("u", "y", "ỳýỷỹỵ", "ùúủũụ"))
    for t, m in zip(tones, marks)}
_TONE_RE = re.compile("|".join(_TONE_MOVES))


@dataclass(frozen=True)
class BodyMatch:
    """One body mention: character offsets into the text given to `find_bodies`."""

    start: int
    end: int
    body: Body


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: BodyKind
    cap: bool = False  # the mention must start with a capital letter
    bare: bool = False  # "tỉnh Lào Cai" without a council: a subject, not a mention
    cac: bool = False  # "các địa phương": too generic without its "các"


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entry: _Entry | None = None


@dataclass(frozen=True)
class _Tok:
    fold: str
    raw: str
    start: int
    end: int
    cac_start: int | None  # offset of a dropped "các" right before this token


def _fold(text: str) -> str:
    """Lower-case and new-style tone placement, keeping the length (offsets stay valid)."""
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.replace("Ð", "Đ"))
    low = low.replace("–", "-").replace("—", "-")
    return _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(0)], low)


def _nfc_with_map(text: str) -> tuple[str, list[int]]:
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


def _tokens(text: str) -> list[_Tok]:
    folded = _fold(text)
    toks: list[_Tok] = []
    cac: int | None = None
    for m in TOKEN.finditer(folded):
        if m.group(0) == "các":
            cac = m.start()
            continue
        toks.append(_Tok(m.group(0), text[m.start():m.end()], m.start(), m.end(), cac))
        cac = None
    return toks


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.fold for t in _tokens(unicodedata.normalize("NFC", text)))


def _is_cap(tok: _Tok) -> bool:
    return tok.raw[0].isalpha() and tok.raw[0].isupper()


def _is_name_word(tok: _Tok) -> bool:
    """A capitalised word of a name; ALL-CAPS header words are not ("THỦ TƯỚNG … TẠI")."""
    return _is_cap(tok) and (len(tok.raw) == 1 or not tok.raw.isupper())


def _in_document_code(text: str, tok: _Tok) -> bool:
    """"CP"/"BCT"/"TTg" right after "-" or "/" belong to a number like 15/2025/NĐ-CP, 12/TT-BCT."""
    return tok.start > 0 and text[tok.start - 1] in "-/" and tok.raw.isalnum() and not tok.raw.islower()


def _is_word(tok: _Tok) -> bool:
    return tok.raw[0].isalpha()


class Gazetteer:
    """Bodies from ``data/bodies.tsv`` indexed for exact, generic and fuzzy matching."""

    def __init__(self, tsv: str):
        self._root = _Node()
        self._fuzzy: dict[str, _Entry] = {}
        self._ascii: dict[str, _Entry | None] = {}
        rows = [(line.split("\t") + ["", "", ""])[:4] for line in tsv.splitlines()
                if line.strip() and not line.startswith("#")]
        successor = {r[0]: r[3] for r in rows}
        kinds = {r[0]: r[1] for r in rows}
        for name, _, aliases, _ in rows:
            final = name
            while successor.get(final):
                final = successor[final]
            kind = kinds[final]  # a former body takes its successor's kind (Ủy ban Dân tộc -> a ministry)
            spellings = [name, *filter(None, aliases.split("|"))]
            if kind == BodyKind.province:
                self._add_province(name, final, spellings[1:])
            else:
                for alias in spellings:
                    cap = BodyKind(kind) in CAP_KINDS and alias[0].isupper()
                    cac = alias.lower().startswith("các ") and len(_key(alias)) <= 2
                    self._add(alias, _Entry(final, BodyKind(kind), cap, cac=cac))

    def _add(self, alias: str, entry: _Entry, fuzzy: bool = True) -> None:
        node = self._root
        for part in _key(alias):
            node = node.children.setdefault(part, _Node())
        if node.entry is None or (node.entry.bare and not entry.bare):
            node.entry = entry
        if fuzzy:
            folded = " ".join(_key(alias))
            self._fuzzy.setdefault(folded, entry)
            plain = strip_marks(folded)
            self._ascii[plain] = entry if self._ascii.get(plain, entry) == entry else None

    def _add_province(self, name: str, final: str, places: list[str]) -> None:
        unit, place = name.removeprefix("Ủy ban nhân dân ").split(" ", 1) if name.startswith(
            "Ủy ban nhân dân tỉnh") else ("thành phố", name.removeprefix("Ủy ban nhân dân thành phố "))
        seat = final.removeprefix("Ủy ban nhân dân ")
        for spelling in [place, *places]:
            for council, canon in COUNCILS.items():
                for unit_spelling in [*UNITS, ""]:
                    alias = " ".join(filter(None, (council, unit_spelling, spelling)))
                    self._add(alias, _Entry(f"{canon} {seat}", BodyKind.province), fuzzy=False)
            for unit_spelling in UNITS:
                self._add(f"{unit_spelling} {spelling}", _Entry(final, BodyKind.province, bare=True), fuzzy=False)
        self._add(f"Ủy ban nhân dân {unit} {place}", _Entry(final, BodyKind.province))
        self._add(f"Hội đồng nhân dân {unit} {place}", _Entry(f"Hội đồng nhân dân {seat}", BodyKind.province))

    # -- exact and generic matching over tokens -------------------------------------------
    def _trie(self, toks: list[_Tok], i: int, bare: bool, full: bool = False) -> tuple[int, _Entry] | None:
        node: _Node | None = self._root
        best = None
        for j in range(i, len(toks)):
            node = node.children.get(toks[j].fold) if node is not None else None
            if node is None:
                break
            e = node.entry
            if e and (bare or not e.bare) and (full or not e.cap or _is_cap(toks[i])) \
                    and (full or not e.cac or toks[i].cac_start is not None):
                best = (j + 1, e)
        if full and best and best[0] != len(toks):
            return None
        return best

    def _candidates(self, toks: list[_Tok], i: int, bare: bool) -> list[list[tuple[int, int, str, BodyKind]]]:
        out = []
        hit = self._trie(toks, i, bare)
        if hit:
            out.append([(i, hit[0], hit[1].name, hit[1].kind)])
        # Generic patterns only where the list has nothing: "Bộ Công Thương ban hành" is not a name.
        generic = (_deputy_pm, _steering_committee) if hit else (
            _generic_ministry, _generic_province, _deputy_pm, _steering_committee, _generic_unit)
        for found in (self._titled(toks, i), self._enumeration(toks, i), *(fn(toks, i) for fn in generic)):
            if found:
                out.append(found)
        return out

    def _titled(self, toks: list[_Tok], i: int) -> list | None:
        for n in (3, 2):
            words = " ".join(t.fold for t in toks[i:i + n])
            if words in TITLES and _is_cap(toks[i]) and i + n < len(toks):
                body = self._trie(toks, i + n, False) or _as_hit(_generic_ministry(toks, i + n)) \
                    or _as_hit(_generic_province(toks, i + n))
                if body and body[1].kind in CAP_KINDS:
                    return [(i, body[0], f"{TITLES[words]} {body[1].name}", BodyKind.role)]
        return None

    def _enumeration(self, toks: list[_Tok], i: int) -> list | None:
        """"các Bộ: Công an, Quốc phòng" / "UBND các tỉnh Lào Cai, Yên Bái" -> one body per item."""
        if toks[i].fold == "bộ":
            j, prefix, council = i + 1, "Bộ ", None
            listed = toks[i].cac_start is not None
        else:
            council = _match_table(toks, i, COUNCILS)
            unit = _match_table(toks, council[0], {"tỉnh , thành phố": "tỉnh", **UNITS}) if council else None
            if not council or not unit:
                return None
            j, prefix, listed = unit[0], "tỉnh ", toks[council[0]].cac_start is not None
        if j < len(toks) and toks[j].fold == ":":
            j, listed = j + 1, True
        items, start = [], i
        while listed and j < len(toks):
            k = j
            while k < len(toks) and toks[k].fold not in {",", "và", ";", ".", ":"}:
                k += 1
            head = _tokens(prefix)
            hit = self._trie(head + toks[j:k], 0, True) if k > j else None
            if not hit or hit[0] <= len(head) or (council is None and hit[1].kind != BodyKind.ministry):
                break
            last, k = hit[0] < len(head) + k - j, j + hit[0] - len(head)  # "Ngoại giao thực hiện": stop after it
            name = hit[1].name if council is None else f"{council[1]} {hit[1].name.removeprefix('Ủy ban nhân dân ')}"
            items.append((start, k, name, hit[1].kind))
            if k < len(toks) and toks[k].fold in {",", "và"} and k + 1 < len(toks) and toks[k + 1].fold == "và":
                k += 1
            j, start = k + 1, k + 1
            if last:
                break
        return items if len(items) >= 2 else None

    def scan(self, text: str, bare: bool) -> list[BodyMatch]:
        norm, offsets = _nfc_with_map(text)
        toks, out, i = _tokens(norm), [], 0
        while i < len(toks):
            cands = self._candidates(toks, i, bare)
            if not cands or _in_document_code(norm, toks[i]):
                i += 1
                continue
            best = max(cands, key=lambda c: c[-1][1])  # max() keeps the first (trie) on ties
            for s, e, name, kind in best:
                cac = toks[s].cac_start
                start = cac if kind in (BodyKind.group, BodyKind.role) and cac is not None else toks[s].start
                a, b = offsets[start], offsets[toks[e - 1].end]
                out.append(BodyMatch(a, b, Body(name=name, text=text[a:b], kind=kind)))
            i = best[-1][1]
        return out

    def lookup(self, name: str) -> Body | None:
        text = unicodedata.normalize("NFC", name.strip())
        toks = _tokens(text)
        while toks and not _is_word(toks[-1]):
            toks.pop()
        if not toks:
            return None
        hit = self._trie(toks, 0, True, full=True)
        if hit:
            return Body(name=hit[1].name, text=name.strip(), kind=hit[1].kind)
        entry = self._fuzzy_entry(" ".join(t.fold for t in toks))
        if entry:
            return Body(name=entry.name, text=name.strip(), kind=entry.kind)
        found = self.scan(text[:toks[-1].end], bare=True)  # generic patterns and title + body
        if len(found) == 1 and found[0].start <= toks[0].start and found[0].end >= toks[-1].end:
            return Body(name=found[0].body.name, text=name.strip(), kind=found[0].body.kind)
        return None

    def _fuzzy_entry(self, folded: str) -> _Entry | None:
        plain = self._ascii.get(strip_marks(folded))
        if plain:
            return plain
        if len(folded) < FUZZY_MIN_LEN:
            return None
        best = process.extract(folded, list(self._fuzzy), scorer=fuzz.ratio, limit=2, score_cutoff=FUZZY_CUTOFF)
        if not best:
            return None
        if len(best) == 2 and best[1][1] == best[0][1] and self._fuzzy[best[1][0]] != self._fuzzy[best[0][0]]:
            return None  # a tie between two bodies: refuse to guess
        return self._fuzzy[best[0][0]]



def _as_hit(found: list | None) -> tuple[int, _Entry] | None:
    return (found[0][1], _Entry(found[0][2], found[0][3])) if found else None


def _match_table(toks: list[_Tok], i: int, table: dict[str, str]) -> tuple[int, str] | None:
    for n in (4, 3, 2, 1):
        words = " ".join(t.fold for t in toks[i:i + n])
        if len(toks[i:i + n]) == n and words in table:
            return i + n, table[words]
    return None


def _cap_run(toks: list[_Tok], j: int, limit: int = 4) -> int:
    """End of a run of capitalised words (hyphen allowed between them) starting at j."""
    k = j
    while k < len(toks) and k - j < limit:
        if _is_name_word(toks[k]) or toks[k].fold == "-" and k > j and k + 1 < len(toks) and _is_name_word(toks[k + 1]):
            k += 1
        else:
            break
    return k


def _generic_ministry(toks: list[_Tok], i: int) -> list | None:
    """"Bộ <Capitalised words>": a ministry missing from the list (capital B, capital name)."""
    if toks[i].raw != "Bộ" or i + 1 >= len(toks) or not _is_cap(toks[i + 1]):
        return None
    first = toks[i + 1].fold
    if first in NOT_MINISTRY or f"{first} {toks[i + 2].fold if i + 2 < len(toks) else ''}" in NOT_MINISTRY:
        return None
    j = end = i + 1
    while j < len(toks) and j - i < MAX_GENERIC_TOKENS and _is_cap(toks[j]):
        k = _cap_run(toks, j)
        if k == j:
            break  # an all-capitals word ("Bộ GD-ĐT", "Bộ KẾ HOẠCH") is no name word: stop, never spin
        j = k
        if j < len(toks) and _is_word(toks[j]) and not _is_cap(toks[j]) and toks[j].fold not in NAME_STOP:
            j += 1  # Vietnamese words are mostly two syllables: "Kinh tế", "Nông nghiệp"
        end = j
        if j < len(toks) and _is_cap(toks[j]) and toks[j].fold not in BODY_HEADS:
            continue  # "Bộ Hạ tầng Số"
        if j + 1 < len(toks) and toks[j].fold in {"và", ","} and _is_cap(toks[j + 1]) \
                and toks[j + 1].fold not in BODY_HEADS:
            j += 1
            continue
        break
    name = "Bộ " + " ".join(t.raw for t in toks[i + 1:end]).replace(" ,", ",")
    return [(i, end, name, BodyKind.ministry)] if end > i + 1 else None


# Heads of subordinate units named in directives: "Cục Công nghệ thông tin", "Sở Y tế", "Vụ Kế hoạch -
# Tài chính", "Tổng cục Thống kê". A capital after the head makes it a name.
UNIT_HEADS = {("cục",): "Cục", ("tổng", "cục"): "Tổng cục", ("vụ",): "Vụ", ("sở",): "Sở", ("viện",): "Viện",
              ("học", "viện"): "Học viện", ("trường",): "Trường", ("tập", "đoàn"): "Tập đoàn",
              ("tổng", "công", "ty"): "Tổng công ty", ("trung", "tâm"): "Trung tâm", ("đại", "học"): "Đại học",
              ("ủy", "ban"): "Ủy ban", ("hội", "đồng"): "Hội đồng", ("văn", "phòng"): "Văn phòng", ("ban",): "Ban"}
MAX_UNIT_LOWER_WORDS = 3


def _generic_unit(toks: list[_Tok], i: int) -> list | None:
    """"Cục Công nghệ thông tin", "Sở Y tế": a subordinate unit missing from the list."""
    if not _is_cap(toks[i]):
        return None
    # the loop variable `label` is used after the `break`: the head that matched names the unit
    for head, label in sorted(UNIT_HEADS.items(), key=lambda kv: -len(kv[0])):  # noqa: B007
        n = len(head)
        if tuple(t.fold for t in toks[i:i + n]) == head and i + n < len(toks) and _is_cap(toks[i + n]):
            break
    else:
        return None
    j = _cap_run(toks, i + n)
    lower = 0
    while j < len(toks) and lower < MAX_UNIT_LOWER_WORDS and _is_word(toks[j]) and not _is_cap(toks[j]) \
            and toks[j].fold not in NAME_STOP:
        j, lower = j + 1, lower + 1
        if j < len(toks) and _is_cap(toks[j]) and toks[j].fold not in BODY_HEADS:
            j = _cap_run(toks, j)
    # "Vụ Kế hoạch - Tài chính": a hyphen between two capitalised parts belongs to the name.
    if j + 1 < len(toks) and toks[j].fold in {"-", "–"} and _is_cap(toks[j + 1]) and toks[j + 1].fold not in BODY_HEADS:
        k = _cap_run(toks, j + 1)
        while k < len(toks) and _is_word(toks[k]) and not _is_cap(toks[k]) and toks[k].fold not in NAME_STOP \
                and k - j < MAX_UNIT_LOWER_WORDS + 2:
            k += 1
        j = k
    name = label + " " + " ".join(t.raw for t in toks[i + n:j]).replace(" - ", " - ")
    return [(i, j, name, BodyKind.agency)]


def _generic_province(toks: list[_Tok], i: int) -> list | None:
    """"Ủy ban nhân dân tỉnh <Name>" for a place not in the list."""
    council = _match_table(toks, i, COUNCILS) if _is_cap(toks[i]) else None
    unit = _match_table(toks, council[0], UNITS) if council else None
    if not council or not unit:
        return None
    end = _cap_run(toks, unit[0])
    if end == unit[0]:
        return None
    place = " ".join(t.raw for t in toks[unit[0]:end]).replace(" - ", "-")
    return [(i, end, f"{council[1]} {unit[1]} {place}", BodyKind.province)]


def _deputy_pm(toks: list[_Tok], i: int) -> list | None:
    """"Phó Thủ tướng [Chính phủ] Trần Hồng Hà" -> role with the person's name."""
    words = [t.fold for t in toks[i:i + 5]]
    if words[:3] != ["phó", "thủ", "tướng"]:
        return None
    j, label = i + 3, "Phó Thủ tướng"
    if words[3:5] == ["thường", "trực"]:
        j, label = j + 2, label + " Thường trực"
    if [t.fold for t in toks[j:j + 2]] == ["chính", "phủ"]:
        j += 2
    end = _cap_run(toks, j)
    if end - j < 2:
        return None
    return [(i, end, f"{label} Chính phủ " + " ".join(t.raw for t in toks[j:end]), BodyKind.role)]


def _steering_committee(toks: list[_Tok], i: int) -> list | None:
    """"Ban Chỉ đạo …" not in the list: up to the first punctuation or verb."""
    if [t.fold for t in toks[i:i + 3]] != ["ban", "chỉ", "đạo"] or not _is_cap(toks[i]):
        return None
    j = i + 3
    opens = j < len(toks) and (_is_cap(toks[j]) or toks[j].raw.isdigit() or toks[j].fold in {"về", "quốc", "của"})
    while opens and j < len(toks) and j - i < MAX_GENERIC_TOKENS and toks[j].fold not in NAME_STOP \
            and (_is_word(toks[j]) or toks[j].raw.isdigit()):
        j += 1
    name = " ".join(t.raw for t in toks[i:j])
    return [(i, j, name, BodyKind.agency)]


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once."""
    return Gazetteer(resources.read_text(resources.BODIES))


def lookup(name: str) -> Body | None:
    """Canonicalise one body name as written: exact, alias, generic pattern, then fuzzy.

    Args:
        name: one name, e.g. "Bộ TT&TT" or "UBND tỉnh Yên Bái".

    Returns:
        The body with ``text`` as given and ``name`` canonical (the successor for former
        bodies), or None when nothing matches closely enough.

    >>> lookup("Bộ TT&TT").name
    'Bộ Khoa học và Công nghệ'
    """
    return load_gazetteer().lookup(name)


def find_bodies(text: str) -> list[BodyMatch]:
    """Every body mention in `text`, leftmost-longest and non-overlapping.

    Bare place names ("tỉnh Lào Cai") are not mentions here; `split_bodies` accepts them.

    >>> [m.body.name for m in find_bodies("Bộ Công an và Bộ Quốc phòng")]
    ['Bộ Công an', 'Bộ Quốc phòng']
    """
    return load_gazetteer().scan(text, bare=False)


def split_bodies(text: str) -> list[Body]:
    """Split a subject phrase ("Bộ Công an, Bộ Nội vụ và các bộ, ngành") into its bodies.

    Appositions ("- Cơ quan thường trực của Ban Chỉ đạo …") are dropped; leftover capitalised
    segments become ``Body(kind=other)``; a phrase with no body gives [].

    >>> [b.name for b in split_bodies("Bộ Nội vụ và các bộ, ngành")]
    ['Bộ Nội vụ', 'các bộ, ngành']
    """
    phrase = LEADING_VERB.sub("", text)
    matches = load_gazetteer().scan(phrase, bare=True)
    skip = _appositive_spans(phrase, matches)
    out: list[tuple[int, Body]] = [(m.start, m.body) for m in matches if not _inside(m.start, skip)]
    edges = [0, *[x for m in matches for x in (m.start, m.end)], len(phrase)]
    for a, b in zip(edges[::2], edges[1::2]):
        out += [(a + off, body) for off, body in _unknown_segments(phrase[a:b]) if not _inside(a + off, skip)]
    return [body for _, body in sorted(out, key=lambda p: p[0])]


def _appositive_spans(phrase: str, matches: list[BodyMatch]) -> list[tuple[int, int]]:
    spans = []
    for marker in APPOSITIVE.finditer(phrase):
        if marker.group(0).lstrip().startswith("("):
            close = phrase.find(")", marker.end())
            spans.append((marker.start(), close + 1 if close >= 0 else len(phrase)))
            continue
        end, prev = len(phrase), marker.end()
        for m in (m for m in matches if m.start >= marker.end()):
            if re.search(r"(?:[,;]|\bvà)\s*$", phrase[prev:m.start]):
                end = m.start
                break
            prev = m.end
        spans.append((marker.start(), end))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _unknown_segments(gap: str) -> list[tuple[int, Body]]:
    """Capitalised leftovers between known bodies: plausible names of unlisted bodies."""
    out = []
    for m in re.finditer(r"[^,;()]+", re.sub(r"\([^)]*\)", lambda p: " " * len(p.group(0)), gap)):
        for part in re.finditer(r"\S(?:.*?\S)?(?=\s+và\s+|\s*$)", m.group(0)):
            seg = part.group(0).strip(" -–:.")
            words = seg.split()
            if words and words[0][0].isupper() and words[0][0].isalpha() and len(words) <= 12 \
                    and words[0].lower() not in {"và", "giao", "các"}:
                out.append((m.start() + part.start(), Body(name=seg, text=seg, kind=BodyKind.other)))
    return out


def canonical_issuer(issuer: str | None) -> str | None:
    """'Bộ Công an' (from the header's 'BỘ CÔNG AN') -> the gazetteer's name when it is a ministry,
    agency or province; other issuers stay as written."""
    if not issuer:
        return issuer
    body = lookup(issuer)
    return body.name if body and body.kind in (BodyKind.ministry, BodyKind.agency, BodyKind.province) else issuer
