"""Annex tables transcribed as markdown: a group column before the task column ("| TT | Nhóm hoạt
động | Hoạt động | Cơ quan chủ trì | …") and group rows merged across the table ("| a) | Nhóm hoạt
động … |")."""

from __future__ import annotations

from datetime import date

from directive_parser import parse_text
from directive_parser.extract.layouts.table import column_roles
from directive_parser.models import TextCell
from directive_parser.structure.tables import find_tables

TABLE = """| TT | Nhóm hoạt động | Hoạt động | Cơ quan chủ trì | Cơ quan phối hợp | Đầu ra chủ yếu | Thời gian |
| a) | Nhóm hoạt động nhằm phát triển thương mại điện tử |
| - | Hoàn thiện thể chế về thương mại điện tử. | + Xây dựng Nghị định về thương mại điện tử. | Bộ Công Thương | Bộ Tư pháp | Nghị định được ban hành | 2026 |
|  |  | + Hướng dẫn các địa phương triển khai Nghị định. | Bộ Công Thương | Ủy ban nhân dân tỉnh | Văn bản hướng dẫn | 2027 |
| b) | Nhóm hoạt động nhằm thanh toán không dùng tiền mặt |
| - | Mở rộng thanh toán số. | + Xây dựng đề án thanh toán số ở nông thôn. | Ngân hàng Nhà nước Việt Nam | Bộ Tài chính | Đề án được phê duyệt | 2026 - 2027 |
"""

DOC = f"""THỦ TƯỚNG CHÍNH PHỦ
Số: 15/QĐ-TTg
Hà Nội, ngày 02 tháng 3 năm 2026
QUYẾT ĐỊNH
Phê duyệt Chương trình phát triển kinh tế số
Điều 1. Phê duyệt Chương trình phát triển kinh tế số với nội dung tại Phụ lục kèm theo.
Điều 2. Quyết định này có hiệu lực từ ngày ký.
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Nguyễn Văn A
PHỤ LỤC
NỘI DUNG CHƯƠNG TRÌNH
(Kèm theo Quyết định số 15/QĐ-TTg ngày 02 tháng 3 năm 2026 của Thủ tướng Chính phủ)
{TABLE}"""


def cells(*texts: str) -> list[TextCell]:
    return [TextCell(t, 0, len(t)) for t in texts]


def test_the_finer_column_holds_the_tasks_and_the_outputs_are_products():
    roles = column_roles(cells("TT", "Nhóm hoạt động", "Hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Đầu ra chủ yếu"))
    assert roles == {0: "number", 2: "task", 3: "lead", 4: "coordinating", 5: "product"}
    # one task column named "Nhóm …" stays the task column
    assert column_roles(cells("TT", "Nhóm nhiệm vụ", "Cơ quan chủ trì"))[1] == "task"


def test_a_merged_group_row_stays_in_its_table():
    tables = find_tables(TABLE)
    assert len(tables) == 1
    assert [[c.text for c in r][:3] for r in tables[0].rows][0] == ["a)", "Nhóm hoạt động nhằm phát triển thương mại điện tử", ""]
    assert len(tables[0].rows) == 5 and all(len(r) == 7 for r in tables[0].rows)


def test_annex_rows_under_group_rows_are_records():
    doc = parse_text(DOC, issued=date(2026, 3, 2))
    got = [([b.name for b in a.lead], a.task.lstrip("+ ")[:20], a.product) for a in doc.assignments]
    assert got == [
        (["Bộ Công Thương"], "Xây dựng Nghị định v", "Nghị định được ban hành"),
        (["Bộ Công Thương"], "Hướng dẫn các địa ph", "Văn bản hướng dẫn"),
        (["Ngân hàng Nhà nước Việt Nam"], "Xây dựng đề án thanh", "Đề án được phê duyệt"),
    ]
