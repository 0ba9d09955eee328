"""One vocabulary of Vietnamese document types, shared by every stage that names them.

Each type has its name as written in running text ("Chỉ thị"), its type line in capitals as it
heads the document ("CHỈ THỊ"), and the code it takes inside a document number ("33/CT-TTg").
The codes are those of Decree 30/2020/NĐ-CP, Appendix III, for administrative documents; the
legal normative documents (Nghị định, Thông tư) take theirs from Decree 34/2016/NĐ-CP, and the
Party's Kết luận from its own rules (Hướng dẫn 36-HD/VPTW). A Công văn has no code (its number is
"123/VPCP-KGVX"), nor has a Luật (its number is "59/2020/QH14").

Stages select from `DOC_TYPES` by the roles below rather than writing out lists of their own:

- `heading`: the type line in capitals opens a document of this type (the header reads it);
- `closing`: a closing paragraph names the document itself ("… thực hiện nghiêm Chỉ thị này.");
- `drafted`: a body may be asked to draft one ("xây dựng Nghị định …", the task's product).

Every type can be cited ("Nghị quyết số 71/NQ-CP"), so `reference_pattern` covers all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    """A document type: 'Chỉ thị', its capitals 'CHỈ THỊ' and its number code 'CT' (None when it has none)."""

    name: str
    capitals: str
    code: str | None
    heading: bool = True
    closing: bool = False
    drafted: bool = False

    def __post_init__(self) -> None:
        if self.capitals != self.name.upper():
            raise ValueError(f"{self.capitals!r} is not the capitals of {self.name!r}")


DOC_TYPES: tuple[DocType, ...] = (
    DocType("Chỉ thị", "CHỈ THỊ", "CT", closing=True, drafted=True),
    DocType("Thông báo", "THÔNG BÁO", "TB", closing=True),
    DocType("Công điện", "CÔNG ĐIỆN", "CĐ", closing=True, drafted=True),
    DocType("Quyết định", "QUYẾT ĐỊNH", "QĐ", closing=True, drafted=True),
    DocType("Nghị quyết", "NGHỊ QUYẾT", "NQ", closing=True, drafted=True),
    DocType("Nghị định", "NGHỊ ĐỊNH", "NĐ", drafted=True),
    DocType("Thông tư", "THÔNG TƯ", "TT", closing=True, drafted=True),
    DocType("Kế hoạch", "KẾ HOẠCH", "KH", closing=True, drafted=True),
    DocType("Kết luận", "KẾT LUẬN", "KL"),
    DocType("Công văn", "CÔNG VĂN", None),
    DocType("Chương trình", "CHƯƠNG TRÌNH", "CTr", drafted=True),
    DocType("Đề án", "ĐỀ ÁN", "ĐA", drafted=True),
    # Cited and drafted, but in a directive's header block they do not occur: a Luật is not issued
    # by the bodies whose documents are parsed here, and a Quy định comes attached to a Quyết định.
    DocType("Luật", "LUẬT", None, heading=False, drafted=True),
    DocType("Quy định", "QUY ĐỊNH", "QyĐ", heading=False),
)

# Cited alongside the types: a Thông báo kết luận is a Thông báo, a Văn bản any document.
CITED_KINDS = ("Thông báo kết luận", "Văn bản")
# The notice formula that closes a Thông báo or a letter, a pattern for `re`: "Văn phòng Chính phủ
# (xin) thông báo để các cơ quan biết, thực hiện./." (web copies glue the words: "thôngbáo để",
# "thông báođể"), and "… trân trọng thông báo".
NOTICE_FORMULA = r"\bthông\s*báo\s*(?:để|cho)\b[^.]{0,200}\bbiết\b|\btrân\s+trọng\s+thông\s+báo\b"

_BY_CAPITALS = {t.capitals: t for t in DOC_TYPES}
_BY_CODE = {t.code: t for t in DOC_TYPES if t.code}
_BY_NAME = {t.name: t for t in DOC_TYPES}


def by_capitals(line: str) -> DocType | None:
    """The type whose capitals the line is, spacing aside: 'CHỈ  THỊ' -> Chỉ thị; 'Chỉ thị' -> None."""
    return _BY_CAPITALS.get(" ".join(line.split()))


def by_code(code: str) -> DocType | None:
    """The type of a number code: 'CT' -> Chỉ thị, 'TB' -> Thông báo; unknown codes give None."""
    return _BY_CODE.get(code)


def by_name(name: str) -> DocType | None:
    """The type written in running text: 'Quyết định' -> Quyết định."""
    return _BY_NAME.get(" ".join(name.split()))


def names_pattern(types: tuple[DocType, ...] | None = None, extra: tuple[str, ...] = ()) -> str:
    """A regex alternation of type names (no group), longest first so that 'Thông báo kết luận'
    is tried before 'Thông báo'."""
    names = [t.name for t in (DOC_TYPES if types is None else types)] + list(extra)
    return "|".join(re.escape(n) for n in sorted(dict.fromkeys(names), key=len, reverse=True))


def heading_types() -> tuple[DocType, ...]:
    return tuple(t for t in DOC_TYPES if t.heading)


def closing_types() -> tuple[DocType, ...]:
    return tuple(t for t in DOC_TYPES if t.closing)


def drafted_types() -> tuple[DocType, ...]:
    return tuple(t for t in DOC_TYPES if t.drafted)


def reference_pattern() -> str:
    """Alternation of everything a citation may name: every type, and the kinds of `CITED_KINDS`."""
    return names_pattern(DOC_TYPES, CITED_KINDS)
