"""Run the stages in order: path or text -> `Directive`. The only module that knows the stage order.

ingest -> ocr (pages without a text layer) -> repair (damaged text layers / .txt) -> clean-up
-> header -> clause tree -> assignments.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import date
from typing import Any

from directive_parser.errors import EmptyDocumentError, ExtractionError, NotVietnameseError
from directive_parser.extract import ExtractContext, extract_assignments
from directive_parser.extract.bodies import canonical_issuer
from directive_parser.ingest import ingest, split_text_pages
from directive_parser.models import (
    Directive,
    PageMethod,
    PageText,
    ParseStatus,
    ParseWarning,
    RepairInfo,
    Source,
    SourceDocument,
    Stage,
)
from directive_parser.options import ParseOptions
from directive_parser.repair import damage
from directive_parser.repair import reference as repair
from directive_parser.structure.attachments import find_parts, part_clause
from directive_parser.structure.cleanup import clean_pages
from directive_parser.structure.header import Header, find_references, parse_header
from directive_parser.structure.segment import segment_clauses
from directive_parser.structure.tables import find_tables, mask_tables

# Below this share of Vietnamese-looking words an undamaged text is not a Vietnamese document.
MIN_VIETNAMESE_SHARE = 0.15
MIN_WORDS = 5
PAGE_SEPARATOR = "\f"


def parse_directive(
    path: str | os.PathLike,
    options: ParseOptions | None = None,
    *,
    issued: date | None = None,
    reference: Any = None,
    ocr: str | None = None,
    engine: str | None = None,
    ocr_workers: int | None = None,
    strict: bool | None = None,
) -> Directive:
    """Parse a directive from a PDF (text layer or scan), a Word file or a plain-text file.

    Args:
        path: the file.
        options: a `ParseOptions` (its docstring says what each option means).
        issued, reference, ocr, engine, ocr_workers, strict: the `ParseOptions` fields of the same
            names, given one by one; each one given overrides `options`.

    Raises:
        OptionError: an option outside its vocabulary (`ocr="alwys"`).
        InputFileError: the file cannot be read as a directive (subclass names the cause).
        MissingDependencyError: a page needs OCR and Tesseract or its `vie` data is missing.
        OcrError: Tesseract failed on a page.

    >>> doc = parse_directive("fixtures/ct33.text.pdf")  # doctest: +SKIP
    >>> doc.number, doc.assignments[7].lead[0].name  # doctest: +SKIP
    ('33/CT-TTg', 'Bộ Công an')
    """
    opts = _merge(options, issued=issued, reference=reference, ocr=ocr, engine=engine, ocr_workers=ocr_workers, strict=strict)
    src = ingest(path, opts.ocr, engine=opts.engine)
    if src.needs_ocr:
        from directive_parser.ingest.ocr import ocr_pages  # a text layer's parse does not import the OCR stage

        src = ocr_pages(src, workers=opts.ocr_workers)
    return _parse_source(src, opts)


def parse_text(
    text: str, issued: date | None = None, reference: Any = None, strict: bool = False, options: ParseOptions | None = None
) -> Directive:
    """Parse a directive given as text (pages separated by form feeds or page-number lines)."""
    opts = _merge(options, issued=issued, reference=reference, strict=strict)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not text.strip():
        raise EmptyDocumentError("the text is empty")
    src = SourceDocument(None, sha, "text/plain", split_text_pages(text))
    return _parse_source(src, opts)


def _merge(options: ParseOptions | None, **overrides: Any) -> ParseOptions:
    """`options` with the keyword arguments that were given (not None) replacing its fields."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(options or ParseOptions(), **given)


def _parse_source(src: SourceDocument, opts: ParseOptions) -> Directive:
    issued, strict = opts.issued, opts.strict
    pages, repair_info = _repair_pages(src, opts.reference)
    doc = clean_pages(pages)
    if len(doc.text.split(maxsplit=MIN_WORDS)) < MIN_WORDS:  # (the first words are enough to tell)
        raise EmptyDocumentError("no text was found in the document", src.path)
    tables = find_tables(doc.text, [(p.number, p.start) for p in doc.pages])
    prose = mask_tables(doc.text, tables)  # the tables' lines blanked: read once, as tables
    h = parse_header(prose)
    when = h.issued or issued  # the date printed in the document wins over the caller's fallback
    key = h.number or src.sha256[:12]
    parts = find_parts(prose, h.body_start)
    body_end = min(h.body_end, parts[0].header_start) if parts else h.body_end
    clauses = segment_clauses(prose, h.body_start, body_end, doc.pages)
    clauses += [part_clause(p, segment_clauses(prose, p.body_start, p.end, doc.pages), doc.pages) for p in parts]
    grids = {(page.number, i): grid for page in pages for i, grid in enumerate(page.tables)}
    ctx = ExtractContext(
        doc.text, doc.pages, when, key, tables=tuple(tables), grids=grids, parts=tuple((p.code, p.start, p.end) for p in parts)
    )
    records, warnings = extract_assignments(clauses, ctx)
    warnings = [ParseWarning(stage=Stage.ingest, message=note) for note in src.warnings] + _header_warnings(h, when) + warnings
    if not records:
        warnings.append(ParseWarning(stage=Stage.extract, message="no assignments were found"))
    directive = Directive(
        number=h.number,
        doc_type=h.doc_type,
        issuer=canonical_issuer(h.issuer),
        place=h.place,
        issued=when,
        title=h.title,
        signer=h.signer,
        signer_title=h.signer_title,
        recipients=h.recipients,
        references=find_references(doc.text[h.body_start : h.body_end]),
        clauses=clauses,
        assignments=records,
        pages=doc.pages,
        text=doc.text,
        warnings=warnings,
        status=_status(records, warnings),
        source=Source(
            path=src.path, sha256=src.sha256, media_type=src.media_type, pages=[p.method for p in src.pages], repair=repair_info
        ),
    )
    if strict and warnings:
        raise ExtractionError(f"{len(warnings)} warning(s): " + "; ".join(w.message for w in warnings), src.path)
    return directive


def _status(records: list, warnings: list[ParseWarning]) -> ParseStatus:
    if not records:
        return ParseStatus.failed
    return ParseStatus.partial if warnings else ParseStatus.complete


def _repair_pages(src: SourceDocument, reference: Any) -> tuple[list[PageText], RepairInfo | None]:
    """Repair damaged text layers and .txt input (English-model OCR, lost diacritics) as one document.

    Pages OCR'd here with the Vietnamese model are left alone. Raises `NotVietnameseError` for clean
    text that is not Vietnamese.
    """
    own = [p for p in src.pages if p.method is not PageMethod.ocr]
    if not own:
        return src.pages, None
    # Pages are joined with form feeds, which the repair keeps, so they can be split apart again.
    joined = PAGE_SEPARATOR.join(p.text.replace(PAGE_SEPARATOR, "\n") for p in own)
    text, info = repair.repair_document_text(joined, reference)
    sample = damage.sample_for_damage(joined)
    if not info.damaged and damage.vietnamese_share(sample) < MIN_VIETNAMESE_SHARE and len(sample.split()) >= MIN_WORDS:
        raise NotVietnameseError("the text is not Vietnamese (too few Vietnamese words)", src.path)
    if not info.damaged:
        return src.pages, info
    fixed = dict(zip((p.number for p in own), text.split(PAGE_SEPARATOR)))
    return [replace(p, text=fixed[p.number]) if p.number in fixed else p for p in src.pages], info


def _header_warnings(h: Header, when: date | None) -> list[ParseWarning]:
    if h.news:
        return []
    missing = [name for name, value in (("number", h.number), ("issue date", when), ("document type", h.doc_type)) if not value]
    return [ParseWarning(stage=Stage.header, message=f"header has no {name}") for name in missing]
