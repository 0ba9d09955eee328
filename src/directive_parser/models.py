"""Typed objects passed between the pipeline stages and returned to callers.

Every exported model is a frozen pydantic v2 model so that `model_dump(mode="json")` gives the
JSON, JSONL, CSV and SQLite exports one schema. Closed vocabularies are `StrEnum`s.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # schemas built on first use: cheap import


class BodyKind(StrEnum):
    """What sort of public body a name denotes."""

    ministry = "ministry"  # Bộ Công an, Bộ Nội vụ
    agency = "agency"  # Văn phòng Chính phủ, Thông tấn xã Việt Nam, courts, Party bodies
    province = "province"  # Ủy ban nhân dân thành phố Huế, tỉnh Lào Cai
    role = "role"  # Bộ trưởng, Thủ trưởng cơ quan ngang bộ; Chủ tịch Ủy ban nhân dân các tỉnh
    group = "group"  # các bộ, ngành, địa phương
    other = "other"


class Body(_Model):
    """A responsible or coordinating body as named in the text, with its canonical name."""

    name: str = Field(description="Canonical name, e.g. 'Bộ Công an'")
    text: str = Field(description="The name as written in the document")
    kind: BodyKind = Field(default=BodyKind.other, description="ministry|agency|province|role|group|other")
    successor: str | None = Field(
        default=None,
        description="The body that holds this one's duties today, "
        "when it was renamed or merged (Bộ Kế hoạch và Đầu tư -> Bộ Tài chính)",
    )


class DeadlineKind(StrEnum):
    date = "date"  # trước ngày 15/01/2026
    month = "month"  # trong tháng 01/2026
    quarter = "quarter"  # trong Quý I/2026
    half = "half"  # 6 tháng đầu năm 2026
    year = "year"  # trong năm 2026
    period = "period"  # giai đoạn 2026 - 2030
    immediate = "immediate"  # ngay, khẩn trương
    recurring = "recurring"  # hằng ngày, định kỳ, thường xuyên
    none = "none"  # theo tiến độ quy định tại Quyết định số … (a reference, not a date)


class Recurrence(StrEnum):
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"
    regular = "regular"  # thường xuyên, định kỳ (no stated period)


class Deadline(_Model):
    """A deadline phrase and what it resolves to."""

    text: str = Field(description="The deadline phrase as written")
    kind: DeadlineKind
    start: date | None = Field(default=None, description="First day of the window, when stated")
    due: date | None = Field(default=None, description="Last day the task may be done")
    recurrence: Recurrence | None = None
    operator: str | None = Field(default=None, description="trước | trong | chậm nhất | từ…đến | ngay …")
    reference: str | None = Field(default=None, description="Document whose schedule applies, for 'theo tiến độ …'")


class Span(_Model):
    """Where something sits: page number (1-based) and character offsets into `Directive.text`."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class CellBox(_Model):
    """A table cell's box on its page, in PDF points from the page's top-left corner (pdfplumber's
    convention); for scans, in pixels of the OCR'd image scaled to points."""

    page: int = Field(ge=1)
    x0: float
    top: float
    x1: float
    bottom: float


class TableCell(_Model):
    """One cell of a task-table row, as the record's provenance."""

    column: str = Field(description="The column's header text, e.g. 'Cơ quan chủ trì'")
    text: str
    box: CellBox | None = None


class TableSource(_Model):
    """Where a record read from a task table comes from."""

    table: int = Field(ge=1, description="1-based index of the table in the document")
    row: int = Field(ge=1, description="1-based index of the data row in its table (header rows not counted)")
    cells: list[TableCell] = Field(default_factory=list)


class ClauseKind(StrEnum):
    part = "part"  # an attachment after the signature: Kế hoạch, Chương trình, Phụ lục
    section = "section"  # 1. / I. / Điều 1. / Khoản
    point = "point"  # a) … đ) … e)
    item = "item"  # - / +
    subitem = "subitem"  # (i) (ii)
    paragraph = "paragraph"  # unnumbered paragraph (preamble, closing)


class Clause(_Model):
    """One node of the clause tree with its own text (label excluded) and its children."""

    path: str = Field(description="Dotted path, e.g. '2.c', '2.c.-1', 'preamble', 'closing'")
    label: str = Field(description="The label as it should read, e.g. 'đ)' even when OCR gave 'd)'")
    kind: ClauseKind
    text: str = Field(description="Text of this clause alone, without children, label stripped")
    span: Span
    children: list[Clause] = Field(default_factory=list)

    def walk(self):
        """Yield this clause and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class Completeness(StrEnum):
    """The '6 rõ' checklist of an assignment."""

    nguoi = "người"
    viec = "việc"
    thoi_gian = "thời gian"
    trach_nhiem = "trách nhiệm"
    san_pham = "sản phẩm"
    tham_quyen = "thẩm quyền"


class Assignment(_Model):
    """One task assigned to one or more lead bodies."""

    id: str = Field(description="Stable id: document key + clause path + ordinal")
    clause: str = Field(description="Clause path the task comes from, e.g. '2.c'")
    lead: list[Body] = Field(default_factory=list, description="Lead bodies (chủ trì)")
    coordinating: list[Body] = Field(default_factory=list, description="Coordinating bodies (phối hợp)")
    task: str = Field(description="Task text without the 'Giao Bộ X:' preamble")
    deadline: Deadline | None = None
    recurrence: Recurrence | None = None
    product: str | None = Field(default=None, description="Output: Nghị định, Kế hoạch, Đề án, báo cáo…")
    submit_to: str | None = Field(default=None, description="Who the product goes to: Thủ tướng Chính phủ…")
    span: Span
    completeness: list[Completeness] = Field(default_factory=list, description="Which of the '6 rõ' are stated")
    table: TableSource | None = Field(default=None, description="The table row the record comes from, if any")
    extra: dict[str, str] = Field(default_factory=dict, description="Table cells of columns with no known role")


class Reference(_Model):
    """A document cited in the text: 'Nghị quyết số 71/NQ-CP ngày 01/4/2025'."""

    doc_type: str | None = None
    number: str
    date: _dt.date | None = None  # `_dt.date`: the field name shadows the type inside the class
    text: str


class PageMethod(StrEnum):
    text_layer = "text-layer"
    ocr = "ocr"
    text = "text"  # plain-text input


class Page(_Model):
    """One page of the document: where its text sits in `Directive.text` and how it was read."""

    number: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    method: PageMethod
    footnotes: list[str] = Field(default_factory=list)


class TokenChange(_Model):
    """One token the repair stage replaced, for a reviewer to check."""

    start: int = Field(description="Offset of the original token in the input text")
    end: int
    original: str
    replacement: str
    confidence: float = Field(ge=0.0, le=1.0)
    method: str = Field(description="reference | blind")


class RepairResult(_Model):
    """Repaired text plus every change made; `str(result)` is the repaired text."""

    text: str
    changes: list[TokenChange] = Field(default_factory=list)
    method: str = Field(description="reference | blind | mixed | none")
    reference_coverage: float = Field(default=0.0, description="Share of tokens aligned to the reference")

    def __str__(self) -> str:  # noqa: D105 - the repaired text is the natural string form
        return self.text


class RepairInfo(_Model):
    """What the pipeline did to damaged input before segmentation."""

    damaged: bool
    damage_score: float = Field(description="Share of word tokens that are not valid Vietnamese syllables")
    method: str = Field(description="reference | blind | mixed | none")
    changed_tokens: int = 0
    reference_coverage: float = 0.0


class Source(_Model):
    """Where the document came from and how each page was read."""

    path: str | None = None
    sha256: str
    media_type: str = Field(description="application/pdf | text/plain")
    pages: list[PageMethod] = Field(default_factory=list, description="Per-page method")
    repair: RepairInfo | None = None


class Stage(StrEnum):
    """The pipeline stage a warning comes from."""

    ingest = "ingest"
    ocr = "ocr"
    repair = "repair"
    header = "header"
    structure = "structure"
    extract = "extract"


class ParseWarning(_Model):
    """A finding that did not stop the parse: a clause not understood, a missing header field."""

    stage: Stage
    message: str
    page: int | None = None
    clause: str | None = None


class ParseStatus(StrEnum):
    """How far a parse got: every stage ran cleanly, ran with warnings, or found no record."""

    complete = "complete"
    partial = "partial"  # warnings: a clause not understood, a header field missing
    failed = "failed"  # no assignment was found


class Directive(_Model):
    """A parsed directive: header, clause tree, assignments and provenance."""

    number: str | None = Field(default=None, description="Số/ký hiệu, e.g. '33/CT-TTg'")
    doc_type: str | None = Field(default=None, description="Chỉ thị, Thông báo, Công điện, Quyết định…")
    issuer: str | None = None
    place: str | None = None
    issued: date | None = None
    title: str | None = Field(default=None, description="Trích yếu")
    signer: str | None = None
    signer_title: str | None = None
    recipients: list[str] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)
    text: str = Field(default="", description="Document text that spans point into")
    source: Source
    warnings: list[ParseWarning] = Field(default_factory=list)
    status: ParseStatus = Field(default=ParseStatus.complete, description="complete | partial (warnings) | failed (no record)")

    def assignments_frame(self) -> Any:
        """The assignments as a pandas DataFrame, one row per task (pandas is an optional extra).

        Columns, in order: document_number, doc_type, issued, assignment_id, clause, lead,
        coordinating, task, deadline_text, due, recurrence, product, submit_to, page, completeness
        (`FLAT_COLUMNS`, the CSV's columns too). Bodies and the "6 rõ" list are joined with "; "; `issued` and
        `due` are datetime64 columns (NaT when unknown), `page` an integer; other missing values are NA.
        `directive_parser.to_dataframe(docs)` stacks the frames of several directives.

        Raises:
            MissingDependencyError: pandas is not installed (`pip install 'directive-parser[pandas]'`).

        >>> doc.assignments_frame().groupby("lead").size()  # doctest: +SKIP
        """
        try:
            import pandas as pd
        except ImportError as e:
            from directive_parser.errors import MissingDependencyError

            raise MissingDependencyError(
                "Directive.assignments_frame() needs pandas, which is not installed; "
                "install it with: pip install 'directive-parser[pandas]'"
            ) from e
        frame = pd.DataFrame(flat_assignments(self), columns=list(FLAT_COLUMNS))
        for column in ("issued", "due"):
            frame[column] = pd.to_datetime(frame[column])
        frame["page"] = frame["page"].astype("int64")
        return frame


# One flat record per assignment: the CSV (`export.serialize`) and `Directive.assignments_frame`
# both lay assignments out this way, so the columns are named once, here.
FLAT_COLUMNS: tuple[str, ...] = (
    "document_number",
    "doc_type",
    "issued",
    "assignment_id",
    "clause",
    "lead",
    "coordinating",
    "task",
    "deadline_text",
    "due",
    "recurrence",
    "product",
    "submit_to",
    "page",
    "completeness",
)
LIST_SEPARATOR = "; "


def flat_assignments(directive: Directive) -> list[dict[str, Any]]:
    """The directive's assignments as flat records keyed by `FLAT_COLUMNS`, values typed (dates are
    `date`s, the page an int, missing values None); bodies and the "6 rõ" list joined with "; "."""
    rows = []
    for a in directive.assignments:
        deadline = a.deadline
        recurrence = a.recurrence or (deadline.recurrence if deadline else None)
        rows.append(
            {
                "document_number": directive.number,
                "doc_type": directive.doc_type,
                "issued": directive.issued,
                "assignment_id": a.id,
                "clause": a.clause,
                "lead": LIST_SEPARATOR.join(b.name for b in a.lead),
                "coordinating": LIST_SEPARATOR.join(b.name for b in a.coordinating),
                "task": a.task,
                "deadline_text": deadline.text if deadline else None,
                "due": deadline.due if deadline else None,
                "recurrence": recurrence.value if recurrence else None,
                "product": a.product,
                "submit_to": a.submit_to,
                "page": a.span.page,
                "completeness": LIST_SEPARATOR.join(c.value for c in a.completeness),
            }
        )
    return rows


# Types below cross stage boundaries inside the pipeline but are not part of the returned
# `Directive`: plain frozen dataclasses, cheaper than pydantic models.


@dataclass(frozen=True)
class TableGrid:
    """The cell boxes of one table that ingest wrote into its page's text as pipe rows.

    `boxes[r][c]` is the box of row r (the header rows included), column c. The k-th pipe table
    of a page's text is the page's k-th grid, which is how the boxes survive clean-up's offset
    changes.
    """

    boxes: tuple[tuple[CellBox | None, ...], ...]


@dataclass(frozen=True)
class PageText:
    """The raw text of one page, before clean-up. Tables found by ingest are in `text` as pipe
    rows ("| STT | Nội dung | Cơ quan chủ trì |"), one row a line; `tables` holds their boxes."""

    number: int
    text: str
    method: PageMethod
    tables: tuple[TableGrid, ...] = ()


@dataclass(frozen=True)
class SourceDocument:
    """What ingest read: raw page texts plus the file's identity."""

    path: str | None
    sha256: str
    media_type: str
    pages: list[PageText]
    needs_ocr: list[int] = field(default_factory=list)  # 1-based page numbers to OCR
    warnings: tuple[str, ...] = ()  # what ingest noticed but read through: "3 bytes were not UTF-8 …"


def page_of(pages: list[Page], offset: int) -> int:
    """The number of the page that holds document offset `offset` (binary search: pages are in order)."""
    if not pages:
        return 1
    i = bisect_right(pages, offset, key=lambda p: p.start) - 1  # no list of starts built per call
    if i >= 0 and offset < pages[i].end:
        return pages[i].number
    return pages[-1].number


@dataclass(frozen=True)
class TextCell:
    """One cell: its text (stripped) and its offsets in the document text."""

    text: str
    start: int
    end: int


@dataclass
class TextTable:
    """A table found in the text: its header row(s), its data rows and where it sits."""

    header: list[TextCell]
    rows: list[list[TextCell]] = field(default_factory=list)
    start: int = 0
    end: int = 0
    # Page-relative identity of each row, for matching ingest's cell boxes: (page number, index
    # of the table among that page's tables, row index within that page's piece, header included).
    row_keys: list[tuple[int, int, int]] = field(default_factory=list)
    header_key: tuple[int, int, int] | None = None
    line_spans: list[tuple[int, int]] = field(default_factory=list)
