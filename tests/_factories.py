"""Hand-built `Directive` objects for tests that must not depend on the parsing pipeline.

`fake_parse` stands in for `pipeline.parse_directive` in batch tests: it is a top-level function
so spawned worker processes can unpickle it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from datetime import date
from pathlib import Path

from directive_parser.errors import CorruptPdfError, EmptyDocumentError, NotAPdfError
from directive_parser.models import (
    Assignment,
    Body,
    BodyKind,
    Clause,
    ClauseKind,
    Completeness,
    Deadline,
    DeadlineKind,
    Directive,
    Page,
    PageMethod,
    ParseWarning,
    Source,
    Span,
)


def leads_by_clause(doc: Directive) -> dict[str, list[str]]:
    """Each record's clause and the names of its leads, for tests of who a clause is for."""
    return {a.clause: [b.name for b in a.lead] for a in doc.assignments}


def body(name: str, kind: BodyKind = BodyKind.ministry) -> Body:
    return Body(name=name, text=name, kind=kind)


def assignment(
    ident: str,
    clause: str = "1",
    *,
    lead: tuple[str, ...] = ("Bộ Công an",),
    coordinating: tuple[str, ...] = (),
    task: str = "Hoàn thiện cơ sở dữ liệu quốc gia về dân cư",
    due: date | None = None,
    page: int = 1,
    product: str | None = None,
) -> Assignment:
    deadline = None
    if due is not None:
        deadline = Deadline(text=f"trước ngày {due:%d/%m/%Y}", kind=DeadlineKind.date, due=due, operator="trước")
    return Assignment(
        id=ident,
        clause=clause,
        lead=[body(n) for n in lead],
        coordinating=[body(n) for n in coordinating],
        task=task,
        deadline=deadline,
        product=product,
        submit_to="Thủ tướng Chính phủ" if product else None,
        span=Span(page=page, start=0, end=len(task)),
        completeness=[Completeness.nguoi, Completeness.viec] + ([Completeness.thoi_gian] if due else []),
    )


def directive(
    number: str | None = "33/CT-TTg",
    *,
    sha256: str | None = None,
    assignments: list[Assignment] | None = None,
    issued: date | None = date(2025, 11, 6),
    text: str = "CHỈ THỊ\n1. Giao Bộ Công an hoàn thiện cơ sở dữ liệu.",
    warnings: int = 0,
    path: str | None = None,
) -> Directive:
    sha256 = sha256 or hashlib.sha256(text.encode()).hexdigest()
    if assignments is None:
        key = number or sha256
        assignments = [
            assignment(f"{key}#1#1", "1", due=date(2025, 12, 31), product="Báo cáo"),
            assignment(
                f"{key}#2.a#1",
                "2.a",
                lead=("Bộ Nội vụ", "Văn phòng Chính phủ"),
                coordinating=("Bộ Công an",),
                task="Rà soát thủ tục hành chính",
                due=date(2026, 3, 31),
                page=2,
            ),
        ]
    return Directive(
        number=number,
        doc_type="Chỉ thị",
        issuer="Thủ tướng Chính phủ",
        issued=issued,
        title="Về đẩy mạnh việc thực hiện đúng tiến độ",
        clauses=[Clause(path="1", label="1.", kind=ClauseKind.section, text=text, span=Span(page=1, start=0, end=len(text)))],
        assignments=assignments,
        pages=[Page(number=1, start=0, end=len(text), method=PageMethod.text)],
        text=text,
        source=Source(path=path, sha256=sha256, media_type="text/plain", pages=[PageMethod.text]),
        warnings=[ParseWarning(stage="extract", message="clause not understood") for _ in range(warnings)],
    )


def fake_parse(path, *, issued=None, ocr="auto") -> Directive:
    """Parse a test file. The first line is the number, or a command for the test:

    'SLEEP n' sleeps n s; 'HANG' sleeps with SIGALRM blocked (like code stuck in C);
    'CRASH' kills the worker process; 'BOOM' raises ValueError; 'WARN' anywhere adds a warning.
    PDFs are checked as the real ingest does: magic bytes and the %%EOF trailer.
    """
    path = Path(path)
    raw = path.read_bytes()
    if not raw:
        raise EmptyDocumentError("the file is empty", path)
    if path.suffix == ".pdf" and not raw.startswith(b"%PDF"):
        raise NotAPdfError("not a PDF", path)
    if path.suffix == ".pdf" and b"%%EOF" not in raw[-1024:]:
        raise CorruptPdfError("truncated PDF", path)
    text = raw.decode("utf-8", errors="replace")
    first = text.splitlines()[0].strip()
    if first.startswith("SLEEP"):
        time.sleep(float(first.split()[1]))
    elif first == "HANG":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    elif first == "CRASH":
        os._exit(3)
    elif first == "BOOM":
        raise ValueError("unexpected failure")
    return directive(
        None if first.startswith("SLEEP") else first,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        issued=issued,
        warnings=1 if "WARN" in text else 0,
        path=str(path),
    )
