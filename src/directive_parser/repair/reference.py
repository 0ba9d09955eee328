"""Repair OCR-damaged text: str (+ clean reference texts) -> RepairResult / RepairInfo.

The alignment (`repair.align`) pairs OCR tokens with reference tokens; this module turns the
confident pairs into token changes, sends the tokens no reference covers to the blind restorer,
and applies the changes. Only word tokens change; lines, punctuation and clause labels stay.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from directive_parser.errors import MissingDependencyError
from directive_parser.models import RepairInfo, RepairResult, TokenChange
from directive_parser.repair.align import (
    Pick,
    ReferenceArg,
    Token,
    align_tokens,
    merge,
    read_references,
    tokenize,
)
from directive_parser.repair.damage import DAMAGE_THRESHOLD, assess_damage


def _caps_lines(text: str) -> set[int]:
    """Start offsets of lines written in capitals ("CHI THI"), whose replacements stay capitals.

    Chunks with a digit or a slash are codes, not heading words: "S6: 393/NQ-CP" is the number
    line "Số: 393/NQ-CP", not a heading, though every letter in it is a capital.
    """
    caps, pos = set(), 0
    for line in text.splitlines(keepends=True):
        words = " ".join(c for c in line.split() if not re.search(r"[\d/]", c))
        letters = [w for w in re.findall(r"[^\W\d_]+", words)]
        if len(letters) >= 2 and all(w.isupper() for w in letters):
            caps.add(pos)
        pos += len(line)
    return caps


def _reference_changes(text: str, ocr: list[Token], picks: dict[int, Pick]) -> list[TokenChange]:
    caps = _caps_lines(text)
    line_starts = [m.start() for m in re.finditer(r"^", text, re.M)]
    changes = []
    for k, p in picks.items():
        start, end = ocr[k].start, ocr[p.last].end
        tail = ocr[p.last].tail
        if tail and not p.ref_follow.startswith(tail[0]):
            end += len(tail)  # the tail was a misread letter, not punctuation
        repl = p.replacement
        if line_starts[bisect_left(line_starts, start + 1) - 1] in caps:
            repl = repl.upper()
        elif repl[:1].islower() and _starts_sentence(text, ocr[k]):
            repl = repl[0].upper() + repl[1:]  # the reference runs on where the OCR text has a heading
        if text[start:end] != repl:
            changes.append(
                TokenChange(
                    start=start,
                    end=end,
                    original=text[start:end],
                    replacement=repl,
                    confidence=round(p.confidence, 3),
                    method="reference",
                )
            )
    return changes


def _starts_sentence(text: str, token: Token) -> bool:
    """A capitalised word ("Vé", not "O" or "BO") at a line start or after . : ? !"""
    word = token.text
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return False
    before = text[: token.start].rstrip(" \t")
    if before[-1:] == "\n":  # a line start, unless the line before runs on: "phuong\nAn tuyén" (phương án tuyến)
        above = before.rstrip()
        return not above or not above[-1].islower()
    return not before or before[-1] in ".:?!"


def _apply(text: str, changes: list[TokenChange]) -> str:
    parts, pos = [], 0
    for c in sorted(changes, key=lambda c: c.start):
        parts += [text[pos : c.start], c.replacement]
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)


def _blind_restorer() -> Callable[[str], RepairResult]:
    try:
        from directive_parser.repair.restore import restore_diacritics
    except ImportError as e:
        raise MissingDependencyError(
            "blind repair needs directive_parser.diacritics.restore_diacritics, which is not "
            "available; pass a reference that covers the whole text"
        ) from e
    return restore_diacritics


def _blind_changes(text: str, ocr: list[Token], covered: set[int]) -> list[TokenChange]:
    """Blind-restorer changes inside OCR tokens no reference covers.

    The restorer sees only the lines holding such tokens (whole lines, for context), so a
    document the references nearly cover costs little.
    """
    uncovered = [t for k, t in enumerate(ocr) if k not in covered and not t.text.isdigit()]
    if not uncovered:
        return []
    restore = _blind_restorer()
    spans = [(t.start, t.end + len(t.tail)) for t in uncovered]
    starts = [s for s, _ in spans]
    out = []
    for lo, hi in _line_windows(text, spans):
        for c in restore(text[lo:hi]).changes:
            c = c.model_copy(update={"start": c.start + lo, "end": c.end + lo, "method": "blind"})
            p = bisect_left(starts, c.start + 1) - 1
            if p >= 0 and c.end <= spans[p][1]:
                out.append(c)
    return out


def _line_windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines around each span, overlapping or touching windows merged."""
    windows: list[list[int]] = []
    for start, end in spans:
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi
        if windows and lo <= windows[-1][1] + 1:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [(lo, hi) for lo, hi in windows]


def repair_text(text: str, reference: ReferenceArg) -> RepairResult:
    """Repair OCR-damaged `text` by copying the wording of clean reference text(s).

    Args:
        text: OCR output, e.g. Tesseract's English model run on a Vietnamese directive.
        reference: clean text of (part of) the same document: a string, a path, or a sequence of
            them. A `str` that names an existing file is read as UTF-8; any other `str` is the
            reference text itself. With several references each OCR token takes the most
            confident alignment.

    Returns:
        `RepairResult` whose `changes` give each replaced token with offsets into `text`;
        `method` is "reference" when no blind repair was needed, "mixed" when passages the
        references do not cover went to `restore_diacritics`, "blind" when none was covered.

    Raises:
        FileUnreadableError: a reference path cannot be read.
        MissingDependencyError: some passage needs blind repair and
            `directive_parser.diacritics.restore_diacritics` is not available.

    >>> str(repair_text("Thu tuéng Chinh phi ctia", "Thủ tướng Chính phủ của"))
    'Thủ tướng Chính phủ của'
    """
    refs = read_references(reference)
    ocr = tokenize(text)
    picks = merge([align_tokens(ocr, tokenize(r), r) for r in refs])
    changes = _reference_changes(text, ocr, picks)
    covered = {k for k, p in picks.items() for k in range(k, p.last + 1)}
    blind = _blind_changes(text, ocr, covered)
    words = sum(1 for t in ocr if not t.text.isdigit()) or 1
    coverage = sum(1 for k in covered if not ocr[k].text.isdigit()) / words
    method = "reference" if not blind else ("mixed" if covered else "blind")
    changes = sorted(changes + blind, key=lambda c: c.start)
    return RepairResult(
        text=_apply(text, changes), changes=changes, method=method, reference_coverage=round(min(1.0, coverage), 4)
    )


def repair_document_text(text: str, reference: ReferenceArg | None = None) -> tuple[str, RepairInfo]:
    """Repair one text layer or .txt input if it looks damaged; leave clean text alone.

    Args:
        text: the document text, lines and clause labels as read.
        reference: clean text(s) of the same document, as for `repair_text`; without one,
            damaged text goes to the blind restorer.

    Returns:
        The (possibly) repaired text, with the same lines, and a `RepairInfo` for `Source.repair`.

    Raises:
        MissingDependencyError: blind repair is needed but not available.

    >>> repair_document_text("Bộ Công an chủ trì.")[1].damaged
    False
    """
    score = round(assess_damage(text), 4)
    if score < DAMAGE_THRESHOLD:
        return text, RepairInfo(damaged=False, damage_score=score, method="none")
    if reference is None:
        result = _blind_restorer()(text)
        result = result.model_copy(update={"method": "blind", "reference_coverage": 0.0})
    else:
        result = repair_text(text, reference)
    return result.text, RepairInfo(
        damaged=True,
        damage_score=score,
        method=result.method,
        changed_tokens=len(result.changes),
        reference_coverage=result.reference_coverage,
    )
