"""WordprocessingML for the .docx reader: element names, attribute helpers, and list numbering.

Word's automatic numbering is not in a paragraph's text: `Numbering` renders it from the
numbering part ("1. ", "a) ", "2.3. ", "- " for bullets) the way Word counts it — levels restart
when a shallower one advances, several `w:num` of one abstract list share its counters, a start
override gives a list its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, T, SDT, SDT_CONTENT, CUSTOM_XML = (
    q(t) for t in ("p", "tbl", "tr", "tc", "r", "t", "sdt", "sdtContent", "customXml")
)
PPR, RPR, TCPR, TRPR, VAL = q("pPr"), q("rPr"), q("tcPr"), q("trPr"), q("val")
TXBX = q("txbxContent")

BULLET_KEEP = {"-": "-", "–": "-", "—": "-", "−": "-", "‒": "-", "+": "+"}
ROMAN_VALUES = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
LEVELS = 9


def val(el: Any, tag: str) -> str | None:
    """The w:val of child `tag` of `el` (None when either is missing)."""
    if el is None:
        return None
    child = el.find(q(tag))
    return None if child is None else child.get(VAL)


def on(el: Any, tag: str) -> bool:
    """A toggle property (w:vanish, w:pageBreakBefore) is present and not switched off."""
    if el is None:
        return False
    child = el.find(q(tag))
    return child is not None and child.get(VAL, "true") not in ("0", "false", "off")


def int_value(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- numbering -------------------------------------------------------------------------------


def roman(n: int) -> str:
    """Lower-case Roman numeral: 4 -> 'iv'."""
    out = []
    for value, digits in ROMAN_VALUES:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's lowerLetter: a … z, then aa, bb … (the letter repeated), never the Vietnamese "đ"."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's counter in its w:numFmt.

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero")]
    ['4', 'd', 'D', 'iv', 'IV', '04']
    """
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n) if n > 0 else str(n)
    if fmt == "upperRoman":
        return roman(n).upper() if n > 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and formats we do not spell out (ordinal, cardinalText …)


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 0
    restart: int | None = None  # w:lvlRestart: 0 never, k restarts after level k (1-based) is used
    legal: bool = False  # w:isLgl: every level's number in decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle linked to this level


def _read_level(lvl: Any) -> _Level:
    restart = val(lvl, "lvlRestart")
    text = lvl.find(q("lvlText"))
    return _Level(
        fmt=val(lvl, "numFmt") or "decimal",
        text=(text.get(VAL) or "") if text is not None else "",
        start=int_value(val(lvl, "start"), 0),  # ECMA-376 17.9.25: no w:start counts from zero
        restart=int_value(restart, 0) if restart is not None else None,
        legal=on(lvl, "isLgl"),
        suffix=val(lvl, "suff") or "tab",
        style=val(lvl, "pStyle"),
    )


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:lvlOverride/w:startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


class Numbering:
    """Word's list counters over one document, fed paragraph by paragraph in document order.

    Counters belong to the abstract numbering: several w:num that share an abstractNum continue one
    list, as in Word. A w:num with a level override (Word's "Restart numbering") counts on its own,
    from its w:startOverride.
    """

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        links: dict[str, str] = {}  # abstractNum id -> the numbering style it takes its levels from
        if styles is not None:
            self._read_styles(styles)
        if numbering is None:
            return
        for a in numbering.iterchildren(q("abstractNum")):
            aid = a.get(q("abstractNumId"))
            if aid is None:
                continue
            self.abstract[aid] = {int_value(lvl.get(q("ilvl")), 0): _read_level(lvl) for lvl in a.iterchildren(q("lvl"))}
            if link := val(a, "numStyleLink"):
                links[aid] = link
        for n in numbering.iterchildren(q("num")):
            nid = n.get(q("numId"))
            aid = val(n, "abstractNumId")
            if nid is None or aid is None:
                continue
            num = _Num(aid)
            for o in n.iterchildren(q("lvlOverride")):
                ilvl = int_value(o.get(q("ilvl")), 0)
                if (start := val(o, "startOverride")) is not None:
                    num.starts[ilvl] = int_value(start, 1)
                if (lvl := o.find(q("lvl"))) is not None:
                    num.levels[ilvl] = _read_level(lvl)
            self.nums[nid] = num
        for aid, link in links.items():  # a list style: its num's abstractNum holds the levels
            style = self.styles.get(link)
            target = self.nums.get(style.num_id) if style and style.num_id else None
            if target is not None and target.abstract != aid:
                self.abstract[aid] = self.abstract.get(target.abstract, {})
                for num in self.nums.values():
                    if num.abstract == aid:
                        num.abstract = target.abstract

    def _read_styles(self, styles: Any) -> None:
        for s in styles.iterchildren(q("style")):
            sid = s.get(q("styleId"))
            if sid is None:
                continue
            ppr = s.find(PPR)
            numpr = ppr.find(q("numPr")) if ppr is not None else None
            ilvl = val(numpr, "ilvl")
            self.styles[sid] = _Style(val(s, "basedOn"), val(numpr, "numId"), int_value(ilvl, 0) if ilvl is not None else None)
            if s.get(q("type")) == "paragraph" and s.get(q("default")) in ("1", "true", "on"):
                self.default_style = sid

    def _style_chain(self, sid: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while sid is not None and sid not in seen and sid in self.styles:
            seen.add(sid)
            style = self.styles[sid]
            yield sid, style
            sid = style.based_on

    def label(self, p: Any) -> str:
        """The label Word shows before paragraph `p` ("1. ", "a) ", "- "), advancing the counters."""
        ppr = p.find(PPR)
        numpr = ppr.find(q("numPr")) if ppr is not None else None
        num_id = val(numpr, "numId")
        ilvl_text = val(numpr, "ilvl")
        ilvl = int_value(ilvl_text, 0) if ilvl_text is not None else None
        style_id = val(ppr, "pStyle") or self.default_style
        from_style = None
        if num_id is None or ilvl is None:
            for sid, style in self._style_chain(style_id):
                if num_id is None and style.num_id is not None:
                    num_id, from_style = style.num_id, sid
                if ilvl is None and style.ilvl is not None:
                    ilvl = style.ilvl
                if num_id is not None and ilvl is not None:
                    break
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        num = self.nums[num_id]
        levels = {**self.abstract.get(num.abstract, {}), **num.levels}
        if ilvl is None:  # numbered through its style: the level linked to that style, else the first
            ilvl = next((i for i, lvl in levels.items() if from_style and lvl.style == from_style), 0)
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        return self._advance(num_id, num, levels, ilvl)

    def _advance(self, num_id: str, num: _Num, levels: dict[int, _Level], ilvl: int) -> str:
        key = f"num:{num_id}" if num.starts or num.levels else f"abstract:{num.abstract}"
        counts = self.counters.setdefault(key, [None] * LEVELS)

        def start(i: int) -> int:
            return num.starts.get(i, levels.get(i, _Level()).start)

        current = counts[ilvl]
        counts[ilvl] = start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counts[deeper] = None
        lvl = levels.get(ilvl, _Level(text=f"%{ilvl + 1}.", start=1))
        if lvl.fmt == "bullet":
            text = BULLET_KEEP.get(lvl.text.strip(), "-")
        else:

            def number(m: re.Match[str]) -> str:
                i = int(m.group(1)) - 1
                n = counts[i]
                fmt = levels.get(i, _Level()).fmt
                return format_number(start(i) if n is None else n, "decimal" if lvl.legal and fmt != "none" else fmt)

            text = re.sub(r"%([1-9])", number, lvl.text)
        if not text.strip():
            return ""
        return text + ("" if lvl.suffix == "nothing" else " ")


# --- document walk ---------------------------------------------------------------------------
