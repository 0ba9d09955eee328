"""A stand-in parser for batch reliability tests (top level: spawned workers unpickle it).

The first line of a test file is a command; anything else goes to `_factories.fake_parse`:
'ABORT' aborts the process (SIGABRT, as pdfium does on a flate bomb); 'ALLOC' allocates 8 GB
(a MemoryError under the worker's memory cap); 'CHILD <pidfile>' starts a long `sleep` (standing
for Tesseract), writes both pids to <pidfile> and waits; 'MODULES <file>' writes the imported
module names to <file>; 'PAGES n' logs n OCR page records as `ingest.ocr` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from _factories import fake_parse


def hostile_parse(path, *, issued=None, ocr="auto"):
    first = Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
    if first == "ABORT":
        os.abort()
    if first == "ALLOC":
        blob = bytearray(8 * 1024**3)
        return blob  # never reached under the cap
    if first.startswith("CHILD"):
        child = subprocess.Popen(["sleep", "120"])
        Path(first.split()[1]).write_text(f"{os.getpid()} {child.pid}", encoding="utf-8")
        time.sleep(120)
    if first.startswith("PAGES"):
        import logging

        log, total = logging.getLogger("directive_parser.ingest.ocr"), int(first.split()[1])
        for done in range(total + 1):  # as ingest.ocr logs its pages
            log.info("page %d", done, extra={"ocr_done": done, "ocr_total": total})
        Path(path).write_text("8/CT-TTg", encoding="utf-8")
    if first.startswith("MODULES"):
        Path(first.split()[1]).write_text("\n".join(sorted(sys.modules)), encoding="utf-8")
        first = "9/CT-TTg"
        Path(path).write_text(first, encoding="utf-8")
    return fake_parse(path, issued=issued, ocr=ocr)
