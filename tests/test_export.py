"""export: JSON round trip, JSONL, CSV column order and BOM, errors naming the file."""

from __future__ import annotations

import csv
import io

import pytest
from _factories import assignment, directive

from directive_parser.errors import ExportError
from directive_parser.export.serialize import (
    CSV_COLUMNS,
    append_csv,
    assignments_csv_rows,
    latest_directives,
    to_json,
    write_csv,
    write_jsonl,
)
from directive_parser.models import Directive


def test_json_round_trip():
    d = directive()
    assert Directive.model_validate_json(to_json(d)) == d
    assert "\n" not in to_json(d, indent=None)


def test_jsonl_one_line_per_directive():
    fp = io.StringIO()
    assert write_jsonl([directive("1/CT-TTg"), directive("2/CT-TTg")], fp) == 2
    lines = fp.getvalue().splitlines()
    assert [Directive.model_validate_json(line).number for line in lines] == ["1/CT-TTg", "2/CT-TTg"]


def test_csv_rows_fixed_columns_and_joined_bodies():
    rows = assignments_csv_rows(directive())
    assert [list(r) for r in rows] == [list(CSV_COLUMNS)] * 2
    second = rows[1]
    assert second["lead"] == "Bộ Nội vụ; Văn phòng Chính phủ"
    assert second["coordinating"] == "Bộ Công an"
    assert second["due"] == "2026-03-31"
    assert second["issued"] == "2025-11-06"
    assert second["page"] == "2"
    assert second["product"] == ""
    assert rows[0]["completeness"] == "người; việc; thời gian"


def test_csv_header_order_is_the_documented_one():
    assert CSV_COLUMNS == (
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


def test_write_csv_has_bom_and_reads_back(tmp_path):
    path = tmp_path / "a.csv"
    assert write_csv([directive("1/CT-TTg"), directive("2/CT-TTg")], path) == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    with path.open(encoding="utf-8-sig", newline="") as fp:
        rows = list(csv.DictReader(fp))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[2]["document_number"] == "2/CT-TTg"
    assert rows[0]["task"] == "Hoàn thiện cơ sở dữ liệu quốc gia về dân cư"


def test_append_csv_writes_one_bom_and_one_header(tmp_path):
    path = tmp_path / "a.csv"
    append_csv([directive("1/CT-TTg")], path)
    append_csv([directive("2/CT-TTg")], path)
    raw = path.read_bytes()
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert raw.decode("utf-8-sig").count("document_number,") == 1


def test_multiline_task_survives_csv(tmp_path):
    d = directive(assignments=[assignment("x#1", task="dòng một\ndòng hai, có dấu phẩy")])
    path = tmp_path / "a.csv"
    write_csv([d], path)
    with path.open(encoding="utf-8-sig", newline="") as fp:
        assert next(csv.DictReader(fp))["task"] == "dòng một\ndòng hai, có dấu phẩy"


def test_write_csv_error_names_the_file(tmp_path):
    target = tmp_path / "missing-dir" / "a.csv"
    with pytest.raises(ExportError) as info:
        write_csv([directive()], target)
    assert str(target) in str(info.value)
    assert info.value.exit_code == 5


def test_latest_directives_keeps_last_copy_and_skips_torn_lines(tmp_path):
    path = tmp_path / "d.jsonl"
    first = directive("1/CT-TTg", sha256="a" * 64)
    revised = directive("1/CT-TTg (sửa)", sha256="a" * 64)
    other = directive("2/CT-TTg", sha256="b" * 64)
    with path.open("w", encoding="utf-8") as fp:
        write_jsonl([first, other, revised], fp)
        fp.write('{"number": "cut sho')
    assert [d.number for d in latest_directives(path)] == ["2/CT-TTg", "1/CT-TTg (sửa)"]


@pytest.mark.parametrize("task", ['=HYPERLINK("http://x","bấm")', "+1+1", "-2+3", "@SUM(A1)", "\tlệnh", "\rlệnh"])
def test_csv_cells_that_would_run_as_formulas_are_made_inert(tmp_path, task: str) -> None:
    doc = directive(assignments=[assignment("x", task=task, lead=("=Bộ Công an",))])
    out = tmp_path / "a.csv"
    write_csv([doc], out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[0]["task"] == "'" + task and rows[0]["lead"] == "'=Bộ Công an"


def test_ordinary_cells_are_untouched(tmp_path) -> None:
    doc = directive(assignments=[assignment("x", task="Rà soát văn bản", lead=("Bộ Tư pháp",))])
    out = tmp_path / "a.csv"
    write_csv([doc], out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert (rows[0]["task"], rows[0]["lead"]) == ("Rà soát văn bản", "Bộ Tư pháp")
