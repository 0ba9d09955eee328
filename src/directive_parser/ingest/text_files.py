"""Plain-text input: decode (UTF-8, UTF-16, legacy TCVN3/VNI) and split into pages."""
from __future__ import annotations

import re
from pathlib import Path

from directive_parser.errors import EncodingError
from directive_parser.ingest import legacy_encoding
from directive_parser.models import PageMethod, PageText


def decode_text(data: bytes, path: Path | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy TCVN3/VNI."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    converted = legacy_encoding.convert(data)
    if converted is None:
        raise EncodingError("not UTF-8, UTF-16 or a recognised legacy Vietnamese encoding (TCVN3, VNI)", path)
    return converted


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
