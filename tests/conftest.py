"""Shared fixtures and the `tesseract` and `browser` marker hooks.

Tests marked `@pytest.mark.tesseract` need the real `tesseract` binary with the `vie` and `eng`
data. They are skipped when it is missing, except when the environment says `CI=true`: there
they must run, so a missing install fails them instead of hiding them. Tests marked
`@pytest.mark.browser` need Debian's `chromium` and `chromium-driver` and the `selenium` package,
on the same terms.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from directive_parser.ingest.ocr import check_tesseract

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
TESSERACT_LANGS = ("vie", "eng")


@functools.cache
def tesseract_missing() -> str | None:
    """Why the real Tesseract cannot run here, or None when it has every language we need."""
    binary = shutil.which("tesseract")
    if binary is None:
        return "tesseract is not on PATH"
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        return f"tesseract does not run ({e})"
    have = {line.strip() for line in out.splitlines()[1:]}
    missing = [lang for lang in TESSERACT_LANGS if lang not in have]
    return f"tesseract lacks language data: {', '.join(missing)}" if missing else None


CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


@functools.cache
def chromium_missing() -> str | None:
    """Why a headless Chromium cannot be driven here (Debian `chromium` + `chromium-driver` and
    the `selenium` package), or None when it can."""
    if not any(shutil.which(name) for name in CHROMIUM_CANDIDATES):
        return "chromium is not on PATH (apt-get install -y chromium chromium-driver)"
    if shutil.which("chromedriver") is None:
        return "chromedriver is not on PATH (apt-get install -y chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is missing (pip install -e '.[test]')"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is not None:
        reason = chromium_missing()
        if reason is not None:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"CI=true and the test needs headless Chromium, but {reason}", pytrace=False)
            pytest.skip(f"needs headless Chromium: {reason}")
    if item.get_closest_marker("tesseract") is None:
        return
    why = tesseract_missing()
    if why is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the test needs Tesseract, but {why}", pytrace=False)
    pytest.skip(f"needs Tesseract with {'+'.join(TESSERACT_LANGS)}: {why}")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The bundled `fixtures/` folder (ct33.text.pdf, ct33.scan.pdf, ct33.clean.txt…)."""
    return FIXTURES_DIR


@pytest.fixture(scope="session")
def text_pdf(fixtures_dir: Path) -> Path:
    """Directive 33 with a text layer on all 5 pages."""
    return fixtures_dir / "ct33.text.pdf"


@pytest.fixture(scope="session")
def scan_pdf(fixtures_dir: Path) -> Path:
    """Directive 33 as an image-only scan (no text layer)."""
    return fixtures_dir / "ct33.scan.pdf"


@pytest.fixture
def fresh_tesseract_check():
    """Clear `check_tesseract`'s cache before and after a test that monkeypatches what it probes."""
    check_tesseract.cache_clear()
    yield check_tesseract
    check_tesseract.cache_clear()


class HostileFiles:
    """Builds odd inputs in a temporary folder: nothing odd is stored in `fixtures/`."""

    def __init__(self, folder: Path, text_pdf: Path):
        self.folder, self.text_pdf = folder, text_pdf

    def write(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path

    def truncated(self, name: str = "truncated.pdf") -> Path:
        """The text fixture cut in half: no xref, no trailer, objects cut mid-stream."""
        data = self.text_pdf.read_bytes()
        return self.write(name, data[: len(data) // 2])

    def broken_xref(self, name: str = "broken-xref.pdf") -> Path:
        """Every in-use xref entry points at byte 9; readers must rebuild the table by scanning."""
        data = self.text_pdf.read_bytes()
        start = data.rfind(b"\nxref")
        end = data.find(b"trailer", start)
        assert start > 0 and end > start, "the text fixture has a classic xref table"
        table = re.sub(rb"\d{10} (\d{5}) n", rb"0000000009 \1 n", data[start:end])
        assert table != data[start:end]
        return self.write(name, data[:start] + table + data[end:])

    def encrypted(self, name: str = "encrypted.pdf", password: str = "pw") -> Path:
        import pypdf

        writer = pypdf.PdfWriter(clone_from=io.BytesIO(self.text_pdf.read_bytes()))
        writer.encrypt(password)
        buf = io.BytesIO()
        writer.write(buf)
        return self.write(name, buf.getvalue())

    def png_as_pdf(self, name: str = "scan.pdf") -> Path:
        from PIL import Image

        buf = io.BytesIO()
        Image.new("L", (40, 40), 255).save(buf, format="PNG")
        return self.write(name, buf.getvalue())

    def reportlab_pdf(self, name: str, pages: list[list[str]]) -> Path:
        """A PDF with a text layer: one list of lines per page (Helvetica, so ASCII only)."""
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        path = self.folder / name
        c = canvas.Canvas(str(path), pagesize=A4)
        for lines in pages:
            text = c.beginText(60, 780)
            for line in lines:
                text.textLine(line)
            c.drawText(text)
            c.showPage()
        c.save()
        return path

    def english_pdf(self, name: str = "english.pdf") -> Path:
        lines = [
            "The Prime Minister hereby directs all ministries and provinces to complete",
            "the digital transformation programme before the end of the year, and to",
            "report the results to the Government Office every month without delay.",
        ]
        return self.reportlab_pdf(name, [lines * 4, lines * 4])

    def blank_pdf(self, name: str = "blank.pdf") -> Path:
        return self.reportlab_pdf(name, [[], []])

    def repeated_pdf(self, pages: int, name: str = "long.pdf") -> Path:
        """`pages` pages: page 1 of the text fixture, its body pages 2-4 repeated, page 5 last."""
        import pypdf

        reader = pypdf.PdfReader(self.text_pdf)
        writer = pypdf.PdfWriter()
        body = [1, 2, 3] * ((pages - 2) // 3 + 1)
        for i in [0, *body[: pages - 2], 4]:
            writer.add_page(reader.pages[i])
        path = self.folder / name
        writer.write(path)
        return path


@pytest.fixture
def hostile(tmp_path: Path, text_pdf: Path) -> HostileFiles:
    return HostileFiles(tmp_path, text_pdf)
