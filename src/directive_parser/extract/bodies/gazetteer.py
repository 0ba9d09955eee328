"""Public-body gazetteer and finder: text -> list[BodyMatch], subject phrase -> list[Body].

The gazetteer (``data/bodies.tsv``, built by ``scripts/build_gazetteer.py``) lists the 2025
ministries and agencies, Party and National Assembly bodies, the 34 provinces and the 63 before
them, provincial departments, roles and group phrases, with aliases and the successors of
pre-2025 names. A body keeps the name the document gives it ("UBND tỉnh Hà Giang" in 2020 is
that province); `Body.successor` names who holds its duty today. Matching works on word tokens of
a *folded* text: NFC, lower case (repaired capitals "BỘ TÀI CHÍNH" match), old tone placement
moved to the new one ("uỷ" -> "ủy", "hoá" -> "hóa"), and the plural marker "các" dropped, so
"Ủy ban nhân dân các tỉnh" and "UBND tỉnh" walk the same trie. A second trie holds the names
without marks, for OCR whose marks were lost or garbled ("Bo Tai chinh", "Bộ Tài chình"),
consulted with guards where the exact one finds nothing as long. Leftmost-longest scanning picks,
at each token, the longest of: a trie entry, a title + body role ("Bộ trưởng Bộ Công an"), a
council's office ("Văn phòng UBND tỉnh"), an enumeration ("các Bộ: Công an, Quốc phòng"), or a
generic pattern for names not in the list ("Bộ <Capitalised words>", "Ủy ban nhân dân tỉnh
<Name>", "Phó Thủ tướng <Name>", "Ban Chỉ đạo …").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter

from directive_parser import resources
from directive_parser.extract.bodies.patterns import (
    UNIT_FIRSTS,
    deputy_pm,
    generic_ministry,
    generic_province,
    generic_unit,
    steering_committee,
)
from directive_parser.extract.bodies.tokens import (
    COUNCIL_FIRSTS,
    COUNCIL_KEYS,
    COUNCILS,
    PLAIN_TABLE,
    TITLE_FIRSTS,
    TITLE_KEYS,
    TITLES,
    UNIT_KEYS,
    UNITS,
    PerWord,
    Tok,
    in_document_code,
    is_word,
    key,
    match_table,
    nfc_with_map,
    plain,
    tokens,
    word_forms,
)
from directive_parser.models import Body, BodyKind
from directive_parser.text.normalize import strip_marks

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio on folded names; 1 wrong letter in "Bộ Tài chính" scores ~92
FUZZY_MIN_LEN = 6
# Standard abbreviations of common nouns in administrative writing (the long form as the gazetteer
# spells it -> the abbreviation documents use): "CSDL quốc gia", "giải quyết TTHC".
NOUN_ABBREVIATIONS = {"cơ sở dữ liệu": "CSDL", "thủ tục hành chính": "TTHC"}
CAP_KINDS = frozenset({BodyKind.ministry, BodyKind.agency, BodyKind.province})
APPOSITIVE = re.compile(r"(?:\s[-–]\s*|\(\s*)(?:là\s+)?(?:[Cc]ơ quan\s+)?(?:[Tt]hường trực|[Cc]hủ trì|[Đđ]ầu mối)\b")
LEADING_VERB = re.compile(r"^\s*(?:Giao|Đề nghị|Yêu cầu)\s+")
GAP_JOINT = re.compile(r"(?:[,;]|\bvà)\s*$")
SEGMENT = re.compile(r"[^,;()]+")
SEGMENT_PART = re.compile(r"\S(?:.*?\S)?(?=\s+và\s+|\s*$)")
PARENS = re.compile(r"\([^)]*\)")
LOWER_UNITS = frozenset({"thị", "huyện", "quận", "xã", "phường", "tỉnh", "thành", "tp", "đặc"})
TITLE_NAMES = tuple(sorted((f"{t} " for t in TITLES.values()), key=len, reverse=True))  # "Phó Chủ tịch " first
ENUM_STOPS = frozenset({",", "và", ";", ".", ":"})
MAX_ITEM_TOKENS = 12  # "Văn hóa , Thể thao và Du lịch" is 7
ENUM_UNITS = {("tỉnh", ",", "thành", "phố"): "tỉnh", **UNIT_KEYS}
# A name matched with its marks lost or garbled (OCR of a damaged page: "Bo Tai chinh", "Uy ban nhan
# dan tinh Lao Cai", "Bộ Tài chình") needs this many word tokens: one- and two-letter words without
# marks ("bo", "ca") are ordinary words as often as they are names.
FOLDED_MIN_TOKENS = 2
# Words of a folded match whose marks are present but wrong ("chình" for "chính"), at most: a
# phrase that differs from a name in more marked words is another phrase, not a damaged name.
FOLDED_MAX_WRONG_MARKS = 1
FOLDED_MIN_WRONG_LETTERS = 3  # "chình" for "chính", "cập" for "cấp"; not "bố" for "bộ"
# The extractors scan the same words more than once (a subject's window, then the lead-in around
# it; `find_bodies`, then `split_bodies` of the same phrase): the last SCAN_CACHE scans are kept,
# and the last TOKEN_CACHE texts' tokens (a text scanned both ways is tokenised once).
SCAN_CACHE = 512
TOKEN_CACHE = 64
MENTION_CACHE = 1 << 14
# What a word may open (`Gazetteer._opening`); 0 is nothing.
_PATTERN, _LISTED = 2, 1


# The first words each pattern can start on (its own first test), so `_candidates` calls only those
# that may match there. The generic patterns take the gazetteer's fields (only `generic_unit` reads them).
_OFFICE_FIRSTS = frozenset({"văn", "vp"})
_ENUMERATION_FIRSTS = frozenset({"bộ", "sở", "tỉnh"}) | COUNCIL_FIRSTS


def _ministry(toks: list[Tok], i: int, fields: object) -> list | None:
    return generic_ministry(toks, i)


def _province(toks: list[Tok], i: int, fields: object) -> list | None:
    return generic_province(toks, i)


def _deputy(toks: list[Tok], i: int, fields: object) -> list | None:
    return deputy_pm(toks, i)


def _steering(toks: list[Tok], i: int, fields: object) -> list | None:
    return steering_committee(toks, i)


_HIT_GENERIC = ((frozenset({"phó"}), _deputy), (frozenset({"ban"}), _steering))
# The first words a pattern may start on whatever the case, and those it needs capitalised (a
# title, an office, a unit head: `_titled`, `_office`, `generic_unit` test the capital first).
_PATTERN_FIRSTS = _ENUMERATION_FIRSTS | COUNCIL_FIRSTS | {"bộ", "btl", "phó", "ban"}
_CAP_PATTERN_FIRSTS = TITLE_FIRSTS | _OFFICE_FIRSTS | UNIT_FIRSTS
# The first words of the unit spellings: "tỉnh", "thành" (phố), "tp", "thủ" (đô).
_UNIT_WORDS = tuple(dict.fromkeys(k[0] for k in UNIT_KEYS))
_GENERIC = (
    (frozenset({"bộ", "btl"}), _ministry),  # "BTL": a military command, `generic_ministry` reads it
    (COUNCIL_FIRSTS, _province),
    *_HIT_GENERIC,
    (UNIT_FIRSTS, generic_unit),
)


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
    own: bool = False  # "UBND tỉnh" with no place name: no "các" inside, no name after


class _Node:
    __slots__ = ("children", "entry", "keys")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.entry: _Entry | None = None
        self.keys: list[tuple[str, ...]] = []  # folded trie only: the exact keys that fold here


_AMBIGUOUS = _Entry("", BodyKind.other)  # two bodies share a folded key: refuse to guess


class Gazetteer:
    """Bodies from ``data/bodies.tsv`` indexed for exact, folded (marks lost), generic and fuzzy matching."""

    def __init__(self, tsv: str):
        self._root = _Node()
        # The same names without marks, for OCR text whose marks were lost or garbled; consulted
        # only where the exact trie finds nothing as long ("Bộ Tài chinh" -> "Bộ Tài chính").
        self._plain_root = _Node()
        self._fuzzy: dict[str, _Entry] = {}
        self._ascii: dict[str, _Entry | None] = {}
        # A body renamed or merged in a reorganisation keeps its own name (a 2012 directive's "Bộ
        # Kế hoạch và Đầu tư" is that ministry, a 2020 one's "UBND tỉnh Hà Giang" that province);
        # `successor` says who holds the duty today.
        self.successor: dict[str, str] = {}
        # Fields of the ministries, old and new: provincial departments and units take their names
        # ("Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư", "Vụ Tài chính").
        self.fields: set[tuple[str, ...]] = set()
        rows = [(line.split("\t") + ["", "", ""])[:4] for line in tsv.splitlines() if line.strip() and not line.startswith("#")]
        successor = {r[0]: r[3] for r in rows}
        kinds = {r[0]: r[1] for r in rows}
        self._spellings = tuple(s for name, _, aliases, _ in rows for s in [name, *filter(None, aliases.split("|"))])
        for name, _, aliases, _ in rows:
            final = name
            while successor.get(final):
                final = successor[final]
            kind = kinds[final]  # a former body takes its successor's kind (Ủy ban Dân tộc -> a ministry)
            spellings = [name, *filter(None, aliases.split("|"))]
            if kind == BodyKind.province:
                self._add_province(name, final, spellings[1:])
                continue
            if final != name:
                self.successor[name] = final
            if kind == BodyKind.ministry and name.startswith("Bộ "):
                self.fields.add(key(name[len("Bộ ") :]))
            for alias in spellings:
                cap = BodyKind(kind) in CAP_KINDS and alias[0].isupper()
                cac = alias.lower().startswith("các ") and len(key(alias)) <= 2
                self._add(alias, _Entry(name, BodyKind(kind), cap, cac=cac))
        self._add_own_councils()
        self._scans = functools.lru_cache(maxsize=SCAN_CACHE)(self._scan)
        self._starts = (
            frozenset(self._root.children)
            | TITLE_FIRSTS
            | TITLE_PLAIN_FIRSTS
            | COUNCIL_FIRSTS
            | UNIT_FIRSTS
            | {"bộ", "btl", "phó", "ban", "vp"}
        )
        # word as written -> what a token may open (`_opening`): one lookup a token, in C
        self._opens = PerWord(self._opening)
        # (name, text, kind) -> its Body: a mention recurs (the same sentence is scanned by several
        # readers), and a frozen Body is shared rather than built again
        self._bodies: dict[tuple[str, str, BodyKind], Body] = {}

    def _opening(self, raw: str) -> int:
        """What a token written `raw` may open: 0 no name (exactly, or with its marks lost);
        PATTERN a pattern's first word (a capitalised title, an office or a unit head only with its
        capital); LISTED only a listed name."""
        fold, bare, cap = word_forms(raw)
        if not (fold in self._starts or bare in self._plain_root.children):
            return 0
        if fold in _PATTERN_FIRSTS or (cap and (fold in _CAP_PATTERN_FIRSTS or bare in TITLE_PLAIN_FIRSTS)):
            return _PATTERN
        return _LISTED

    def _add(self, alias: str, entry: _Entry, fuzzy: bool = True) -> None:
        for long, short in NOUN_ABBREVIATIONS.items():
            # Documents abbreviate standard nouns inside names: "cơ quan chủ quản CSDL" is
            # "cơ quan chủ quản cơ sở dữ liệu", "đơn vị giải quyết TTHC" is "… thủ tục hành chính".
            if long in alias:
                self._insert(key(alias.replace(long, short)), entry)
        parts = key(alias)
        self._insert(parts, entry)
        if fuzzy:
            folded = " ".join(parts)
            self._fuzzy.setdefault(folded, entry)
            bare = strip_marks(folded)
            self._ascii[bare] = entry if self._ascii.get(bare, entry) == entry else None

    def _insert(self, parts: tuple[str, ...], entry: _Entry) -> None:
        node = self._root
        for part in parts:
            node = node.children.get(part) or node.children.setdefault(part, _Node())
        if node.entry is None or (node.entry.bare and not entry.bare):
            node.entry = entry
        bare = tuple(map(_plain_part, parts))
        if bare == parts or len(parts) < FOLDED_MIN_TOKENS:
            return  # no marks to lose ("BCA"), or too short to tell from a word (`_candidates` counts on it)
        node = self._plain_root
        for part in bare:
            node = node.children.get(part) or node.children.setdefault(part, _Node())
        if node.entry is None or (node.entry.bare and not entry.bare):
            node.entry = entry
        elif node.entry.name != entry.name and not entry.bare and not node.entry.bare:
            node.entry = _AMBIGUOUS
        if parts not in node.keys:
            node.keys.append(parts)

    def _add_province(self, name: str, final: str, places: list[str]) -> None:
        unit, place = (
            name.removeprefix("Ủy ban nhân dân ").split(" ", 1)
            if name.startswith("Ủy ban nhân dân tỉnh")
            else ("thành phố", name.removeprefix("Ủy ban nhân dân thành phố "))
        )
        seat = name.removeprefix("Ủy ban nhân dân ")
        now = final.removeprefix("Ủy ban nhân dân ")
        for canon in dict.fromkeys(COUNCILS.values()):
            if final != name:
                self.successor[f"{canon} {seat}"] = f"{canon} {now}"
        entries = {canon: _Entry(f"{canon} {seat}", BodyKind.province) for canon in COUNCILS.values()}
        bare = _Entry(name, BodyKind.province, bare=True)
        for spelling in [place, *places]:
            where = key(spelling)
            for council, canon in COUNCILS.items():
                for unit_spelling in [*UNITS, ""]:
                    self._insert(key(council) + key(unit_spelling) + where, entries[canon])
            for unit_spelling in UNITS:
                self._insert(key(unit_spelling) + where, bare)
        self._add(f"Ủy ban nhân dân {unit} {place}", _Entry(name, BodyKind.province))
        self._add(f"Hội đồng nhân dân {unit} {place}", _Entry(f"Hội đồng nhân dân {seat}", BodyKind.province))

    def _add_own_councils(self) -> None:
        """ "Ủy ban nhân dân tỉnh", "UBND tỉnh", "HĐND thành phố" with no place name: in a provincial
        document the issuing province's own council, a role ("Sở Tài chính tham mưu UBND tỉnh …")."""
        for council, canon in COUNCIL_KEYS.items():
            for unit, unit_canon in UNIT_KEYS.items():
                self._insert(council + unit, _Entry(f"{canon} {unit_canon}", BodyKind.role, cap=True, own=True))

    # -- exact and generic matching over tokens -------------------------------------------
    @staticmethod
    def _ok(e: _Entry, toks: list[Tok], i: int, j: int, bare: bool, full: bool) -> bool:
        """Whether entry `e` may stand for toks[i:j]."""
        if (e.bare or e.own) and not bare:
            return False
        if full:
            return True
        if (e.cap and not toks[i].cap) or (e.cac and toks[i].cac_start is None):
            return False
        # "UBND tỉnh" alone: not "UBND các tỉnh" (every province), "UBND tỉnh Xuân Sơn" (a name) nor
        # "Ủy ban nhân dân thành phố, thị xã" (a list of lower units)
        return not e.own or (
            all(t.cac_start is None for t in toks[i + 1 : j])
            and (j == len(toks) or not toks[j].cap)
            and not (j + 1 < len(toks) and toks[j].fold in {",", "/"} and toks[j + 1].fold in LOWER_UNITS)
        )

    def _trie(self, toks: list[Tok], i: int, bare: bool, full: bool = False) -> tuple[int, _Entry] | None:
        node: _Node | None = self._root
        best = None
        for j in range(i, len(toks)):
            node = node.children.get(toks[j].fold)  # type: ignore[union-attr]
            if node is None:
                break
            e = node.entry
            if e and self._ok(e, toks, i, j + 1, bare, full):
                best = (j + 1, e)
        if full and best and best[0] != len(toks):
            return None
        return best

    def _folded(self, toks: list[Tok], i: int, bare: bool, full: bool = False) -> tuple[int, _Entry] | None:
        """Leftmost-longest match on the names without marks, for OCR text whose marks were lost or
        garbled: "Bo Tai chinh", "Uy ban nhan dan tinh Lao Cai", "Bộ Tài chình". Guarded so clean
        prose never becomes a body: at least two words, a capital first word (or three words), and
        at most one word whose marks are present but differ from the name's."""
        node: _Node | None = self._plain_root
        best = None
        for j in range(i, len(toks)):
            node = node.children.get(toks[j].plain)  # type: ignore[union-attr]
            if node is None:
                break
            e = node.entry
            n = j + 1 - i
            if (
                e
                and e is not _AMBIGUOUS
                and (toks[i].cap or n >= 3)
                and self._ok(e, toks, i, j + 1, bare, full)
                and any(_damaged_like(toks[i : j + 1], k) for k in node.keys)
            ):
                best = (j + 1, e)
        if full and best and best[0] != len(toks):
            return None
        return best

    def _candidates(self, toks: list[Tok], i: int, bare: bool) -> list[list[tuple[int, int, str, BodyKind]]]:
        t = toks[i]
        if t.fold not in self._starts and t.plain not in self._plain_root.children:
            return []  # most words start no name: skip the patterns
        out = []
        hit = self._trie(toks, i, bare) if t.fold in self._root.children else None
        unmarked = self._plain_root.children.get(t.plain)
        # the names without marks have two words or more (FOLDED_MIN_TOKENS): the second must follow
        if unmarked is not None and i + 1 < len(toks) and toks[i + 1].plain in unmarked.children:
            folded = self._folded(toks, i, bare)
            if folded and (hit is None or folded[0] > hit[0]):
                hit = folded
        if hit:
            out.append([(i, hit[0], hit[1].name, hit[1].kind)])
        # Each pattern is tried only on a first word it can start with (its own first test), in
        # the order that settles ties: most tokens that start a name start one or two patterns.
        fold = t.fold
        if t.cap and (fold in TITLE_FIRSTS or t.plain in TITLE_PLAIN_FIRSTS) and (found := self._titled(toks, i, bare)):
            out.append(found)
        if fold in _OFFICE_FIRSTS and (found := self._office(toks, i, bare)):
            out.append(found)
        if fold in _ENUMERATION_FIRSTS and (found := self._enumeration(toks, i, bare)):
            out.append(found)
        # Generic patterns only where the list has nothing: "Bộ Công Thương ban hành" is not a name.
        for firsts, fn in _HIT_GENERIC if hit else _GENERIC:
            if fold in firsts and (found := fn(toks, i, self.fields)):
                out.append(found)
        return out

    def body(self, name: str, text: str, kind: BodyKind) -> Body:
        """A `Body` with the successor that holds its duty today, if it was reorganised; a title
        follows its body ("Bộ trưởng Bộ Kế hoạch và Đầu tư" -> "Bộ trưởng Bộ Tài chính")."""
        successor = self.successor.get(name)
        if successor is None and kind == BodyKind.role:
            for title in TITLE_NAMES:
                if name.startswith(title) and (then := self.successor.get(name[len(title) :])):
                    successor = title + then
                    break
        # built without validation (a few thousand bodies a document): the fields are already a
        # str, a BodyKind and a str or None, which is all `Body` checks
        return Body.model_construct(name=name, text=text, kind=BodyKind(kind), successor=successor)

    def _mention(self, name: str, text: str, kind: BodyKind) -> Body:
        """`body(name, text, kind)`, built once per name, text and kind while the table is small."""
        found = self._bodies.get((name, text, kind))
        if found is None:
            if len(self._bodies) >= MENTION_CACHE:
                self._bodies.clear()
            found = self._bodies[name, text, kind] = self.body(name, text, kind)
        return found

    def _titled(self, toks: list[Tok], i: int, bare: bool = False) -> list | None:
        if not toks[i].cap or (toks[i].fold not in TITLE_FIRSTS and toks[i].plain not in TITLE_PLAIN_FIRSTS):
            return None
        found = match_table(toks, i, TITLE_KEYS) or _plain_title(toks, i)
        if not found or found[0] >= len(toks):
            return None
        j, title = found
        body = (
            self._trie(toks, j, bare)
            or self._folded(toks, j, bare)
            or _as_hit(generic_ministry(toks, j))
            or _as_hit(generic_province(toks, j))
        )
        if body and (body[1].kind in CAP_KINDS or body[1].own) and not body[1].bare:
            return [(i, body[0], f"{title} {body[1].name}", BodyKind.role)]
        # A title over an enumeration: "Bộ trưởng các Bộ: Quốc phòng, Công an, Y tế" -> one role each.
        listed = self._enumeration(toks, j, bare)
        if listed:
            return [(i if k == 0 else s, e, f"{title} {name}", BodyKind.role) for k, (s, e, name, _kind) in enumerate(listed)]
        return None

    def _office(self, toks: list[Tok], i: int, bare: bool = False) -> list | None:
        """ "Văn phòng UBND tỉnh", "VP HĐND tỉnh Lào Cai": the office of a provincial council, an agency
        of its own (a generic "Văn phòng <Name>" would stop at the capitals of "UBND")."""
        if not toks[i].cap:
            return None
        if toks[i].fold == "văn" and i + 1 < len(toks) and toks[i + 1].fold == "phòng":
            j = i + 2
        elif toks[i].fold == "vp":
            j = i + 1
        else:
            return None
        if j >= len(toks) or toks[j].fold not in COUNCIL_FIRSTS and toks[j].plain not in COUNCIL_FIRSTS:
            return None
        # the council inside the name is no mention of its own: `True` lets "UBND tỉnh" through
        body = self._trie(toks, j, True) or self._folded(toks, j, True) or _as_hit(generic_province(toks, j))
        if body and (body[1].kind == BodyKind.province or body[1].own) and not body[1].bare:
            return [(i, body[0], f"Văn phòng {body[1].name}", BodyKind.agency)]
        return None

    def _enumeration(self, toks: list[Tok], i: int, bare: bool = False) -> list | None:
        """ "các Bộ: Công an, Quốc phòng" / "UBND các tỉnh Lào Cai, Yên Bái" -> one body per item;
        in a subject also the bare "Các tỉnh Nghệ An, Quảng Ngãi" (their People's Committees)."""
        mixed = False  # "Các Bộ, cơ quan: Tài chính, …, Tập đoàn Điện lực Việt Nam": not only ministries
        if toks[i].fold in ("bộ", "sở"):
            # "các Sở: Tư pháp, Nội vụ", "Giám đốc Sở: Tài chính, Y tế" (the provincial departments
            # listed as the ministries are: 35 such lists in the corpus)
            j, prefix, council = i + 1, "Bộ " if toks[i].fold == "bộ" else "Sở ", None
            listed = toks[i].cac_start is not None
            if listed and (others := _MIXED_HEAD.get(tuple(t.fold for t in toks[j : j + 3]))) is not None:
                j, mixed = j + others, True
        else:
            council = match_table(toks, i, COUNCIL_KEYS, COUNCIL_FIRSTS)
            if council is None and bare and toks[i].fold == "tỉnh" and toks[i].cac_start is not None:
                council = (i, "Ủy ban nhân dân")
            unit = match_table(toks, council[0], ENUM_UNITS) if council else None
            if not council or not unit:
                return None
            j, prefix, listed = unit[0], "tỉnh ", toks[council[0]].cac_start is not None
        if j < len(toks) and toks[j].fold == ":":
            j, listed = j + 1, True
        items, start = [], i
        head = _prefix_tokens(prefix)
        while listed and j < len(toks):
            # An item runs to the next comma; "và" inside it may belong to the name ("Các Bộ: Y tế,
            # Nông nghiệp và Môi trường") or join the last item ("Y tế và Công an"): the trie decides.
            k = j
            while k < len(toks) and toks[k].fold not in ENUM_STOPS - {"và"}:
                k += 1
            # the trie may run past the comma into a name that holds one: "Văn hóa, Thể thao và Du lịch"
            hit = self._trie(head + toks[j : j + MAX_ITEM_TOKENS], 0, True) if k > j else None
            offset = len(head)
            if mixed and (not hit or hit[0] <= offset) and k > j:
                hit, offset = self._trie(toks[j:k], 0, True), 0  # a body named in full: "Tập đoàn Điện lực Việt Nam"
            if not hit or hit[0] <= offset or (council is None and not mixed and not _listed_kind(prefix, hit[1])):
                break
            end = j + hit[0] - offset
            last = end < k and toks[end].fold != "và"  # "Ngoại giao thực hiện": stop after it
            k = end
            name = hit[1].name if council is None else f"{council[1]} {hit[1].name.removeprefix('Ủy ban nhân dân ')}"
            items.append((start, k, name, hit[1].kind))
            if k < len(toks) and toks[k].fold in {",", "và"} and k + 1 < len(toks) and toks[k + 1].fold == "và":
                k += 1
            j, start = k + 1, k + 1
            if last:
                break
        return items if len(items) >= 2 else None

    def scan(self, text: str, bare: bool) -> list[BodyMatch]:
        """The body mentions in `text`, leftmost-longest (`bare`: a bare place is a mention too)."""
        # A bare place and a province's own council ("tỉnh Lào Cai", "UBND tỉnh") hold a unit word,
        # as does the bare "các tỉnh" list: a text without one reads the same in both modes, and one
        # cached scan serves both (a subject's window is often scanned both ways).
        if bare and unicodedata.is_normalized("NFC", text) and not any(u in text.lower() for u in _UNIT_WORDS):
            bare = False
        found = list(self._scans(text, bare))
        if "hu vực" in text:  # "Khu vực"/"khu vực": a regional branch may follow its body's name
            found = [_with_region(text, m) for m in found]
        return found

    def _scan(self, text: str, bare: bool) -> tuple[BodyMatch, ...]:
        norm, offsets = nfc_with_map(text)
        toks, out, taken = _tokens(norm), [], 0
        # most words start no name (four in five of a directive's tokens): only the others are
        # tried, and they are picked out in C (tokens are tuples: `_RAW` reads a field)
        opens = list(map(self._opens.__getitem__, map(_RAW, toks)))
        root, plain_root, n = self._root.children, self._plain_root.children, len(toks)
        for i in compress(range(n), opens):
            if i < taken:
                continue  # inside the mention found last
            t = toks[i]
            if opens[i] == _LISTED:
                # No pattern starts here, only a listed name, which needs an entry on its first word
                # or its second word in the trie: "công tác", "có thể", "cơ chế" are skipped at once
                # (nine in ten of the words that open a name open none).
                nxt = toks[i + 1] if i + 1 < n else None
                node, unmarked_node = root.get(t.fold), plain_root.get(t.plain)
                if not (
                    (node is not None and (node.entry is not None or (nxt is not None and nxt.fold in node.children)))
                    or (
                        unmarked_node is not None
                        and (unmarked_node.entry is not None or (nxt is not None and nxt.plain in unmarked_node.children))
                    )
                ):
                    continue
            cands = self._candidates(toks, i, bare)
            if not cands or in_document_code(norm, toks[i]):
                continue
            best = max(cands, key=lambda c: c[-1][1])  # max() keeps the first (trie) on ties
            for s, e, name, kind in best:
                cac = toks[s].cac_start
                start = cac if kind in (BodyKind.group, BodyKind.role) and cac is not None else toks[s].start
                end = toks[e - 1].end
                a, b = (offsets[start], offsets[end]) if offsets else (start, end)
                out.append(BodyMatch(a, b, self._mention(name, text[a:b], kind)))
            taken = best[-1][1]
        return tuple(out)

    def scan_window(self, text: str, bare: bool, start: int, end: int) -> list[BodyMatch]:
        """The mentions of `text` (one scan, cached) lying wholly inside text[start:end], offsets
        those of `text`: a sentence scanned once serves each window of it by two bisections."""
        return in_window(self.scan(text, bare), start, end)

    def spellings(self) -> tuple[str, ...]:
        """Every spelling the body list gives, each body's name then its aliases, as written there."""
        return self._spellings

    def may_open(self, word: str) -> bool:
        """Whether a token written `word` (NFC) may open a mention; one that may not opens none,
        whatever follows it (`_scan` tries only the others)."""
        return bool(self._opens[word])

    def lookup(self, name: str) -> Body | None:
        text = unicodedata.normalize("NFC", name.strip())
        toks = tokens(text)
        while toks and not is_word(toks[-1]):
            toks.pop()
        if not toks:
            return None
        hit = self._trie(toks, 0, True, full=True) or self._folded(toks, 0, True, full=True)
        if hit:
            return self.body(hit[1].name, name.strip(), hit[1].kind)
        titled = self._titled(toks, 0, True) or self._office(toks, 0, True)  # before fuzzy: exact parts
        if titled and titled[0][1] == len(toks):
            return self.body(titled[0][2], name.strip(), titled[0][3])
        entry = self._fuzzy_entry(" ".join(t.fold for t in toks))
        if entry:
            return self.body(entry.name, name.strip(), entry.kind)
        found = self.scan(text[: toks[-1].end], bare=True)  # generic patterns and title + body
        if len(found) == 1 and found[0].start <= toks[0].start and found[0].end >= toks[-1].end:
            return found[0].body.model_copy(update={"text": name.strip()})
        return None

    def _fuzzy_entry(self, folded: str) -> _Entry | None:
        bare = self._ascii.get(strip_marks(folded))
        if bare:
            return bare
        if len(folded) < FUZZY_MIN_LEN:
            return None
        from rapidfuzz import fuzz, process  # only a name the lists do not know pays for the import

        best = process.extract(folded, list(self._fuzzy), scorer=fuzz.ratio, limit=2, score_cutoff=FUZZY_CUTOFF)
        if not best:
            return None
        if len(best) == 2 and best[1][1] == best[0][1] and self._fuzzy[best[1][0]] != self._fuzzy[best[0][0]]:
            return None  # a tie between two bodies: refuse to guess
        return self._fuzzy[best[0][0]]


# The 2025 regional branches of central agencies: "Ngân hàng nhà nước khu vực XII", "Chi cục Hải quan
# khu vực V", "Kho bạc Nhà nước khu vực X", "Ngân hàng Nhà nước chi nhánh Khu vực 8".
_REGION = re.compile(r"\s+(?:[Cc]hi\s+nhánh\s+)?[Kk]hu\s+vực\s+(?P<n>[IVXL]{1,5}|\d{1,2})\b")
_REGIONAL = ("Ngân hàng Nhà nước", "Kho bạc Nhà nước", "Chi cục Hải quan", "Chi cục Thuế", "Cục Hải quan", "Cục Thuế")


def _with_region(text: str, m: BodyMatch) -> BodyMatch:
    region = _REGION.match(text, m.end)
    if region is None or not m.body.name.startswith(_REGIONAL):
        return m
    name = m.body.name.removesuffix(" Việt Nam") + " khu vực " + region.group("n")
    return BodyMatch(m.start, region.end(), m.body.model_copy(update={"name": name, "text": text[m.start : region.end()]}))


def _damaged_like(span: list[Tok], name: tuple[str, ...]) -> bool:
    """Whether `span` reads as `name` with marks lost or garbled: every differing word has lost
    all its marks ("chinh" for "chính"), but for at most one longer word with wrong ones ("chình")."""
    wrong = [t for t, w in zip(span, name) if t.fold != w and t.fold != t.plain]
    # a short syllable with other marks is another word: "cấp Bộ trưởng bố trí" is no "Bộ trưởng bộ"
    return (
        len(wrong) <= FOLDED_MAX_WRONG_MARKS
        and all(len(t.fold) >= FOLDED_MIN_WRONG_LETTERS for t in wrong)
        and len(span) >= FOLDED_MIN_TOKENS
    )


# Titles without their marks, for OCR: "Bộ trường Bộ Công Thương" is the Minister of Industry and Trade.
TITLE_PLAIN = {tuple(plain(w) for w in k): (k, v) for k, v in TITLE_KEYS.items()}
TITLE_PLAIN_FIRSTS = frozenset(k[0] for k in TITLE_PLAIN)


def _plain_title(toks: list[Tok], i: int) -> tuple[int, str] | None:
    for n in (3, 2):
        found = TITLE_PLAIN.get(tuple(t.plain for t in toks[i : i + n]))
        if found and _damaged_like(toks[i : i + n], found[0]):
            return i + n, found[1]
    return None


_RAW = itemgetter(Tok._fields.index("raw"))
# `tokens`, shared by the scans of one text: a scan reads its list, never changes it.
_tokens = functools.lru_cache(maxsize=TOKEN_CACHE)(tokens)


# What may follow "Các Bộ" before the colon of a list that also names other bodies ("Các Bộ, cơ quan:",
# "Các Bộ, ngành:"), as a Thông báo kết luận writes it; the value is how many tokens it takes.
_MIXED_HEAD: dict[tuple[str, ...], int] = {
    (",", "cơ", "quan"): 3,
    (",", "ngành", ":"): 2,
}


@functools.cache
def _prefix_tokens(prefix: str) -> list[Tok]:
    return tokens(prefix)


def _as_hit(found: list | None) -> tuple[int, _Entry] | None:
    return (found[0][1], _Entry(found[0][2], found[0][3])) if found else None


def _match_start(m: BodyMatch) -> int:
    return m.start


def in_window(found: Sequence[BodyMatch], start: int, end: int) -> list[BodyMatch]:
    """The matches of one scan (sorted, non-overlapping, as `Gazetteer.scan` gives them) lying
    wholly inside [start, end): two bisections and a slice, whatever the number of matches.

    It differs from scanning text[start:end] only at the window's edges: a mention cut by `end` is
    left out, where a scan of the window may find a shorter name in what is left ("UBND tỉnh Lào
    Cai" cut after "tỉnh" is the own council there), and a scan starting inside a mention may read
    its tail as one ("… Bộ Công an" from "an")."""
    lo = bisect_left(found, start, key=_match_start)
    hi = bisect_left(found, end, key=_match_start)
    if hi > lo and found[hi - 1].end > end:
        hi -= 1  # ends are sorted too (no overlaps): only the last may run past the window
    return list(found[lo:hi])


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once."""
    return Gazetteer(resources.read_text(resources.BODIES))


def may_open(word: str) -> bool:
    """Whether a token written `word` (NFC) may open a body mention (see `Gazetteer.may_open`)."""
    return load_gazetteer().may_open(word)


def spellings() -> tuple[str, ...]:
    """Every spelling of the packaged body list (names and aliases), for indexes built on top of it."""
    return load_gazetteer().spellings()


def lookup(name: str) -> Body | None:
    """Canonicalise one body name as written: exact, alias, generic pattern, then fuzzy.

    Args:
        name: one name, e.g. "Bộ TT&TT" or "UBND tỉnh Yên Bái".

    Returns:
        The body with ``text`` as given, ``name`` canonical (a former body keeps its own name)
        and ``successor`` the body holding its duty today, or None when nothing matches closely
        enough.

    >>> body = lookup("Bộ TT&TT")
    >>> body.name, body.successor
    ('Bộ Thông tin và Truyền thông', 'Bộ Khoa học và Công nghệ')
    """
    return load_gazetteer().lookup(name)


def find_bodies(text: str) -> list[BodyMatch]:
    """Every body mention in `text`, leftmost-longest and non-overlapping.

    Bare place names ("tỉnh Lào Cai") are not mentions here; `split_bodies` accepts them.

    >>> [m.body.name for m in find_bodies("Bộ Công an và Bộ Quốc phòng")]
    ['Bộ Công an', 'Bộ Quốc phòng']
    """
    return load_gazetteer().scan(text, bare=False)


@functools.cache  # the names share most of their words: each is folded once per build
def _plain_part(part: str) -> str:
    return part.translate(PLAIN_TABLE)


def find_subject_bodies(text: str) -> list[BodyMatch]:
    """Like `find_bodies`, for the words where a subject stands: there a bare place is its People's
    Committee ("Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh …")."""
    return load_gazetteer().scan(text, bare=True)


def split_bodies(text: str) -> list[Body]:
    """Split a subject phrase ("Bộ Công an, Bộ Nội vụ và các bộ, ngành") into its bodies.

    Appositions ("- Cơ quan thường trực của Ban Chỉ đạo …") are dropped; leftover capitalised
    segments become ``Body(kind=other)``; a phrase with no body gives [].

    >>> [b.name for b in split_bodies("Bộ Nội vụ và các bộ, ngành")]
    ['Bộ Nội vụ', 'các bộ, ngành']
    """
    phrase = LEADING_VERB.sub("", text)
    matches = load_gazetteer().scan(phrase, bare=True)
    skip = _appositive_spans(phrase, matches) + _repeated_abbreviations(phrase, matches)
    out: list[tuple[int, Body]] = [(m.start, m.body) for m in matches if not _inside(m.start, skip)]
    edges = [0, *[x for m in matches for x in (m.start, m.end)], len(phrase)]
    for a, b in zip(edges[::2], edges[1::2]):
        out += [(a + off, body) for off, body in _unknown_segments(phrase[a:b]) if not _inside(a + off, skip)]
    return _with_places(phrase, sorted(out, key=lambda p: p[0]))


# A province's own agency followed by the province's name is one body: "Công an tỉnh Lai Châu",
# "Sở Tài chính tỉnh Lai Châu", "Báo và Phát thanh, Truyền hình Sơn La" (the place, with or without
# "tỉnh", is not a second body, the province's People's Committee).
_LOCAL_AGENCY = re.compile(r"^(?:Sở\s|Công\s+an\s|Bộ\s+Chỉ\s+huy\s|Báo\s+và\s+Phát\s+thanh)|\s(?:tỉnh|thành\s+phố)$")


def _with_places(phrase: str, found: list[tuple[int, Body]]) -> list[Body]:
    out: list[tuple[int, Body]] = []
    for start, body in found:
        if out and body.kind in (BodyKind.province, BodyKind.other) and _LOCAL_AGENCY.search(out[-1][1].name):
            prev_start, prev = out[-1]
            province = body if body.kind is BodyKind.province else _place(body.text)
            if province is not None and not phrase[prev_start + len(prev.text) : start].strip():
                own = re.sub(r"\s(?:tỉnh|thành\s+phố)$", "", prev.name)
                seat = re.sub(r"^(?:Ủy\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân)\s+", "", province.name)
                text = phrase[prev_start : start + len(body.text)]
                out[-1] = (prev_start, prev.model_copy(update={"name": f"{own} {seat}", "text": text}))
                continue
        out.append((start, body))
    return [b for _, b in out]


def _place(name: str) -> Body | None:
    """The province a bare place name ("Lai Châu", "Hà Nội") names, if the gazetteer knows it."""
    if not name[:1].isupper() or len(name.split()) > 4:
        return None
    found = load_gazetteer().scan(f"tỉnh {name}", bare=True)
    if len(found) == 1 and found[0].body.kind is BodyKind.province and found[0].end >= len(name) + 5:
        return found[0].body
    return None


def _appositive_spans(phrase: str, matches: list[BodyMatch]) -> list[tuple[int, int]]:
    spans = []
    for marker in APPOSITIVE.finditer(phrase):
        if marker.group(0).lstrip().startswith("("):
            close = phrase.find(")", marker.end())
            spans.append((marker.start(), close + 1 if close >= 0 else len(phrase)))
            continue
        end, prev = len(phrase), marker.end()
        for m in (m for m in matches if m.start >= marker.end()):
            if GAP_JOINT.search(phrase[prev : m.start]):
                end = m.start
                break
            prev = m.end
        spans.append((marker.start(), end))
    return spans


def _repeated_abbreviations(phrase: str, matches: list[BodyMatch]) -> list[tuple[int, int]]:
    """A name's own abbreviation in brackets after it is no second body: "Tập đoàn Điện lực Việt
    Nam (EVN)", "Bộ Khoa học và Công nghệ (Bộ KH&CN)"."""
    return [
        (b.start, b.end)
        for a, b in zip(matches, matches[1:])
        if a.body.name == b.body.name and phrase[a.end : b.start].strip() == "(" and phrase[b.end : b.end + 1] == ")"
    ]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_PLURAL_HEADS = re.compile(r"^(?:Thủ\s+trưởng|Giám\s+đốc|Người\s+đứng\s+đầu|Lãnh\s+đạo|Chủ\s+tịch)\s+các\s", re.I)


def _unknown_segments(gap: str) -> list[tuple[int, Body]]:
    """Capitalised leftovers between known bodies: plausible names of unlisted bodies."""
    out = []
    for m in SEGMENT.finditer(PARENS.sub(lambda p: " " * len(p.group(0)), gap)):
        for part in SEGMENT_PART.finditer(m.group(0)):
            seg = part.group(0).strip(" -–:.")
            words = seg.split()
            if (
                words
                and words[0][0].isupper()
                and words[0][0].isalpha()
                and len(words) <= 12
                and words[0].lower() not in {"và", "giao", "các"}
            ):
                # "Thủ trưởng các ngành, cơ quan cấp tỉnh": heads of a plural group are a group
                kind = BodyKind.group if _PLURAL_HEADS.match(seg) else BodyKind.other
                out.append((m.start() + part.start(), Body(name=seg, text=seg, kind=kind)))
    return out


def canonical_issuer(issuer: str | None) -> str | None:
    """'Bộ Công an' (from the header's 'BỘ CÔNG AN') -> the gazetteer's name when it is a ministry,
    agency or province; other issuers stay as written."""
    if not issuer:
        return issuer
    body = lookup(issuer)
    return body.name if body and body.kind in (BodyKind.ministry, BodyKind.agency, BodyKind.province) else issuer


def _listed_kind(prefix: str, body: _Entry) -> bool:
    """Whether a listed item is of the kind its head word lists: a ministry after "Bộ", a
    department after "Sở"."""
    if prefix == "Bộ ":
        return body.kind is BodyKind.ministry
    return body.kind is BodyKind.agency and body.name.startswith("Sở ")
