"""Legacy 8-bit Vietnamese text (TCVN3/ABC, VNI) -> NFC Unicode: `bytes -> str | None`.

Before Unicode, Vietnamese documents were typed in font encodings and saved as plain
Windows-1252/latin-1 bytes:

* **TCVN3** (ABC, fonts `.VnTime`): one byte per letter. The table is TCVN 5712:1993 VN1,
  a superset of the VN3 repertoire of the ABC fonts. VN3 has no codes for uppercase toned
  letters (`.VnTimeH` fonts draw the lowercase codes as capitals), so decoding restores the
  case of such letters from their word and sentence (`_restore_tcvn3_case`).
* **VNI** (fonts `VNI-Times`): a base letter followed by a separate mark byte, e.g.
  `"a" + "\\xf9"` is `á`; o/u with horn, đ and the toned i are single bytes.

Detection decodes the input with each table and scores the result: the share of word
tokens that are valid Vietnamese syllables (onset, nucleus, coda, at most one tone mark,
and only sắc/nặng on a syllable closed by c/ch/p/t). The best table wins if its share
reaches `MIN_SYLLABLE_SHARE`, it yields at least `MIN_VIETNAMESE_TOKENS` valid tokens
that contain a Vietnamese letter, and valid syllables cover `MIN_LETTER_COVERAGE` of the
text (inputs under `MIN_VALID_LETTERS` letters are too short to tell from noise). English latin-1 text
(café, naïve, £) and random bytes
fail these tests, so `convert` returns None for them and the caller raises a typed error.
Text that is valid UTF-8 should be decoded as UTF-8 before calling this module.

The tables live in `data/legacy_tcvn3.tsv` and `data/legacy_vni.tsv`; see their headers
for provenance (glibc iconv `TCVN5712-1`, xvnkb `tcvn.h`/`vni.h`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from directive_parser import resources
from directive_parser.text.syllable import TONE_MARKS, is_syllable

TCVN3 = "tcvn3"
VNI = "vni"

MIN_SYLLABLE_SHARE = 0.75
"""Share of scored tokens that must be valid syllables for a table to be accepted."""
MIN_VIETNAMESE_TOKENS = 1
"""Valid tokens with a non-ASCII letter needed: ASCII-only text is never 'legacy Vietnamese'."""
MAX_CONTROL_SHARE = 0.01
"""Decoded text with more control characters than this is binary, not text."""
MIN_VALID_LETTERS = 4
"""Letters in valid syllables needed: a 4-byte input is as likely noise as a word."""
MIN_LETTER_COVERAGE = 0.5
"""Share of non-space characters that must sit in valid syllables (rejects short random bytes)."""
DETECT_SAMPLE_BYTES = 64 * 1024
"""Detection reads only this much of a large file."""

_TONED = frozenset(
    c for c in map(chr, range(0xC0, 0x1F00)) if c.isalpha() and any(m in unicodedata.normalize("NFD", c) for m in TONE_MARKS)
)
# Tokens are split at whitespace and ASCII punctuation ("I/2026", "CT-TTg"); a legacy byte
# left undecoded (®, soft hyphen) stays inside its token and makes it invalid.
_TOKEN_SPLIT_RE = re.compile(r"[\s!-/:-@\[-`{-~]+")
_WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END = ".!?"
_LINE_END = ".!?:;"  # a line ending so makes the next line's first word a sentence opener
_LIST_LABEL_RE = re.compile(r"(?:[-–+•*]|[0-9IVXa-zđ]{1,4}[.)])?")  # "", "-", "1.", "a)", "II."
_KEEP_CONTROLS = frozenset("\t\n\r\f\v")
# Windows-1252 punctuation in 0x80-0x9F (smart quotes, dashes); VNI fonts keep it there.
_CP1252_C1 = {0x80 + i: bytes([0x80 + i]).decode("cp1252") for i in range(32) if (0x80 + i) not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


@dataclass(frozen=True)
class _LegacyTable:
    """One legacy encoding: legacy strings (bytes as latin-1 chars) <-> Unicode characters."""

    name: str
    to_unicode: dict[str, str]
    from_unicode: dict[str, str]
    pattern: re.Pattern[str] | None  # None: every code is one byte, str.translate suffices
    claimed: frozenset[str]  # latin-1 chars that mean something else in this encoding

    def decode(self, data: bytes) -> str:
        text = data.decode("latin-1")
        if self.pattern is None:
            text = text.translate(str.maketrans(dict(self.to_unicode)))  # type: ignore[arg-type]
        else:  # one pass, longest first: "o\xe2" is ô, and the ó it yields must stay ó
            text = self.pattern.sub(lambda m: self.to_unicode[m.group()], text)
        return unicodedata.normalize("NFC", text.translate(_CP1252_C1))

    def encode(self, text: str, *, lowercase_toned_capitals: bool = False) -> bytes:
        return "".join(self._encode_char(ch, lowercase_toned_capitals) for ch in unicodedata.normalize("NFC", text)).encode(
            "latin-1"
        )

    def _encode_char(self, ch: str, lowercase_toned_capitals: bool) -> str:
        if lowercase_toned_capitals and ch in _TONED and ch.isupper():
            ch = ch.lower()
        legacy = self.from_unicode.get(ch)
        if legacy is not None:
            return legacy
        if ord(ch) < 0x80:
            return ch
        try:
            byte = ch.encode("cp1252").decode("latin-1")
        except UnicodeEncodeError:
            return "?"
        return "?" if byte in self.claimed else byte


@functools.cache
def _load_table(name: str) -> _LegacyTable:
    """Read `data/legacy_<name>.tsv`: rows of hex legacy bytes, a tab, the Unicode character."""
    rows = resources.legacy_table(name)
    to_unicode: dict[str, str] = {}
    for line in rows.splitlines():
        if line and not line.startswith(("#", "byte")):
            hex_bytes, char = line.split("\t")
            to_unicode[bytes.fromhex(hex_bytes).decode("latin-1")] = char
    from_unicode = {char: legacy for legacy, char in to_unicode.items()}
    # VNI files mix the case of base and mark ("Aù"); accept both, the base sets the case.
    for legacy, char in list(to_unicode.items()):
        if len(legacy) == 2:
            to_unicode.setdefault(legacy[0] + legacy[1].swapcase(), char)
    keys = sorted(to_unicode, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, keys))) if len(keys[0]) > 1 else None
    claimed = frozenset(c for legacy in to_unicode for c in legacy if ord(c) >= 0x80)
    return _LegacyTable(name, to_unicode, from_unicode, pattern, claimed)


def _score(text: str) -> tuple[float, int, int] | None:
    """Rank one decoding; None when it is not Vietnamese text at all.

    Returns (share of valid syllables, valid tokens with a Vietnamese letter, -length). On
    equal shares the shorter decoding wins: it read more bytes as VNI letter + mark pairs.
    Besides the thresholds, valid syllables must cover `MIN_LETTER_COVERAGE` of the
    non-space characters, so that a few stray vowels in random bytes do not count.
    """
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _KEEP_CONTROLS)
    if not text or controls > MAX_CONTROL_SHARE * len(text):
        return None
    # ASCII all-caps tokens are abbreviations (UBND, GTVT) and count for neither side.
    tokens = [
        t for t in _TOKEN_SPLIT_RE.split(text) if t and not any(c.isdigit() for c in t) and not (t.isascii() and t.isupper())
    ]
    valid = [t for t in tokens if is_syllable(t)]
    vietnamese = sum(1 for t in valid if not t.isascii())
    letters = sum(map(len, valid))
    if not tokens or vietnamese < MIN_VIETNAMESE_TOKENS or letters < MIN_VALID_LETTERS:
        return None
    share = len(valid) / len(tokens)
    coverage = letters / sum(1 for c in text if not c.isspace())
    if share < MIN_SYLLABLE_SHARE or coverage < MIN_LETTER_COVERAGE:
        return None
    return share, vietnamese, -len(text)


def detect(data: bytes) -> str | None:
    """Name the legacy encoding of `data`: "tcvn3", "vni", or None when it is neither.

    Args:
        data: file contents that failed to decode as UTF-8.

    Returns:
        The encoding whose decoding reads best as Vietnamese, or None when no decoding
        reaches `MIN_SYLLABLE_SHARE` with `MIN_VIETNAMESE_TOKENS` Vietnamese words.

    >>> detect("Chỉ thị của Thủ tướng".encode("latin-1", "replace")) is None
    True
    >>> detect(encode_vni("Chỉ thị của Thủ tướng"))
    'vni'
    """
    sample = data[:DETECT_SAMPLE_BYTES]
    scores = {name: _score(_load_table(name).decode(sample)) for name in (TCVN3, VNI)}
    ranked = sorted((score, name) for name, score in scores.items() if score is not None)
    return ranked[-1][1] if ranked else None


def convert(data: bytes) -> str | None:
    """Detect TCVN3 or VNI in `data` and return its text as NFC Unicode.

    Args:
        data: file contents that failed to decode as UTF-8.

    Returns:
        The converted text, or None when `data` is neither TCVN3 nor VNI Vietnamese
        (English latin-1 text, binary data); the caller raises the typed error.

    >>> convert(b"Th\\xf1 t\\xad\\xedng Ch\\xddnh ph\\xf1")
    'Thủ tướng Chính phủ'
    """
    name = detect(data)
    return None if name is None else _decode(name, data)


def _decode(name: str, data: bytes) -> str:
    text = _load_table(name).decode(data)
    return _restore_tcvn3_case(text) if name == TCVN3 else text


def encode_tcvn3(text: str, *, abc_fonts: bool = False) -> bytes:
    """Encode `text` as TCVN3 bytes; characters TCVN3 cannot hold become "?".

    Args:
        text: Unicode text.
        abc_fonts: write uppercase toned letters with their lowercase codes, as the VN3
            repertoire of the ABC `.VnTime`/`.VnTimeH` fonts does (case is then restored
            on decoding from context). By default the VN1 uppercase codes are used.

    Returns:
        The encoded bytes.

    >>> encode_tcvn3("Đồng Nai")
    b'\\xa7\\xe5ng Nai'
    """
    return _load_table(TCVN3).encode(text, lowercase_toned_capitals=abc_fonts)


def encode_vni(text: str) -> bytes:
    """Encode `text` as VNI Windows bytes; characters VNI cannot hold become "?".

    Args:
        text: Unicode text.

    Returns:
        The encoded bytes (base letter followed by its mark byte).

    >>> encode_vni("Đồng Nai")
    b'\\xd1o\\xe0ng Nai'
    """
    return _load_table(VNI).encode(text)


def _restore_tcvn3_case(text: str) -> str:
    """Capitalise toned letters that VN3 could only store in lowercase.

    A word is uppercased when all its other cased letters are capitals beyond the first
    ("CHỉ" -> "CHỈ", "ủY" -> "ỦY"), or when it is title-like or caseless ("Bộ", "ở") and a
    neighbour on the same line is an all-caps syllable ("Bộ CÔNG AN" -> "BỘ CÔNG AN";
    "Bộ GTVT" stays). A toned lowercase letter opening the text or a sentence on its line is
    capitalised ("ủy ban..." -> "Ủy ban..."), as is one opening a line (after a list label
    such as "-", "1." or "a)") when the previous line ended a sentence; a hard-wrapped line
    keeps its lowercase. Text holding any VN1 capital is left alone.
    Not recoverable: a capital inside a sentence ("...; Ủy ban Mặt trận" stays "ủy ban").
    """
    if any(c.isupper() for c in _TONED.intersection(text)):
        return text  # the file uses the VN1 capitals, so its case is already right
    lines, opens = [], True
    for line in text.split("\n"):
        lines.append(_restore_line_case(line, opens))
        opens = not line.strip() or line.rstrip()[-1] in _LINE_END
    return "\n".join(lines)


def _restore_line_case(line: str, line_opens: bool) -> str:
    spans = [match.span() for match in _WORD_RE.finditer(line)]
    words = [_upper_if_capitals(line[start:end]) for start, end in spans]
    caps = [_is_caps_syllable(word) for word in words]  # after the first pass: "HòA" is caps
    pieces, last = [], 0
    for i, (start, end) in enumerate(spans):
        word = words[i]
        if any(_is_ambiguous(c) for c in word):
            near_caps = (i > 0 and caps[i - 1]) or (i + 1 < len(words) and caps[i + 1])
            word = _recase_word(word, near_caps, _opens_sentence(line[:start], line_opens))
        pieces += [line[last:start], word]
        last = end
    pieces.append(line[last:])
    return "".join(pieces)


def _upper_if_capitals(word: str) -> str:
    """Uppercase a word whose known-case letters are capitals beyond the first ("CHỉ")."""
    cased = [(j, c) for j, c in enumerate(word) if c.isalpha() and not _is_ambiguous(c)]
    if cased and all(c.isupper() for _, c in cased) and any(j > 0 for j, _ in cased):
        return word.upper()
    return word


def _recase_word(word: str, near_caps: bool, opens_sentence: bool) -> str:
    cased = [(j, c) for j, c in enumerate(word) if c.isalpha() and not _is_ambiguous(c)]
    if near_caps and all(j == 0 and c.isupper() for j, c in cased):
        return word.upper()
    if opens_sentence and _is_ambiguous(word[0]):
        return word[0].upper() + word[1:]
    return word


def _is_ambiguous(ch: str) -> bool:
    """A lowercase toned letter: VN3 stores its capital with the same code."""
    return ch in _TONED and ch.islower()


def _is_caps_syllable(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and is_syllable(word)


def _opens_sentence(prefix: str, line_opens: bool) -> bool:
    """Whether a word after `prefix` (its line so far) starts a sentence."""
    if line_opens and _LIST_LABEL_RE.fullmatch(prefix.strip()):
        return True
    stripped = prefix.rstrip()
    return stripped != prefix and stripped[-1:] in tuple(_SENTENCE_END)
