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
from directive_parser.extract.bodies.patterns import (
    deputy_pm,
    generic_ministry,
    generic_province,
    generic_unit,
    steering_committee,
)
from directive_parser.extract.bodies.tokens import (
    COUNCILS,
    TITLES,
    UNITS,
    Tok,
    in_document_code,
    is_cap,
    is_word,
    key,
    match_table,
    nfc_with_map,
    tokens,
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


class Gazetteer:
    """Bodies from ``data/bodies.tsv`` indexed for exact, generic and fuzzy matching."""

    def __init__(self, tsv: str):
        self._root = _Node()
        self._fuzzy: dict[str, _Entry] = {}
        self._ascii: dict[str, _Entry | None] = {}
        # A body renamed or merged in a reorganisation keeps its own name (a 2012 directive's "Bộ
        # Kế hoạch và Đầu tư" is that ministry); `successor` says who holds the duty today.
        self.successor: dict[str, str] = {}
        # Fields of the ministries, old and new: provincial departments and units take their names
        # ("Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư", "Vụ Tài chính").
        self.fields: set[tuple[str, ...]] = set()
        rows = [(line.split("\t") + ["", "", ""])[:4] for line in tsv.splitlines() if line.strip() and not line.startswith("#")]
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
                if final != name:
                    self.successor[name] = final
                if kind == BodyKind.ministry and name.startswith("Bộ "):
                    self.fields.add(key(name[len("Bộ ") :]))
                for alias in spellings:
                    cap = BodyKind(kind) in CAP_KINDS and alias[0].isupper()
                    cac = alias.lower().startswith("các ") and len(key(alias)) <= 2
                    self._add(alias, _Entry(name, BodyKind(kind), cap, cac=cac))

    def _add(self, alias: str, entry: _Entry, fuzzy: bool = True) -> None:
        for long, short in NOUN_ABBREVIATIONS.items():
            # Documents abbreviate standard nouns inside names: "cơ quan chủ quản CSDL" is
            # "cơ quan chủ quản cơ sở dữ liệu", "đơn vị giải quyết TTHC" is "… thủ tục hành chính".
            if long in alias:
                self._insert(alias.replace(long, short), entry)
        self._insert(alias, entry)
        if fuzzy:
            folded = " ".join(key(alias))
            self._fuzzy.setdefault(folded, entry)
            plain = strip_marks(folded)
            self._ascii[plain] = entry if self._ascii.get(plain, entry) == entry else None

    def _insert(self, alias: str, entry: _Entry) -> None:
        node = self._root
        for part in key(alias):
            node = node.children.setdefault(part, _Node())
        if node.entry is None or (node.entry.bare and not entry.bare):
            node.entry = entry

    def _add_province(self, name: str, final: str, places: list[str]) -> None:
        unit, place = (
            name.removeprefix("Ủy ban nhân dân ").split(" ", 1)
            if name.startswith("Ủy ban nhân dân tỉnh")
            else ("thành phố", name.removeprefix("Ủy ban nhân dân thành phố "))
        )
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
    def _trie(self, toks: list[Tok], i: int, bare: bool, full: bool = False) -> tuple[int, _Entry] | None:
        node: _Node | None = self._root
        best = None
        for j in range(i, len(toks)):
            node = node.children.get(toks[j].fold) if node is not None else None
            if node is None:
                break
            e = node.entry
            if (
                e
                and (bare or not e.bare)
                and (full or not e.cap or is_cap(toks[i]))
                and (full or not e.cac or toks[i].cac_start is not None)
            ):
                best = (j + 1, e)
        if full and best and best[0] != len(toks):
            return None
        return best

    def _candidates(self, toks: list[Tok], i: int, bare: bool) -> list[list[tuple[int, int, str, BodyKind]]]:
        out = []
        hit = self._trie(toks, i, bare)
        if hit:
            out.append([(i, hit[0], hit[1].name, hit[1].kind)])
        # Generic patterns only where the list has nothing: "Bộ Công Thương ban hành" is not a name.
        generic = (
            (deputy_pm, steering_committee)
            if hit
            else (generic_ministry, generic_province, deputy_pm, steering_committee, self._unit)
        )
        for found in (self._titled(toks, i), self._enumeration(toks, i), *(fn(toks, i) for fn in generic)):
            if found:
                out.append(found)
        return out

    def _unit(self, toks: list[Tok], i: int) -> list | None:
        return generic_unit(toks, i, self.fields)

    def body(self, name: str, text: str, kind: BodyKind) -> Body:
        """A `Body` with the successor that holds its duty today, if it was reorganised."""
        return Body(name=name, text=text, kind=kind, successor=self.successor.get(name))

    def _titled(self, toks: list[Tok], i: int) -> list | None:
        for n in (3, 2):
            words = " ".join(t.fold for t in toks[i : i + n])
            if words in TITLES and is_cap(toks[i]) and i + n < len(toks):
                body = (
                    self._trie(toks, i + n, False)
                    or _as_hit(generic_ministry(toks, i + n))
                    or _as_hit(generic_province(toks, i + n))
                )
                if body and body[1].kind in CAP_KINDS:
                    return [(i, body[0], f"{TITLES[words]} {body[1].name}", BodyKind.role)]
        return None

    def _enumeration(self, toks: list[Tok], i: int) -> list | None:
        """ "các Bộ: Công an, Quốc phòng" / "UBND các tỉnh Lào Cai, Yên Bái" -> one body per item."""
        if toks[i].fold == "bộ":
            j, prefix, council = i + 1, "Bộ ", None
            listed = toks[i].cac_start is not None
        else:
            council = match_table(toks, i, COUNCILS)
            unit = match_table(toks, council[0], {"tỉnh , thành phố": "tỉnh", **UNITS}) if council else None
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
            head = tokens(prefix)
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
        norm, offsets = nfc_with_map(text)
        toks, out, i = tokens(norm), [], 0
        while i < len(toks):
            cands = self._candidates(toks, i, bare)
            if not cands or in_document_code(norm, toks[i]):
                i += 1
                continue
            best = max(cands, key=lambda c: c[-1][1])  # max() keeps the first (trie) on ties
            for s, e, name, kind in best:
                cac = toks[s].cac_start
                start = cac if kind in (BodyKind.group, BodyKind.role) and cac is not None else toks[s].start
                a, b = offsets[start], offsets[toks[e - 1].end]
                out.append(BodyMatch(a, b, self.body(name, text[a:b], kind)))
            i = best[-1][1]
        return out

    def lookup(self, name: str) -> Body | None:
        text = unicodedata.normalize("NFC", name.strip())
        toks = tokens(text)
        while toks and not is_word(toks[-1]):
            toks.pop()
        if not toks:
            return None
        hit = self._trie(toks, 0, True, full=True)
        if hit:
            return self.body(hit[1].name, name.strip(), hit[1].kind)
        entry = self._fuzzy_entry(" ".join(t.fold for t in toks))
        if entry:
            return self.body(entry.name, name.strip(), entry.kind)
        found = self.scan(text[: toks[-1].end], bare=True)  # generic patterns and title + body
        if len(found) == 1 and found[0].start <= toks[0].start and found[0].end >= toks[-1].end:
            return found[0].body.model_copy(update={"text": name.strip()})
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
            if re.search(r"(?:[,;]|\bvà)\s*$", phrase[prev : m.start]):
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
            if (
                words
                and words[0][0].isupper()
                and words[0][0].isalpha()
                and len(words) <= 12
                and words[0].lower() not in {"và", "giao", "các"}
            ):
                out.append((m.start() + part.start(), Body(name=seg, text=seg, kind=BodyKind.other)))
    return out


def canonical_issuer(issuer: str | None) -> str | None:
    """'Bộ Công an' (from the header's 'BỘ CÔNG AN') -> the gazetteer's name when it is a ministry,
    agency or province; other issuers stay as written."""
    if not issuer:
        return issuer
    body = lookup(issuer)
    return body.name if body and body.kind in (BodyKind.ministry, BodyKind.agency, BodyKind.province) else issuer
