"""Flattened annex rows numbered by letter under a numbered group: "1 | Tổ chức tuyên truyền …" / "a) |
Tổ chức Hội nghị …" (an annex's sub-activities, read through English-model OCR without the row rules)."""

from __future__ import annotations

from directive_parser.structure.tables import flat_tables

TEXT = """PHỤ LỤC
KẾ HOẠCH TRIỂN KHAI NGHỊ ĐỊNH
TT Nội dung hoạt động Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện
1 |Tổ chức tuyên truyền, phổ biến, hướng dẫn triển khai thực hiện Nghị
định
a) |Tổ chức Hội nghị phổ biến, triển khai Nghị định đến các cơ quan, tổ Cục Lâm nghiệp và Vụ Pháp chế; các cơ Quý III, IV/2026
chức về lâm nghiệp ở trung ương, địa phương. Kiểm lâm quan, đơn vị có liên
quan
b) | Tổ chức các hội nghị, hội thảo chuyên đề phổ biến, hướng dẫn theo Cục Lâm nghiệp và Vụ Pháp chế; các cơ Quý III, IV/2026
hiện các nội dung theo nhóm vấn đề cụ thể của Nghị định. Kiểm lâm, Sở Nông quan, đơn vị có liên
nghiệp và Môi trường | quan
c) |Xây dựng Thông tư quy định về phương pháp xác định mức chi trả dịch | Cục Lâm nghiệp và Vụ Pháp chế; các cơ Quý III/2026
vụ hấp thụ và lưu giữ các-bon của rừng. Kiểm lâm quan, đơn vị có liên
quan
d) | Xây dựng kế hoạch thực hiện NDC lĩnh vực lâm nghiệp; xác định tiềm | Cục Lâm nghiệp và Cục Biến đổi khí hậu; | Quý IV/2026
năng giảm phát thải và phân bổ mục tiêu giảm phát thải khí nhà kính | Kiểm lâm UBND cấp tỉnh; các cơ
cho các địa phương. quan, đơn vị có liên
quan
"""


def test_lettered_rows_under_a_group_are_rows_with_their_cells():
    tables = flat_tables(TEXT)
    assert len(tables) == 1
    rows = [[c.text for c in r] for r in tables[0].rows]
    assert [r[0] for r in rows if r[0].endswith(")")] == ["a)", "b)", "c)", "d)"]
    lettered = {r[0]: r for r in rows}
    assert lettered["a)"][1].startswith("Tổ chức Hội nghị phổ biến")
    assert lettered["c)"][2].startswith("Cục Lâm nghiệp")
    assert lettered["d)"][-1] == "Quý IV/2026"
