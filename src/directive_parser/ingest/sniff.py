"""Tell a file's type from its first bytes, and read it with typed errors."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from directive_parser.errors import FileUnreadableError

# Readers accept a PDF header anywhere in the first kilobyte (Acrobat implementation note 13).
PDF_HEADER_WINDOW = 1024
_MAGIC_KINDS = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (DOCX/XLSX?)"),
    (b"\xd0\xcf\x11\xe0", "OLE document (DOC/XLS?)"),
    (b"{\\rtf", "RTF document"),
)
ZIP_MAGIC = b"PK\x03\x04"
# The part every Word package has (ECMA-376 part 2 names it through _rels/.rels; Word always uses this path).
DOCX_DOCUMENT_PART = "word/document.xml"


def sniff(data: bytes) -> str:
    """Name the file type from its first bytes: 'pdf', 'docx', 'text', or a human name of another format.

    A ZIP is 'docx' when it holds word/document.xml; any other ZIP, a damaged one included, is a
    "ZIP archive".

    Another format's signature at byte 0 wins over a "%PDF-" further on: a ZIP that stores a PDF
    uncompressed holds "%PDF-" in its first kilobyte but is still a ZIP.

    >>> sniff(b"\\x89PNG\\r\\n"), sniff(b"junk\\n%PDF-1.7"), sniff("Chỉ thị".encode())
    ('PNG image', 'pdf', 'text')
    """
    if data.startswith(ZIP_MAGIC) and _zip_holds(data, DOCX_DOCUMENT_PART):
        return "docx"
    for magic, kind in _MAGIC_KINDS:
        if data.startswith(magic):
            return kind
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:  # the PDF spec allows junk before the header
        return "pdf"
    return "text"


def _zip_holds(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return name in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def read_bytes(path: Path) -> bytes:
    """Read a file or raise `FileUnreadableError` naming why."""
    try:
        if path.is_dir():
            raise FileUnreadableError("is a directory, not a file", path)
        return path.read_bytes()
    except FileNotFoundError as e:
        raise FileUnreadableError("no such file", path) from e
    except PermissionError as e:
        raise FileUnreadableError("permission denied", path) from e
    except OSError as e:
        raise FileUnreadableError(f"cannot be read ({e.strerror or e})", path) from e
