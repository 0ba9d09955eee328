"""A plan that writes each part's task table as labelled clauses: "1. Nội dung, biện pháp" (the tasks),
"2. Cơ quan chủ trì, phối hợp" (the lead and partner lists), "3. Thời gian thực hiện: …". Short texts
written for these tests in the genre's shapes, not taken from any document of the dev or test sets."""

from __future__ import annotations

from datetime import date

import pytest

from directive_parser import parse_text

ISSUED = date(2026, 2, 10)

PLAN = """BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH
Số: 41/KH-BVHTTDL
Hà Nội, ngày 10 tháng 02 năm 2026
KẾ HOẠCH
Triển khai Đề án bảo tồn di sản văn hóa phi vật thể
Căn cứ tình hình và yêu cầu nhiệm vụ công tác bảo tồn di sản, Bộ Văn hóa, Thể thao và Du lịch ban hành Kế hoạch như sau:
I. CÔNG TÁC TUYÊN TRUYỀN
1. Nội dung, biện pháp
a) Tổ chức hội nghị phổ biến Đề án tới các địa phương;
b) Xây dựng chuyên mục về di sản văn hóa trên báo chí.
2. Cơ quan chủ trì, phối hợp
a) Cơ quan chủ trì
- Cục Di sản văn hóa.
b) Cơ quan phối hợp
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
3. Thời gian thực hiện: {time}
II. KIỂM KÊ DI SẢN
1. Nội dung, biện pháp
a) Kiểm kê di sản văn hóa phi vật thể tại các địa phương.
2. Cơ quan chủ trì
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
3. Thời gian thực hiện: Năm 2027.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn D
"""


@pytest.mark.parametrize(
    "time, due",
    [
        ("Quý II/2026.", date(2026, 6, 30)),
        ("Tháng 12/2026 và thường xuyên.", date(2026, 12, 31)),
        ("Từ tháng 3/2026 trở đi.", None),
    ],
    ids=["quarter", "month-and-regular", "a-start"],
)
def test_each_task_of_a_part_takes_its_lead_partners_and_time(time, due):
    doc = parse_text(PLAN.format(time=time), issued=ISSUED)
    rows = {a.clause: a for a in doc.assignments}
    assert sorted(rows) == ["I.1.a", "I.1.b", "II.1.a"]
    for clause in ("I.1.a", "I.1.b"):
        a = rows[clause]
        assert [b.name for b in a.lead] == ["Cục Di sản văn hóa"]
        assert [b.name for b in a.coordinating] == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
        assert (a.deadline.due if a.deadline else None) == due
    assert [b.name for b in rows["II.1.a"].lead] == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert rows["II.1.a"].deadline is not None and rows["II.1.a"].deadline.due == date(2027, 12, 31)
