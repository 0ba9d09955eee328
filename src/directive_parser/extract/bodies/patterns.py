"""Generic name patterns for bodies the gazetteer does not list.

"Bộ <Capitalised words>", "Cục/Sở/Vụ <Name>", "Ủy ban nhân dân tỉnh <Name>", "Phó Thủ tướng
<Name>", "Ban Chỉ đạo …". Each takes the tokens and a position and returns the matches found
there as (start, end, name, kind) or None.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from directive_parser.extract.bodies.tokens import (
    BODY_HEADS,
    COUNCIL_FIRSTS,
    COUNCIL_KEYS,
    NAME_STOP,
    NOT_MINISTRY,
    UNIT_KEYS,
    Tok,
    cap_run,
    is_cap,
    is_name_word,
    is_word,
    match_table,
    table_keys,
)
from directive_parser.extract.predicates import PREDICATE_AT_START
from directive_parser.models import BodyKind

MAX_GENERIC_TOKENS = 14  # "Bộ Văn hóa, Thể thao và Du lịch" is 8; beyond 14 a run is prose, not a name


def generic_ministry(toks: list[Tok], i: int) -> list | None:
    """ "Bộ <Capitalised words>": a ministry missing from the list (capital B, capital name)."""
    if command := military_command(toks, i):
        return command
    if toks[i].raw != "Bộ" or i + 1 >= len(toks) or not is_cap(toks[i + 1]):
        return None
    first = toks[i + 1].fold
    if first in NOT_MINISTRY or f"{first} {toks[i + 2].fold if i + 2 < len(toks) else ''}" in NOT_MINISTRY:
        return None
    j = end = i + 1
    while j < len(toks) and j - i < MAX_GENERIC_TOKENS and is_cap(toks[j]):
        k = cap_run(toks, j)
        if k == j:
            break  # an all-capitals word ("Bộ GD-ĐT", "Bộ KẾ HOẠCH") is no name word: stop, never spin
        j = k
        if j < len(toks) and is_word(toks[j]) and not is_cap(toks[j]) and toks[j].fold not in NAME_STOP:
            j += 1  # Vietnamese words are mostly two syllables: "Kinh tế", "Nông nghiệp"
        end = j
        if j < len(toks) and is_cap(toks[j]) and toks[j].fold not in BODY_HEADS:
            continue  # "Bộ Hạ tầng Số"
        if j + 1 < len(toks) and toks[j].fold in {"và", ","} and is_cap(toks[j + 1]) and toks[j + 1].fold not in BODY_HEADS:
            j += 1
            continue
        break
    name = "Bộ " + " ".join(t.raw for t in toks[i + 1 : end]).replace(" ,", ",")
    return [(i, end, name, BodyKind.ministry)] if end > i + 1 else None


# The commands of the army and the police, a closed set ("Bộ Tư lệnh Bộ đội Biên phòng", "Bộ Tư lệnh
# Quân khu 4", "Bộ Tư lệnh Thủ đô Hà Nội": the corpus names them some 400 times); disaster and rescue
# telegrams address them, news relays of those abbreviate the head: "BTL Bộ đội Biên phòng".
_COMMANDS = tuple(
    tuple(name.lower().split())
    for name in (
        "Bộ đội Biên phòng",
        "Cảnh sát biển",
        "Cảnh sát cơ động",
        "Cảnh vệ",
        "Thủ đô Hà Nội",
        "Thành phố Hồ Chí Minh",
        "Bảo vệ Lăng Chủ tịch Hồ Chí Minh",
        "Tác chiến không gian mạng",
        "Quân khu",
        "Quân chủng Hải quân",
        "Quân chủng Phòng không - Không quân",
        "Phòng không - Không quân",
        "Hải quân",
    )
)


def military_command(toks: list[Tok], i: int) -> list | None:
    """ "Bộ Tư lệnh <command>" or "BTL <command>"; "Quân khu" takes its number ("Quân khu 4")."""
    if [t.fold for t in toks[i : i + 3]] == ["bộ", "tư", "lệnh"]:
        j = i + 3
    elif toks[i].raw == "BTL":
        j = i + 1
    else:
        return None
    for name in _COMMANDS:
        if tuple(t.fold for t in toks[j : j + len(name)]) == name and is_cap(toks[j]):
            end = j + len(name)
            if name == ("quân", "khu"):
                if end >= len(toks) or not toks[end].raw.isdigit():
                    return None
                end += 1
            return [(i, end, "Bộ Tư lệnh " + " ".join(t.raw for t in toks[j:end]), BodyKind.agency)]
    return None


# Heads of subordinate units named in directives: "Cục Công nghệ thông tin", "Sở Y tế", "Vụ Kế hoạch -
# Tài chính", "Tổng cục Thống kê". A capital after the head makes it a name.
UNIT_HEADS = {
    ("cục",): "Cục",
    ("tổng", "cục"): "Tổng cục",
    ("vụ",): "Vụ",
    ("sở",): "Sở",
    ("viện",): "Viện",
    ("học", "viện"): "Học viện",
    ("trường",): "Trường",
    ("tập", "đoàn"): "Tập đoàn",
    ("tổng", "công", "ty"): "Tổng công ty",
    ("trung", "tâm"): "Trung tâm",
    ("đại", "học"): "Đại học",
    ("ủy", "ban"): "Ủy ban",
    ("hội", "đồng"): "Hội đồng",
    ("văn", "phòng"): "Văn phòng",
    ("ban",): "Ban",
    # forest owners a provincial letter on forests assigns to: "Vườn quốc gia Hoàng Liên, các Công ty
    # Lâm nghiệp chủ động …", "Công ty Lâm nghiệp Văn Bàn" (and any firm a letter names: "Công ty Điện lực")
    ("vườn", "quốc", "gia"): "Vườn quốc gia",
    ("công", "ty"): "Công ty",
}
_PROPER_NAMED = frozenset({"Công ty", "Vườn quốc gia"})
MAX_PROPER_NAME_WORDS = 6


def _proper_name_end(toks: list[Tok], j: int, fields: Collection[tuple[str, ...]]) -> int:
    """End of a firm's or a park's own name from j: a ministry's field and the place after it
    ("Công ty Lâm nghiệp Văn Bàn"), or capitalised words, each perhaps with one lower-case syllable
    of its word before the next capital ("Công ty Điện lực Lào Cai [bảo đảm …]": the syllables of a
    verb come in a lower-case pair)."""
    for width in range(min(MAX_FIELD_TOKENS, len(toks) - j), 0, -1):
        if tuple(t.fold for t in toks[j : j + width]) in fields:
            return cap_run(toks, j + width)
    k = j
    while k < len(toks) and k - j < MAX_PROPER_NAME_WORDS and is_name_word(toks[k]):
        k += 1
        lower = k < len(toks) and is_word(toks[k]) and not is_cap(toks[k]) and toks[k].fold not in NAME_STOP
        before_name = k + 1 >= len(toks) or not is_word(toks[k + 1]) or is_cap(toks[k + 1])
        verb = " ".join(t.fold for t in toks[k : k + 2])
        if lower and (before_name or not PREDICATE_AT_START.match(verb)):
            k += 1
    return k


# By first word, longest head first: "Tổng cục" before "Tổng công ty".
_HEADS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _head, _label in sorted(UNIT_HEADS.items(), key=lambda kv: -len(kv[0])):
    _HEADS_BY_FIRST.setdefault(_head[0], []).append((_head, _label))
UNIT_FIRSTS = frozenset(_HEADS_BY_FIRST)
MAX_UNIT_LOWER_WORDS = 3
_ACRONYM = re.compile(r"[A-ZĐ]{2,6}")
MAX_FIELD_TOKENS = 9  # "Lao động - Thương binh và Xã hội" is 7 tokens
MAX_JOINED_FIELDS = 2  # "Văn hóa, Thể thao và Du lịch": three fields, two joints


def _unit_words(toks: list[Tok], j: int) -> int:
    """Past the lower-case words that end a field's name ("Khoa học", "Quản lý thị trường")."""
    lower = 0
    while (
        j < len(toks)
        and lower < MAX_UNIT_LOWER_WORDS
        and is_word(toks[j])
        and not is_cap(toks[j])
        and toks[j].fold not in NAME_STOP
    ):
        j, lower = j + 1, lower + 1
        if j < len(toks) and is_cap(toks[j]) and toks[j].fold not in BODY_HEADS:
            j = cap_run(toks, j)
    return j


# Fields whose first word also heads bodies ("Kiểm toán Nhà nước", "Bảo hiểm xã hội"): after "và" they
# go on the unit's name, "Cục Lâm nghiệp và Kiểm lâm", "Cục Thủy sản và Kiểm ngư", "Cục Trồng trọt và
# Bảo vệ thực vật" (the 2025 departments of the Bộ Nông nghiệp và Môi trường).
_FIELDS_WITH_HEAD_WORDS = frozenset({("kiểm", "lâm"), ("kiểm", "ngư"), ("kiểm", "dịch"), ("bảo", "vệ"), ("bảo", "tồn")})


def _field_follows(toks: list[Tok], j: int) -> bool:
    """Whether the capitalised word at j goes on a field's name rather than starting another body."""
    if toks[j].fold not in BODY_HEADS:
        return True
    return j + 1 < len(toks) and (toks[j].fold, toks[j + 1].fold) in _FIELDS_WITH_HEAD_WORDS


def generic_unit(toks: list[Tok], i: int, fields: Collection[tuple[str, ...]] = ()) -> list | None:
    """ "Cục Công nghệ thông tin", "Sở Y tế": a subordinate unit missing from the list.

    A unit named after a ministry's field takes exactly that field ("Sở Tài chính bố trí …" is
    "Sở Tài chính"); other names run over their capitalised words and a few lower-case ones."""
    if not toks[i].cap or toks[i].fold not in _HEADS_BY_FIRST:
        return None
    # the loop variable `label` is used after the `break`: the head that matched names the unit
    for head, label in _HEADS_BY_FIRST[toks[i].fold]:  # noqa: B007
        n = len(head)
        if tuple(t.fold for t in toks[i : i + n]) == head and i + n < len(toks) and toks[i + n].cap:
            break
    else:
        return None
    if label == "Ban" and [t.fold for t in toks[i + 1 : i + 3]] == ["chỉ", "đạo"]:
        return None  # `steering_committee` reads it: "Ban Chỉ đạo bảo đảm hoạt động …" is no "Ban Chỉ đạo bảo đảm"
    if label in _PROPER_NAMED:
        end = _proper_name_end(toks, i + n, fields)
        return [(i, end, label + " " + " ".join(t.raw for t in toks[i + n : end]), BodyKind.agency)]
    for width in range(min(MAX_FIELD_TOKENS, len(toks) - i - n), 0, -1):
        if tuple(t.fold for t in toks[i + n : i + n + width]) in fields:
            end = i + n + width
            # a field joined to another name part is a longer name: "Cục Lâm nghiệp và Kiểm lâm" (2025)
            if not (
                end + 1 < len(toks) and toks[end].fold == "và" and is_cap(toks[end + 1]) and toks[end + 1].fold not in BODY_HEADS
            ):
                return [(i, end, label + " " + " ".join(t.raw for t in toks[i + n : end]).replace(" ,", ","), BodyKind.agency)]
            break
    first = cap_run(toks, i + n)
    if first == i + n:
        # a ministry's own units by their acronyms, the head in lower case: "Giao Vụ TCCB", "Cục CNTT
        # chủ trì", "Vụ KK&KTT" (a Tổng cục's briefing conclusions name every unit so)
        if not toks[i].raw.isupper() and _ACRONYM.fullmatch(toks[i + n].raw):
            j = i + n + 1
            while j + 1 < len(toks) and toks[j].raw == "&" and _ACRONYM.fullmatch(toks[j + 1].raw):
                j += 2
            return [(i, j, label + " " + "".join(t.raw for t in toks[i + n : j]), BodyKind.agency)]
        return None  # "ỦY BAN NHÂN DÂN TỈNH": header capitals are no name ("Ủy ban " is not a body)
    j = _unit_words(toks, first)
    # Departments named after their field join two or three fields: "Sở Khoa học và Công nghệ",
    # "Sở Văn hóa, Thể thao và Du lịch", "Cục Quản lý thị trường và Cạnh tranh".
    for _ in range(MAX_JOINED_FIELDS):
        if j + 1 < len(toks) and toks[j].fold in {"và", ","} and is_cap(toks[j + 1]) and _field_follows(toks, j + 1):
            j = _unit_words(toks, cap_run(toks, j + 1))
        else:
            break
    # "Vụ Kế hoạch - Tài chính": a hyphen between two capitalised parts belongs to the name.
    if j + 1 < len(toks) and toks[j].fold in {"-", "–"} and is_cap(toks[j + 1]) and toks[j + 1].fold not in BODY_HEADS:
        k = cap_run(toks, j + 1)
        while (
            k < len(toks)
            and is_word(toks[k])
            and not is_cap(toks[k])
            and toks[k].fold not in NAME_STOP
            and k - j < MAX_UNIT_LOWER_WORDS + 2
        ):
            k += 1
        j = k
    name = label + " " + " ".join(t.raw for t in toks[i + n : j]).replace(" ,", ",")
    return [(i, j, name, BodyKind.agency)]


# Since the 2025 reform the communes, wards and special zones are the level below the province, and
# provincial plans assign to their councils by name: "Ủy ban nhân dân phường Yên Bái chủ trì …",
# "UBND xã Bát Xát", "Ủy ban nhân dân đặc khu Phú Quốc". Only here, never in the trie's province
# spellings: "phường Yên Bái" is not the former province Yên Bái.
_LOCAL_UNITS = {"xã": "xã", "phường": "phường", "đặc khu": "đặc khu", "thị trấn": "thị trấn"}
_LOCAL_UNIT_KEYS = table_keys(_LOCAL_UNITS)


def generic_province(toks: list[Tok], i: int) -> list | None:
    """ "Ủy ban nhân dân tỉnh <Name>" for a place not in the list."""
    council = match_table(toks, i, COUNCIL_KEYS, COUNCIL_FIRSTS) if toks[i].cap else None
    unit = (match_table(toks, council[0], UNIT_KEYS) or match_table(toks, council[0], _LOCAL_UNIT_KEYS)) if council else None
    if not council or not unit:
        return None
    end = cap_run(toks, unit[0])
    if end == unit[0]:
        return None
    if unit[1] in _LOCAL_UNITS.values() and end < len(toks) and toks[end].raw.isdigit():
        end += 1  # "Ủy ban nhân dân phường Hà Giang 1": wards numbered after their old town
    place = " ".join(t.raw for t in toks[unit[0] : end]).replace(" - ", "-")
    return [(i, end, f"{council[1]} {unit[1]} {place}", BodyKind.province)]


def deputy_pm(toks: list[Tok], i: int) -> list | None:
    """ "Phó Thủ tướng [Chính phủ] Trần Hồng Hà" -> role with the person's name."""
    if toks[i].fold != "phó":
        return None
    words = [t.fold for t in toks[i : i + 5]]
    if words[:3] != ["phó", "thủ", "tướng"]:
        return None
    j, label = i + 3, "Phó Thủ tướng"
    if words[3:5] == ["thường", "trực"]:
        j, label = j + 2, label + " Thường trực"
    if [t.fold for t in toks[j : j + 2]] == ["chính", "phủ"]:
        j += 2
    end = cap_run(toks, j)
    if end - j < 2:
        return None
    return [(i, end, f"{label} Chính phủ " + " ".join(t.raw for t in toks[j:end]), BodyKind.role)]


def steering_committee(toks: list[Tok], i: int) -> list | None:
    """ "Ban Chỉ đạo …" not in the list: up to the first punctuation or verb."""
    if toks[i].fold != "ban" or [t.fold for t in toks[i : i + 3]] != ["ban", "chỉ", "đạo"] or not is_cap(toks[i]):
        return None
    j = i + 3
    if j < len(toks) and toks[j].raw.isdigit():
        return [_numbered_steering(toks, i, j)]
    opens = j < len(toks) and (is_cap(toks[j]) or toks[j].fold in {"về", "quốc", "của"})
    while (
        opens
        and j < len(toks)
        and j - i < MAX_GENERIC_TOKENS
        and toks[j].fold not in NAME_STOP
        and (is_word(toks[j]) or toks[j].raw.isdigit())
    ):
        j += 1
    name = " ".join(t.raw for t in toks[i:j])
    return [(i, j, name, BodyKind.agency)]


# A committee known by the number of the decision that set it up is named by that number and its level
# or place, nothing more: "Ban Chỉ đạo 389 quốc gia", "Ban Chỉ đạo 138/CP", "Ban chỉ đạo 389 tỉnh Lào
# Cai [làm tốt hơn nữa …]", "Ban Chỉ đạo 389 các cấp", "Ban Chỉ đạo 57 Chính phủ" — the words after it
# are the sentence's.
_STEERING_LEVELS = (
    ("quốc", "gia"),
    ("trung", "ương"),
    ("chính", "phủ"),
    ("các", "cấp"),
    ("cấp", "tỉnh"),
    ("cấp", "huyện"),
    ("cấp", "xã"),
)
_STEERING_PLACES = frozenset({"tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường"})


def _numbered_steering(toks: list[Tok], i: int, j: int) -> tuple[int, int, str, BodyKind]:
    j += 1
    if j + 1 < len(toks) and toks[j].raw == "/" and is_cap(toks[j + 1]):
        j += 2  # "138/CP"
    pair = tuple(t.fold for t in toks[j : j + 2])
    if pair in _STEERING_LEVELS:
        j += 2
    elif j < len(toks) and toks[j].fold in _STEERING_PLACES:
        k = j + 1 + (toks[j].fold in {"thành", "thị"})
        if cap_run(toks, k) > k:
            j = cap_run(toks, k)
        elif toks[j].fold == "tỉnh":
            j += 1  # the document's own province: "Ban Chỉ đạo 389 tỉnh chủ trì …"
    elif j < len(toks) and is_cap(toks[j]):
        j = cap_run(toks, j)
    return (i, j, " ".join(t.raw for t in toks[i:j]).replace(" / ", "/"), BodyKind.agency)
