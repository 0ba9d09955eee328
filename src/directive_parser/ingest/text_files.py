"""Plain-text input: decode (UTF-8, UTF-16, legacy TCVN3/VNI) and split into pages."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from directive_parser.errors import EncodingError
from directive_parser.ingest import legacy_encoding
from directive_parser.models import PageMethod, PageText

logger = logging.getLogger(__name__)

REPLACEMENT = "\ufffd"
# Decoding is not all-or-nothing: up to this share of undecodable characters (and at least
# `MIN_TOLERATED`) is replaced with U+FFFD and warned about; more is an EncodingError.
MAX_BAD_RATIO = 0.01
MIN_TOLERATED = 4


def decode_text(data: bytes, path: Path | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy TCVN3/VNI.

    A few stray bytes in UTF-8 or UTF-16 text (see `MAX_BAD_RATIO`) become U+FFFD, with a
    logged warning; `decode_report` also returns the warning's text.

    Raises:
        EncodingError: no encoding fits, or too many bytes do not decode.
    """
    return decode_report(data, path)[0]


def decode_report(data: bytes, path: Path | None = None) -> tuple[str, str | None]:
    """`decode_text` plus the warning when bytes were replaced (None when the decoding was clean)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            text, bad = _lenient(data, "utf-16")
            if _tolerable(text, bad):
                return text, _replaced(bad, "UTF-16", path)
            raise EncodingError(f"a UTF-16 byte-order mark but {bad} undecodable character(s) in {len(text)}", path) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text, bad = _lenient(data, "utf-8-sig")
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 127) - text.count(REPLACEMENT)
    if _tolerable(text, bad) and valid_non_ascii >= 4 * bad:
        return text, _replaced(bad, "UTF-8", path)  # UTF-8 text with a few stray bytes
    converted = legacy_encoding.convert(data)
    if converted is not None:
        return converted, None
    if _tolerable(text, bad):
        return text, _replaced(bad, "UTF-8", path)
    raise EncodingError("not UTF-8, UTF-16 or a recognised legacy Vietnamese encoding (TCVN3, VNI)", path)


def _lenient(data: bytes, codec: str) -> tuple[str, int]:
    text = data.decode(codec, errors="replace")
    already = data.count(REPLACEMENT.encode("utf-8")) if codec.startswith("utf-8") else 0
    return text, text.count(REPLACEMENT) - already


def _tolerable(text: str, bad: int) -> bool:
    return bad <= max(MIN_TOLERATED, int(len(text) * MAX_BAD_RATIO))


def _replaced(bad: int, codec: str, path: Path | None) -> str:
    message = f"{bad} undecodable byte sequence(s) in {codec} text replaced with U+FFFD"
    logger.warning("%s: %s", path or "<text>", message)
    return message


# A form feed or a line holding only a page number ("2", "- 2 -", "Trang 2") separates pages of a
# text file exported from a PDF.
_PAGE_BREAK = re.compile(r"\f|\n[ \t]*\n[ \t]*(?:-\s*)?(?:Trang\s+)?(\d{1,3})(?:\s*-)?[ \t]*\n(?=[ \t]*\n)")


def split_text_pages(text: str) -> list[PageText]:
    """Split plain text into pages at form feeds and at isolated page-number lines in sequence."""
    pages: list[PageText] = []
    last, expected = 0, 2
    for m in _PAGE_BREAK.finditer(text):
        if m.group(1) is not None and int(m.group(1)) != expected:
            continue
        pages.append(PageText(len(pages) + 1, text[last : m.start()], PageMethod.text))
        last, expected = m.end(), expected + 1
    pages.append(PageText(len(pages) + 1, text[last:], PageMethod.text))
    return pages
