"""Tell a file's type from its first bytes, and read it with typed errors."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from directive_parser.errors import FileUnreadableError

# No input is read past this size: a 2 GB "text file" or a device is refused, not loaded into
# memory. DIRECTIVE_PARSER_MAX_INPUT_MB overrides it (0: no limit).
DEFAULT_MAX_INPUT_MB = 200
MAX_INPUT_ENV = "DIRECTIVE_PARSER_MAX_INPUT_MB"
# Names whose content is taken as text unless another format's signature is at byte 0: "%PDF-"
# quoted inside a .txt does not make it a PDF.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".csv"})

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


def sniff(data: bytes, name: str | os.PathLike | None = None) -> str:
    """Name the file type from its first bytes: 'pdf', 'docx', 'text', or a human name of another format.

    With `name`, a text name (.txt) holds text unless its first bytes are a signature: the junk
    allowed before a PDF header does not apply, so a .txt that quotes "%PDF-" stays text.

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
    if name is not None and Path(name).suffix.lower() in TEXT_SUFFIXES:
        return "pdf" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") else "text"
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:  # the PDF spec allows junk before the header
        return "pdf"
    return "text"


def _zip_holds(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return name in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def max_input_bytes() -> int | None:
    """The input size limit in bytes (None: no limit), from `MAX_INPUT_ENV` or the default."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    mb = int(raw) if raw.isdigit() else DEFAULT_MAX_INPUT_MB
    return mb * 1024 * 1024 if mb else None


def read_bytes(path: Path, max_bytes: int | None = -1) -> bytes:
    """Read a regular file or raise `FileUnreadableError` naming why.

    A FIFO, a device (/dev/zero) or a socket is refused without being opened, and so is a file
    larger than `max_bytes` (default: `max_input_bytes()`; None: no limit).
    """
    limit = max_input_bytes() if max_bytes == -1 else max_bytes
    try:
        if path.is_dir():
            raise FileUnreadableError("is a directory, not a file", path)
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise FileUnreadableError("not a regular file (a FIFO, device or socket): nothing to parse", path)
        if limit is not None and st.st_size > limit:
            raise FileUnreadableError(
                f"{st.st_size / 2**20:.0f} MB is over the {limit / 2**20:.0f} MB input limit (set {MAX_INPUT_ENV} to raise it)",
                path,
            )
        return path.read_bytes()
    except FileNotFoundError as e:
        raise FileUnreadableError("no such file", path) from e
    except PermissionError as e:
        raise FileUnreadableError("permission denied", path) from e
    except OSError as e:
        raise FileUnreadableError(f"cannot be read ({e.strerror or e})", path) from e
