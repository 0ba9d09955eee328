"""Shared fixtures and the `tesseract` marker hook.

Tests marked `@pytest.mark.tesseract` need the real `tesseract` binary with the `vie` and `eng`
data. They are skipped when it is missing, except when the environment says `CI=true`: there
they must run, so a missing install fails them instead of hiding them.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from directive_parser.ocr import check_tesseract

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


def pytest_runtest_setup(item: pytest.Item) -> None:
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
