"""The words that open a predicate in the genre's task sentences, and the patterns built on them.

Once one of these follows the subject, the subject is over: "Bộ Công an [chủ trì], …", "Các bộ,
ngành [khẩn trương] xây dựng …". Some of them are also nouns ("giao thông", "tổ chức chính trị -
xã hội"); `NOUN_GUARD` keeps those from ending a subject.
"""

from __future__ import annotations

import re

from directive_parser.text.normalize import strip_marks

# Words that open a predicate: once one follows the subject, the subject is over.
# "Bộ Công an [chủ trì], …", "Các bộ, ngành [khẩn trương] xây dựng …".
PREDICATE_STARTERS = (
    "chủ trì",
    "phối hợp",
    "khẩn trương",
    "tiếp tục",
    "tập trung",
    "chủ động",
    "tích cực",
    "xây dựng",
    "hoàn thiện",
    "hoàn thành",
    "nghiên cứu",
    "rà soát",
    "ban hành",
    "trình",
    "tham mưu",
    "triển khai",
    "tổ chức",
    "thực hiện",
    "chỉ đạo",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "đẩy mạnh",
    "đẩy nhanh",
    "tăng cường",
    "đầu tư",
    "phát triển",
    "bố trí",
    "theo dõi",
    "đôn đốc",
    "kiểm tra",
    "giao",
    "cung cấp",
    "thống kê",
    "đề xuất",
    "sửa đổi",
    "cập nhật",
    "đăng ký",
    "hướng dẫn",
    "bảo đảm",
    "đảm bảo",
    "phát huy",
    "ưu tiên",
    "quyết liệt",
    "sớm",
    "nghiêm túc",
    "lập",
    "công bố",
    "đánh giá",
    "trực tiếp",
    "thường xuyên",
    "định kỳ",
    "hằng",
    "hàng ngày",
    "hàng tháng",
    "hàng năm",
    "vận hành",
    "nâng cao",
    "nâng cấp",
    "kết nối",
    "chuẩn hóa",
    "chuẩn hoá",
    "hỗ trợ",
    "quản lý",
    "giám sát",
    "cải thiện",
    "xử lý",
    "giải quyết",
    "tháo gỡ",
    "bổ sung",
    "báo cáo",
    "gửi",
    "chuẩn bị",
    "mời",
    "liên hệ",
    "đón tiếp",
    "phê duyệt",
    "quán triệt",
    "tuyên truyền",
    "thành lập",
    "kiện toàn",
    "duy trì",
    "khắc phục",
    "ứng dụng",
    "đưa",
    "thúc đẩy",
    "huy động",
    "tạo",
    "làm",
    "phải",
    "cần",
    "được giao",
    "đã",
    "đang",
    "sẽ",
    "không",
    "nghiêm",
    "kịp thời",
    "ngay",
    "trước",
    "chậm nhất",
    "tổng hợp",
    "thẩm định",
    "xác định",
    "hoàn chỉnh",
    "khảo sát",
    "tổng kết",
    "sơ kết",
    "rút kinh nghiệm",
    "xem xét",
    "quyết định",
    "điều chỉnh",
    "tiếp nhận",
    "cấp",
    "ký",
    "thí điểm",
    "nhân rộng",
    # "Bộ trưởng Bộ Tài chính tiếp thu, giải trình đầy đủ ý kiến Thành viên Chính phủ …" (a Government
    # resolution on a draft law), "Mặt trận Tổ quốc vận động …"
    "tiếp thu",
    "giải trình",
    "vận động",
    "bàn giao",
    "phân bổ",
    "sắp xếp",
    "lồng ghép",
    "phổ biến",
    "số hóa",
    "sẵn sàng",
    "sơ tán",
    "ứng phó",
    "cứu hộ",
    "khẩn cấp",
    # "Các Sở, Ban, ngành … theo chức năng, nhiệm vụ tiến hành rà soát đánh giá …"
    "tiến hành",
)
# Starters that are also the head of a noun: "tổ chức chính trị - xã hội", "các tổ chức và cá nhân
# liên quan", "giao thông", "chương trình",
# "cấp xã", "quy trình" — there they open no predicate.
NOUN_GUARD = {
    "tổ chức": r"tổ\s+chức(?!\s+(?:chính\s+trị|xã\s+hội|thành\s+viên|đoàn\s+thể|tín\s+dụng|kinh\s+tế|quốc\s+tế|sự\s+nghiệp|"
    r"cá\s+nhân)\b|\s*(?:,|\s+và)\s*cá\s+nhân\b)",
    "giao": r"giao(?!\s+(?:thông|dịch|lưu|tiếp|diện|thoa|hữu|ban)\b)",
    "trình": r"(?<!chương\s)(?<!quy\s)(?<!công\s)(?<!lộ\s)(?<!tiến\s)(?<!quá\s)(?<!hành\s)trình",
    # "các đơn vị sự nghiệp công lập trực thuộc …", "thành lập" is a verb of its own
    "lập": r"(?<!công\s)(?<!độc\s)(?<!thành\s)(?<!thiết\s)lập",
    # "các sở giáo dục và đào tạo chỉ đạo …": "đào tạo", "sáng tạo" are nouns, the name goes on
    "tạo": r"(?<!đào\s)(?<!Đào\s)(?<!sáng\s)tạo",
    "cấp": r"cấp(?!\s+(?:xã|tỉnh|huyện|ủy|uỷ|trên|dưới|có\s+thẩm\s+quyền|nước|thoát|cơ\s+sở|Trung\s+ương|trung\s+ương)\b)",
}
PREDICATE_ALT = "|".join(NOUN_GUARD.get(w, re.escape(w)) for w in sorted(PREDICATE_STARTERS, key=len, reverse=True))
# At the start of a unit a predicate may be capitalised ("Chủ trì, …"); inside a phrase only a
# lower-case word is a predicate ("Ban Chỉ đạo" is a name, "chỉ đạo" a verb).
# Archives OCR'd with a model that drops marks, and texts the blind repair could not mend, open a task
# with a two-word verb whose first word lost them: "Khan trương hoàn thành …", "Ra soát các …", "day
# mạnh …" (h9's source copy and the English-model renders of dev and held-out letters: 15 records).
# At a unit's start such a pair is no other word, so it opens the predicate too.
_FIRST_UNMARKED = sorted(
    {
        strip_marks(first) + " " + rest
        for w in PREDICATE_STARTERS
        if " " in w and strip_marks(first := w.split(" ", 1)[0]) != first
        for rest in [w.split(" ", 1)[1]]
    },
    key=len,
    reverse=True,
)
PREDICATE_AT_START = re.compile(r"(?:" + PREDICATE_ALT + "|" + "|".join(re.escape(w) for w in _FIRST_UNMARKED) + r")\b", re.I)
PREDICATE_INSIDE = re.compile(r"\b(?:" + PREDICATE_ALT + r")\b")
PREDICATE_ANYCASE = re.compile(r"\b(?:" + PREDICATE_ALT + r")\b", re.I)
PREDICATE_ANYWHERE = PREDICATE_ANYCASE
