"""Flattened tables: words a line sets beside a column rule, and the partner column's stock phrase,
read into the cells they belong to."""

from __future__ import annotations

import pytest

from directive_parser.structure.tables import _lead_of, _split_piece


@pytest.mark.parametrize(
    ("line", "width", "rest"),
    [
        # tbl-10's English-model OCR: the task's "Trung" (ương on the next line) before the rule;
        # the lead opens after the rule
        (
            "Phân định rõ thẩm quyền, trách nhiệm của Chính phủ, các Bộ, cơ quan Trung /|Bộ Quốc phòng, |Bộ Tư pháp, Bộ | Năm 2026",
            78.0,
            "Bộ Quốc phòng, |Bộ Tư pháp, Bộ | Năm 2026",
        ),
        # a whole name before the rule is the lead whose rule before it was lost
        (
            "Đầu tư xây dựng, nâng cấp các công trình kết cấu hạ tầng giao thông Bộ Xây dựng | Năm 2026",
            78.0,
            "Bộ Xây dựng | Năm 2026",
        ),
    ],
    ids=["open-word-alone", "whole-name"],
)
def test_a_lone_open_word_before_the_rule_is_the_tasks(line: str, width: float, rest: str) -> None:
    assert _split_piece(line, width)[1].strip() == rest


@pytest.mark.parametrize(
    ("rests", "lead"),
    [
        # tbl-05's rows whose lead cell is merged with the one above: the partner's "Cơ quan, địa
        # phương liên quan" / "Cơ quan liên quan" stand first on the line
        (["Cơ quan, địa Theo Kế hoạch Đề án, dự án", " riêng"], ""),
        (["Cơ quan liên", " quan", "chính trị - xã", "hội"], ""),
        (["Cơ quan có liên quan Thường xuyên"], ""),
        # a body's name after "Cơ quan" is a lead
        (["Cơ quan đại diện Bộ Ngoại giao Năm 2026"], "Cơ quan đại diện"),
    ],
    ids=["dia-phuong", "lien-quan", "co-lien-quan", "named-body"],
)
def test_the_partner_columns_stock_phrase_opens_no_lead(rests: list[str], lead: str) -> None:
    found, remainder = _lead_of(rests, 12.0)
    assert found == lead
    assert remainder.startswith("Cơ quan") == (not lead)
