"""Generic groups that normative decisions and Government resolutions name as doers: "các bộ quản lý
ngành, lĩnh vực", "cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh", "cơ quan quản lý nhà nước
các cấp" (sentences written for this test)."""

from __future__ import annotations

import pytest

from directive_parser.extract.grammar import find_subject


@pytest.mark.parametrize(
    ("unit", "lead", "task"),
    [
        ("Các bộ quản lý ngành, lĩnh vực chủ động rà soát các tiêu chuẩn quốc gia.", "bộ quản lý ngành, lĩnh vực", "chủ động"),
        ("Bộ quản lý chuyên ngành hướng dẫn thực hiện thủ tục.", "Bộ quản lý", "hướng dẫn"),
        (
            "Các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh có trách nhiệm cập nhật dữ liệu về giá.",
            "cấp tỉnh",
            "có trách nhiệm",
        ),
        ("Cơ quan quản lý nhà nước các cấp tạo điều kiện thuận lợi cho doanh nghiệp.", "các cấp", "tạo điều kiện"),
    ],
)
def test_generic_group_is_the_whole_subject(unit: str, lead: str, task: str) -> None:
    s = find_subject(unit)
    assert s.explicit and len(s.lead) == 1, s
    assert lead.lower() in s.lead[0].text.lower() or lead.lower() in s.lead[0].name.lower(), s.lead
    assert unit[s.task_start :].startswith(task), unit[s.task_start :]
