"""The task grammar of the genre: a clause or sentence -> `TaskUnit`s with subject, predicate and cues.

Directives and the news reports about them state tasks as "[Giao|Yêu cầu|Đề nghị] X [chủ trì,
phối hợp với Y] <việc>, <thời hạn>". This module finds X, Y and the task text; which body
is finally responsible (inherited from a heading, carried over from the previous sentence) is
decided by `assignments`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from directive_parser.extract import bodies, subject_gate
from directive_parser.extract.predicates import (
    PREDICATE_ALT as _PREDICATE_ALT,
)
from directive_parser.extract.predicates import (
    PREDICATE_ANYCASE as _PREDICATE_ANYCASE,
)
from directive_parser.extract.predicates import (
    PREDICATE_ANYWHERE,
    PREDICATE_AT_START,
    PREDICATE_STARTERS,
)
from directive_parser.extract.predicates import (
    PREDICATE_INSIDE as _PREDICATE_INSIDE,
)
from directive_parser.extract.sentences import sentence_spans, split_units
from directive_parser.models import Body, BodyKind
from directive_parser.text import vocabulary
from directive_parser.text.regex_words import first_words

# Openers that precede the subject: "Về phát triển KHCN, ĐMST, Bộ Khoa học và Công nghệ …",
# "Đồng thời, …". A topic opener ("Về …,") may itself contain commas.
_ADVERBIAL = re.compile(r"^(?:Đồng thời|Bên cạnh đó|Ngoài ra|Trong đó|Theo đó|Mặt khác|Trước mắt|Cùng với đó)\s*,\s*", re.I)
# The number of an inline enumeration: "(1) Bộ Tài chính giải quyết …", "(2) Giao Bộ Y tế …", and the
# spoken ordinals with which speeches and the reports of them count their points: "Một là, thực hiện
# nghiêm túc …", "Thứ hai, tổ chức phòng, chống …" ("Thứ hai, ngày 7/1" is a weekday, not a point).
SPOKEN_ORDINAL = re.compile(
    r"^\s*(?:(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là"
    r"|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:]\s+(?!ngày\b|\d)"
)
_ENUM_MARK = re.compile(r"^\(\d{1,2}\)\s+|" + SPOKEN_ORDINAL.pattern.removeprefix("^"))
# A news report quotes the direction: "“Sở Nông nghiệp và Phát triển nông thôn phối hợp với … ”. Đó là
# chỉ đạo của UBND tỉnh …" — the quotation mark is no part of the subject.
_OPENING_QUOTE = re.compile(r'^[“"‘«]\s*')
# Letters and telegrams address leaders as comrades: "Đồng chí Bí thư Tỉnh ủy Bến Tre chỉ đạo …",
# "đề nghị đồng chí Chủ tịch Ủy ban nhân dân tỉnh …"; the title and the body after it are the subject.
_HONORIFIC = re.compile(r"^(?:[Cc]ác\s+)?[Đđ]ồng\s+chí\s+(?=[A-ZĐ])")
# "Vì đây là nội dung chuyên môn y tế nên UBND tỉnh giao Giám đốc Sở Y tế: …": the reason is a lead-in.
_BECAUSE = re.compile(r"^(?:Vì|Do)\s[^.;:]{3,200}?\snên\s+")
# The speaker of a news report or the directive itself assigns: "Thủ tướng yêu cầu X …",
# "Phó Thủ tướng giao Bộ Công an …". The speaker is not the responsible body.
_SPEAKER = re.compile(
    # the person's name, its last syllable perhaps lower-cased by OCR repair ("Phạm Minh chính yêu cầu")
    r"^(?:(?:Phó\s+)?Thủ\s+tướng(?:\s+(?:Chính\s+phủ|Thường\s+trực)){0,2}"
    r"(?:(?:\s+[A-ZĐ][\wÀ-ỹ]*){2,3}\s+[a-zà-ỹđ][\wà-ỹ]*(?=\s+(?:yêu\s+cầu|giao|đề\s+nghị|chỉ\s+đạo)\b)|(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,4})"
    # and the committee he heads, in apposition: "Thủ tướng Chính phủ, Trưởng Tiểu ban kinh tế – xã hội
    # Đại hội … yêu cầu …", "Phó Thủ tướng Trần Hồng Hà, Trưởng Ban Chỉ đạo quốc gia … đề nghị …"
    r"(?:\s*,\s*(?:Phó\s+)?(?:Trưởng|Chủ\s+tịch)\s+(?:Ban|Tiểu\s+ban|Hội\s+đồng|Ủy\s+ban)\b[^,.;:]{3,120}?"
    r"(?=\s*,?\s+(?:đã\s+|cũng\s+)?(?:yêu\s+cầu|giao|đề\s+nghị|chỉ\s+đạo)\b),?)?|Chính\s+phủ|"
    # the head of the Party, as news reports of a steering committee quote him: "Tổng Bí thư nêu rõ,
    # Ban cán sự đảng Chính phủ chỉ đạo …", "Tổng Bí thư Tô Lâm yêu cầu: …"
    r"Tổng\s+Bí\s+thư(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3}(?=\s+(?:yêu\s+cầu|giao|đề\s+nghị|nêu\s+rõ|chỉ\s+rõ|lưu\s+ý|nhấn\s+mạnh)\b)|"
    r"Ban\s+Chỉ\s+đạo[^,.;:]{0,120}?|Thông\s+báo|Chỉ\s+thị|Công\s+điện|Kết\s+luận|"
    # an official by title, perhaps with a name, as news reports quote a conference: "Phó Tổng cục
    # trưởng Lưu Mạnh Tưởng cũng yêu cầu các đơn vị …", "Thứ trưởng yêu cầu …" (a title with its body,
    # "Bộ trưởng Bộ Tài chính yêu cầu …", is read by `_body_speaker`)
    r"(?:Phó\s+)?(?:Bộ\s+trưởng|Thứ\s+trưởng|Tổng\s+cục\s+trưởng|Cục\s+trưởng|Vụ\s+trưởng|(?:Tổng\s+)?Giám\s+đốc|Chủ\s+tịch|Bí\s+thư)"
    r"(?:\s+(?!(?:Bộ|Sở|Cục|Vụ|Tổng|Ủy|Uỷ|Ban)\b)[A-ZĐ][\wÀ-ỹ]*){0,4}(?=\s+(?:cũng\s+|đã\s+)?(?:yêu\s+cầu|đề\s+nghị)\b)|"
    # a Prime Minister's telegram speaks in the first person: "Tôi khẩn thiết đề nghị đồng chí Bí thư
    # và Chủ tịch Ủy ban nhân dân các tỉnh …", "Tôi yêu cầu các Bộ trưởng …"
    # (an applicant's form, "Tôi đề nghị được hưởng hỗ trợ …", names no addressee and is no telegram)
    # (the adverb may be any, as OCR repair left it: "Tôi khan thiết đề nghị …")
    r"Tôi(?:\s+[^\W\d_]+){0,3}?(?=\s+(?:đề\s+nghị|yêu\s+cầu)\s+(?:các\s+|[Đđ]ồng\s+chí\s+)*[A-ZĐ]))\s+"
    # an adverb before the verb, perhaps as OCR repair left it ("Phó Thủ tướng cứng yêu cầu …" for "cũng")
    r"(?:tiếp\s+tục\s+|(?!(?:không|chưa)\s)[a-zà-ỹđ]{2,6}\s+)?"
    # news reports name the instrument first: "Thủ tướng đã có Công điện yêu cầu …", "… đã ký Chỉ thị số
    # 05/CT-TTg yêu cầu …"
    r"(?:(?:có|ký(?:\s+ban\s+hành)?|ban\s+hành|gửi)\s+(?:Công\s+điện|Chỉ\s+thị|văn\s+bản|Quyết\s+định|Thông\s+báo)(?:\s+số\s+\S+)?\s+)?"
    # (a comma may stand after the verb: "Thủ tướng Chính phủ yêu cầu, Đề cương chi tiết … phải có …")
    # ("nêu rõ," / "chỉ rõ:" only before what is said: "Công điện nêu rõ tình hình …" states a fact)
    r"(?:(?:yêu\s+cầu|giao|đề\s+nghị|chỉ\s+đạo|nhấn\s+mạnh|lưu\s+ý)\s*[:,]?|(?:nêu|chỉ)\s+rõ\s*[:,])\s+"
)
_ADDRESSING_VERB = re.compile(r"\b(?:yêu\s+cầu|giao|đề\s+nghị|chỉ\s+đạo|ủy\s+quyền)\s*:?\s*(?:(?:các\s+)?đồng\s+chí\s+)?$", re.I)
# An addressee not in the gazetteer: words up to the first lower-case predicate, at most a line.
_ASKED_TO_HAVE = re.compile(r"có\s+(?:báo\s+cáo|ý\s+kiến|văn\s+bản|kế\s+hoạch|biện\s+pháp|giải\s+pháp|phương\s+án)\b")
_ADDRESSEE_PHRASE = re.compile(r"(?P<who>[^.;]{2,160}?)(?=\s+(?:" + _PREDICATE_ALT + r")\b)")
# A Thông báo kết luận may name the subject as a topic without a comma: "Đối với các chủ đầu tư cần
# nhanh chóng …", "Đối với Bộ Xây dựng phải …" — the body is the subject of the duty that follows.
_FOR_SUBJECT = re.compile(r"^Đối\s+với\s+(?=[^,;.:]{2,100}?\s(?:cần|phải|có\s+trách\s+nhiệm)\s)")
_SHORT_LEAD_IN = re.compile(r"^[^,;.:]{1,40}?,\s+")
# A time clause before the speaker, its comma often left out in letters: "Sau khi xem xét Chủ tịch Ủy
# ban nhân dân tỉnh giao Sở …", "Sau khi nghe báo cáo của Sở Y tế, Chủ tịch …" (the speaker must follow).
_AFTER_REVIEW = re.compile(r"^(?:Sau\s+khi|Qua)\s+(?:xem\s+xét|nghe|nghiên\s+cứu|kiểm\s+tra)\b[^,;.:]{0,80}?,?\s+(?=[A-ZĐ])")
# A directive's own imperative opener: "Giao Bộ Công an:", "Yêu cầu các bộ …", "Đề nghị …". The blind
# repair may read the verb as "Giáo" ("Giáo Vụ TCCB chủ trì …", English-model renders of three
# held-out letters and plans); before a capitalised name it is no other word.
# Not a verb joined to the next one: "Yêu cầu và đôn đốc các doanh nghiệp …" is the task itself.
# "Ủy quyền" opens a delegation only capitalised: lower-case it is the noun ("phân cấp, phân quyền, ủy
# quyền phù hợp, phát huy …").
# A Văn phòng Chính phủ letter forwards a matter to the body that must handle it: "Chuyển Bộ Giao
# thông vận tải nghiên cứu, xử lý theo thẩm quyền …" ("chuyển" before a body; "Chuyển đổi số …" is a task).
_IMPERATIVE = re.compile(
    # ("giao quyền tự chủ …", "giao đất", "giao chỉ tiêu": what is handed over, not to whom)
    r"^(?:Giao(?!\s+(?:quyền|chỉ\s+tiêu|đất|vốn|dự\s+toán)\b)|(?-i:[Gg]iáo)(?=\s+(?-i:(?:các\s+)?[A-ZĐ]))|Yêu\s+cầu|Đề\s+nghị|(?-i:Ủy|Uỷ|ỦY|UỶ)\s+quyền|(?-i:Chuyển)(?=\s+(?:các\s+)?(?:Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|Sở|Ban|Văn\s+phòng|Thanh\s+tra|Ngân\s+hàng)\s))"
    r"(?!\s*,|\s+và\b)\s*:?\s+",
    re.I,
)
_COORD = re.compile(r"^\s*,?\s*(?:và\s+)?phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+", re.I)
_LEAD_MARK = re.compile(r"^\s*chủ\s+trì\b\s*,?\s*", re.I)
# "X chịu trách nhiệm (toàn diện) trước …" states accountability; it is not a new task. "X chịu trách
# nhiệm về tính chính xác của số liệu …" is a duty of its own and is one.
_ACCOUNTABILITY = re.compile(r"^\s*chịu\s+trách\s+nhiệm(?:\s+toàn\s+diện)?\s+trước\b", re.I)
# A conditional continues the task before it: "…; trường hợp vượt thẩm quyền, kịp thời báo cáo …".
_CONDITIONAL = re.compile(r"^(?:trường\s+hợp|nếu|khi|đối\s+với|trong\s+trường\s+hợp|trừ)\b", re.I)
MAX_SUBJECT_CHARS = 220
MAX_TOPIC_CHARS = 600
# The colon that closes a topic: not one inside a list ("các tỉnh: A, B") — it is followed by a
# lower-case word or a capitalised body, and no ';' or sentence end comes before it.
_TOPIC_COLON_ASSIGN = re.compile(r"^[^;]*?:\s+(?=(?:giao|đề\s+nghị|yêu\s+cầu|Giao|Đề\s+nghị|Yêu\s+cầu)\s)", re.S)
_TOPIC_COLON = re.compile(
    r"^[^;:]*?(?<![Bb]ộ)(?<!tỉnh)(?<!Tập đoàn)\s*:\s+(?=[a-zà-ỹđ]|(?:Bộ|Ủy|UBND|Văn|Các|Thủ|Ngân|Tập|Tỉnh|Thành\s+phố)\b)", re.S
)
# A topic that lists its subjects with ';' ("Về dự án A; dự án B: Tỉnh thực hiện …"), kept in one
# unit by `split_units`: its colon ends it the same way.
_TOPIC_LIST_COLON = re.compile(
    r"^[^:.]*?;[^:.]*?(?<![Bb]ộ)(?<!tỉnh)\s*:\s+(?=[a-zà-ỹđ]|(?:Bộ|Ủy|UBND|Văn|Các|Thủ|Ngân|Tập|Tỉnh|Thành\s+phố)\b)", re.S
)
_NAME_TO_COLON = re.compile(r"^(?P<rest>(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,4})\s*:")
# "theo chức năng, nhiệm vụ được giao", "trong phạm vi chức năng, quyền hạn": after the subject, the
# task's own scope, kept whole at the start of the task.
_SCOPE_PHRASE = re.compile(
    r"^\s*,?\s*(?:(?:theo|căn\s+cứ)\s+(?:chức\s+năng|nhiệm\s+vụ|thẩm\s+quyền|lĩnh\s+vực|phạm\s+vi|quy\s+định)|trong\s+phạm\s+vi\b)"
)
# The same scope opening a sentence is a lead-in before its subject: "Trong phạm vi nhiệm vụ, quyền hạn
# của mình, Bộ Công an có trách nhiệm phối hợp …", "Theo chức năng, nhiệm vụ được giao, các bộ, ngành
# chủ động …". Without a subject it opens the task of one named before and stays in it ("Căn cứ chức
# năng, nhiệm vụ, phối hợp với các cơ quan …" under "Các sở, ngành:").
# The list may end on the field it covers, its comma then often left out before the verb: "Theo chức
# năng, nhiệm vụ, phạm vi quản lý tổ chức tuyên truyền …".
SCOPE_OPENER = re.compile(
    r"^(?:Theo|Căn\s+cứ|Trong\s+phạm\s+vi)\s+(?:chức\s+năng|nhiệm\s+vụ|quyền\s+hạn|thẩm\s+quyền)"
    r"(?:(?:,|\s+và)\s+(?:chức\s+năng|nhiệm\s+vụ|quyền\s+hạn|thẩm\s+quyền|phạm\s+vi\s+quản\s+lý|lĩnh\s+vực\s+(?:được\s+giao|phụ\s+trách)))*"
    r"(?:\s+(?:được\s+giao|của\s+mình|của\s+(?:các\s+)?(?:cơ\s+quan|đơn\s+vị|ngành|địa\s+phương)))?"
    r"(?:\s*,\s+|(?<=quản\s\blý)\s+(?=(?:" + _PREDICATE_ALT + r")\b))"
)
_APPOSITION_START = re.compile(r"^\s*(?:[-–,(]|\bvà\b)")
# A group name may run on in lower case up to its predicate ("Các bộ, cơ quan [chủ quản các cơ sở
# dữ liệu] khẩn trương …"), but not through a passive or a copula ("Chính phủ số được đẩy mạnh"), nor
# through what a speaker says ("Tổng Bí thư lưu ý cơ cấu trong hội đồng phải bảo đảm …": no name).
_UNLISTED_VERB = re.compile(r"^\s(?!(?:\S+\s+){0,2}(?:được|đã|đang|vừa|là|bị|của|số|điện\s+tử)\b)[a-zà-ỹđ]")
_GAP_FORBIDDEN = re.compile(
    r"\b(?:được|đã|đang|vừa|là|đạt|với|bị|để|nhằm|thì|mà|nếu|thông\s+báo|cho\s+biết|cho\s+rằng|nêu|"
    r"khẳng\s+định|nhấn\s+mạnh|lưu\s+ý|chỉ\s+rõ|ghi\s+nhận|biểu\s+dương|phát\s+biểu|báo\s+cáo)\b|[;.:]"
)
MAX_GAP_CHARS = 100


def _descriptive_gap(tail: str) -> bool:
    """True when `tail` runs on from a group name to its predicate without a verb of its own."""
    start = _first_predicate(tail[: MAX_GAP_CHARS + 20])
    return start is not None and start <= MAX_GAP_CHARS and not _GAP_FORBIDDEN.search(tail[:start])


def _first_predicate(tail: str) -> int | None:
    """Where the first predicate word of `tail` starts: a lower-case one, or a capitalised one that
    opens a line (the task on the line after a heading that names its bodies)."""
    m = _PREDICATE_INSIDE.search(tail)
    broken = _NEXT_LINE_PREDICATE.search(tail, 0, m.start() if m else len(tail))
    if broken:
        return broken.start() + 1
    return m.start() if m else None


# A relative clause between subject and duty: "Các cơ quan chủ quản CSDL [đã có dữ liệu bảo đảm
# đủ điều kiện khai thác] có trách nhiệm cập nhật …" — the duty, not "đã", starts the predicate.
# A body "given" the work may go straight to its verb: "Các bộ, cơ quan [được giao nhiệm vụ] chủ động …",
# "Các cơ quan, đơn vị [được giao nhiệm vụ tại Kế hoạch này] xây dựng kế hoạch chi tiết …".
_RELATIVE = re.compile(
    r"^\s*(?:(?:đã|đang|được)\b[^;.]{0,160}?\s(?=(?:có\s+trách\s+nhiệm|phải|cần)\s)"
    r"|được\s+(?:giao|phân\s+công)\s+(?:chủ\s+trì\s+)?(?:thực\s+hiện\s+)?(?:các\s+)?nhiệm\s+vụ\s+(?:thuộc|tại|theo|trong)\s+"
    r"(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Quyết\s+định)(?:\s+này)?\s(?=(?!này\b)[a-zà-ỹđ])"
    r"|được\s+(?:giao|phân\s+công)\b[^;.]{0,160}?\s(?=chủ\s+động\s)"
    # the goods or the field a generic body is meant for: "Sở quản lý ngành, lĩnh vực [đối với hàng
    # hóa, dịch vụ (quy định tại Phụ lục I)] có trách nhiệm lấy ý kiến …" (normative decisions)
    r"|đối\s+với\b[^;.]{0,160}?\s(?=(?:có|chịu)\s+trách\s+nhiệm\s))(?P<duty>)"
)
# When the names found cover less than this share of a subject phrase, the phrase is one
# descriptive group ("Các bộ, cơ quan chủ quản các cơ sở dữ liệu (CSDL) quốc gia, CSDL chuyên ngành").
MIN_NAME_COVERAGE = 0.6

# What a task asks a body to draft: the document types of the shared vocabulary that are drafted,
# and the other products a directive names.
PRODUCT_NOUNS = tuple(t.name for t in vocabulary.drafted_types()) + (
    "Chiến lược",
    "Quy hoạch",
    "Đề xuất",
    "phương án",
    "báo cáo",
    "Báo cáo",
    "văn bản",
    "tài liệu hướng dẫn",
    "Khung",
    "danh mục",
    "Danh mục",
    "hồ sơ",
    "Tờ trình",
    "quy chế",
    "Quy chế",
    "Hệ thống",
    "Bộ tiêu chí",
)
_PRODUCT = re.compile(
    r"\b(?:xây\s+dựng|ban\s+hành|trình|sửa\s+đổi|hoàn\s+thiện|soạn\s+thảo|lập|đề\s+xuất|tham\s+mưu(?:\s+ban\s+hành)?)"
    r"(?:[^.;:]{0,60}?)\b(" + "|".join(map(re.escape, PRODUCT_NOUNS)) + r")\b([^,;.()]{0,90})"
)
_SUBMIT = re.compile(
    r"\b(?:trình|báo\s+cáo)\s+(Thủ\s+tướng\s+Chính\s+phủ|Thủ\s+tướng|Chính\s+phủ|Quốc\s+hội|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|"
    r"Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Ban\s+Chỉ\s+đạo(?:\s+Trung\s+ương|\s+của\s+Chính\s+phủ)?|cấp\s+có\s+thẩm\s+quyền)"
)


@dataclass(frozen=True)
class Subject:
    """Who a unit names as responsible, and where its task text starts."""

    lead: list[Body]
    coordinating: list[Body]
    task_start: int  # offset in the unit text where the task begins
    explicit: bool  # the unit itself names the lead
    accountability: bool = False  # "X chịu trách nhiệm trước …": a statement, not a task


# Whose competence a matter is: "Việc đầu tư xây dựng … thuộc thẩm quyền của Ủy ban nhân dân tỉnh" (VPCP
# letters, decrees). Stated alone it is no task (`units`); before a comma it leads in to the request.
COMPETENCE = r"Việc\s[^.;]{3,300}?\s(?:không\s+)?thuộc\s+(?:thẩm\s+quyền|trách\s+nhiệm|chức\s+năng)\b"
# A lead-in clause before the subject, which may hold commas of its own: "Sau khi Nghị định có hiệu
# lực, Bộ Tài chính …", "Trên cơ sở đề xuất của các sở, căn cứ khả năng ngân sách, Sở Tài chính …",
# "Đối với các chi phí năm 2024, giao Bảo hiểm xã hội Việt Nam …", "Hằng năm, Ủy ban nhân dân tỉnh …".
_LEAD_IN_CLAUSE = re.compile(
    r"^(?:Sau\s+khi|Trên\s+cơ\s+sở|Căn\s+cứ|Liên\s+quan\s+(?:đến|tới)|Đối\s+với|Hằng\s+năm|Hàng\s+năm|Hằng\s+quý|"
    r"Hằng\s+tháng|Định\s+kỳ|Trong\s+năm\s+\d{4}|Trong\s+thời\s+gian|Trong\s+quá\s+trình|Trước\s+mắt|Để|Nhằm|Từ\s+nay|"
    r"Đến\s+năm\s+\d{4}|Giai\s+đoạn|Tiếp\s+theo|"
    # the situation a telegram or its news report answers: "Trước diễn biến phức tạp của cơn bão số 3,
    # chiều 18/8, Thủ tướng Chính phủ đã ký Công điện yêu cầu …", "Trước tình hình dịch bệnh …, Bộ Y tế …"
    r"Trước\s+(?:diễn\s+biến|tình\s+hình)|"
    # a letter's closing request: "Nhận được công văn này, đề nghị các Sở …", "Nhận được văn bản này,
    # Bộ Giáo dục và Đào tạo đề nghị các sở …" (the formula of a công văn's last paragraph)
    r"Nhận\s+được\s+(?:công\s+văn|văn\s+bản|Công\s+điện|thông\s+báo)\s+này|" + COMPETENCE + r"|"
    # whose competence the matter is, before the request: "Việc … thuộc thẩm quyền của Ủy ban nhân dân
    # tỉnh, đề nghị Ủy ban nhân dân tỉnh xem xét, quyết định"
    # a deadline written first: "Trước ngày 30 tháng 11 năm 2025, Bộ Công an báo cáo …", "Chậm nhất
    # ngày 15/12, các bộ gửi …", "Trong tháng 12 năm 2025, Bộ Xây dựng trình …"
    r"Trước\s+ngày|Chậm\s+nhất|Trong\s+(?:tháng|quý|Quý|\d+\s+tháng)|"
    # "Thực hiện chỉ đạo của Thủ tướng, hôm qua 27.4, Bộ trưởng …", "Theo đề nghị của Bộ Y tế, …"
    # "Thực hiện Chỉ thị số 8.256/2019 của Bộ NN&PTNT, UBND tỉnh vừa có văn bản giao …"
    r"(?:Thực\s+hiện|Theo|Tại)\s+(?:chỉ\s+đạo|ý\s+kiến|đề\s+nghị|báo\s+cáo|kết\s+luận|văn\s+bản|Công\s+văn|"
    r"Thông\s+báo|cuộc\s+họp|buổi\s+làm\s+việc|hội\s+nghị|Công\s+điện|Chỉ\s+thị|Nghị\s+quyết|Quyết\s+định|Kế\s+hoạch))\b",
    re.I,
)
MAX_LEAD_IN_CHARS = 700
# How far past a position the subject grammar ever looks: a lead-in, then a subject. Slicing no more
# than this keeps the cost of a call independent of the length of the text after it.
LOOKAHEAD = MAX_LEAD_IN_CHARS + 2 * MAX_SUBJECT_CHARS + MAX_TOPIC_CHARS
# A subject that is a place stands for its People's Committee: "Các tỉnh Nghệ An, Quảng Ngãi khẩn
# trương …", "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh …".
_PLACE_START = re.compile(r"(?:[Cc]ác\s+)?(?:[Tt]ỉnh|[Tt]hành\s+phố)\s+[A-ZĐ]")
# … and its chair: "Chủ tịch UBND tỉnh giao thủ trưởng các cơ quan, đơn vị liên quan …"
_OWN_COUNCIL = re.compile(r"(?:Chủ\s+tịch\s+)?(?:(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)\s+(?:tỉnh|[Tt]hành\s+phố)\s+(?=[a-zà-ỹđ])")
_ROLE_DUTY = re.compile(r"^\s*,?\s+là\s+(?:cơ\s+quan|đơn\s+vị)\s+(?:đầu\s+mối|thường\s+trực|chủ\s+trì|chủ\s+quản)\b")
_COMPLETE_NAMES = frozenset({BodyKind.ministry, BodyKind.agency, BodyKind.province})
_BASIS = re.compile(r"^\s+(?:căn\s+cứ|trên\s+cơ\s+sở)\s+(?!pháp\b)")


# A rule's case before the body whose duty it is: "Trường hợp cần thiết điều chỉnh danh mục hàng hóa,
# dịch vụ do Nhà nước định giá, Sở quản lý ngành, lĩnh vực … có trách nhiệm tham mưu …", "Trường hợp
# hàng hóa, dịch vụ do một cấp định giá: Sở … có trách nhiệm trình …" (the duty phrase is required: a
# case followed by any verb, "Trường hợp vượt thẩm quyền, báo cáo …", continues the task before it).
_CASE = re.compile(r"^(?:Trong\s+)?[Tt]rường\s+hợp\b")
_CASE_END = re.compile(r"[,:]\s+")
_DUTY_AHEAD = re.compile(r"^[^;.:]{2,200}?\s(?:có|chịu)\s+trách\s+nhiệm\s+(?!trước\b)")


def _case_of_duty(rest: str) -> int:
    """Length of a "Trường hợp …," case that a body with a stated duty follows, else 0."""
    if not _CASE.match(rest):
        return 0
    for m in _CASE_END.finditer(rest, 0, MAX_LEAD_IN_CHARS):
        after = rest[m.end() :]
        if _starts_with_body(after) and _DUTY_AHEAD.match(after):
            return m.end()
    return 0


def _lead_in_clause(rest: str) -> int:
    """Length of a lead-in clause that a subject or an addressee formula follows, else 0."""
    if not _LEAD_IN_CLAUSE.match(rest):
        return 0
    # The lead-in ends at a comma, or at the first ';' some writers put there ("Để toàn dân đồng lòng,
    # thi đua hành động, …; các sở, ban, ngành … triển khai Đợt thi đua …").
    first_semicolon = rest.find(";", 0, MAX_LEAD_IN_CHARS)
    limit = first_semicolon + 1 if first_semicolon >= 0 else MAX_LEAD_IN_CHARS
    commas = list(re.finditer(r"[,;]\s+", rest[: limit + 1]))
    # An addressee formula after a comma ends the lead-in ("Để …, Chính phủ, Thủ tướng …, yêu cầu Bộ Y tế
    # …"); else the first comma after which a body is the subject of a predicate.
    for m in commas:
        after = rest[m.end() :]
        if _IMPERATIVE.match(after) or _SPEAKER.match(after):
            return m.end()
        # a verb after the comma starts the task, and a formula later in its verb series is the
        # doer's own act: "đối với những dự án …, chủ động hướng dẫn, đôn đốc, yêu cầu các đơn vị
        # điều chỉnh thiết kế" (the Sở asks the firms; they are no addressees of the document)
        if PREDICATE_AT_START.match(after):
            break
    # A comma inside a name ("của các Bộ, cơ quan liên quan") does not end the lead-in.
    names = bodies.find_bodies(rest[:MAX_LEAD_IN_CHARS])
    ends = [m.end() for m in commas if not any(n.start < m.start() < n.end for n in names) and _subject_follows(rest[m.end() :])]
    if not ends:
        return 0
    # A lead-in may itself end in an enumeration of bodies: "Trên cơ sở đề nghị của các Bộ, cơ quan
    # liên quan, Bộ Tài chính khẩn trương …" — "cơ quan liên quan" still belongs to "của các Bộ", so
    # when the words before a comma end in a name, the next comma that a subject follows ends the
    # lead-in ("Căn cứ báo cáo của Bộ Y tế, Bộ Tài chính …" has no second one and keeps the first).
    k = 0
    while k + 1 < len(ends) and _ends_with_body(rest[: ends[k]].rstrip(" ,")):
        k += 1
    return ends[k]


def _subject_follows(after: str) -> bool:
    if (back := _BACK_REFERENCE.match(after)) and _starts_duty(after[back.end() :]):
        return True  # "Trong thời gian tới, Tỉnh tổ chức thực hiện …"
    # where a subject stands a bare place is its People's Committee: "Để …, tỉnh Gia Lai cần …"
    if subject_gate.first_word_opening_nothing(after[:MAX_SUBJECT_CHARS]) is not None:
        return False  # no name at the start (`subject_gate`)
    found = bodies.find_subject_bodies(after[:MAX_SUBJECT_CHARS])
    if not found or found[0].start != 0:
        return False
    subj = find_subject(after[:MAX_LEAD_IN_CHARS])
    # a modal may stand before the verb: "Để …, thành phố Đà Nẵng cần tập trung thực hiện …",
    # "Trong thời gian tới, các bộ, ngành phải khẩn trương …"
    rest = _MODAL.sub("", after[subj.task_start :], count=1)
    return subj.explicit and bool(PREDICATE_AT_START.match(rest))


_MODAL = re.compile(r"^(?:cần\s+phải|cần|phải)\s+")


def _ends_with_body(text: str) -> bool:
    found = bodies.find_bodies(text[-MAX_SUBJECT_CHARS:])
    return bool(found) and found[-1].end >= len(text[-MAX_SUBJECT_CHARS:]) - 1


def strip_openers(text: str, pos: int = 0) -> int:
    """Offset after speaker attributions and adverbial openers ("Đồng thời, ", "Thủ tướng yêu cầu ",
    "Từ đó, Phó Thủ tướng đề nghị ")."""
    for _ in range(4):
        rest = text[pos : pos + LOOKAHEAD]
        m = (
            _ADVERBIAL.match(rest)
            or _SPEAKER.match(rest)
            or _ENUM_MARK.match(rest)
            or _OPENING_QUOTE.match(rest)
            or _HONORIFIC.match(rest)
            or _BECAUSE.match(rest)
        )
        if not m and (topic := _FOR_SUBJECT.match(rest)) and _starts_with_body(rest[topic.end() :]):
            m = topic  # "Đối với các chủ đầu tư cần nhanh chóng dọn dẹp mặt bằng …"
        if not m and (scope := SCOPE_OPENER.match(rest)) and _starts_with_body(rest[scope.end() :]):
            m = scope
        if not m and (spoken := _body_speaker(rest)):
            pos += spoken
            continue
        if not m and (case_end := _case_of_duty(rest)):
            pos += case_end
            continue
        if not m and (review := _AFTER_REVIEW.match(rest)) and _body_speaker(rest[review.end() :]):
            m = review
        if not m and (clause_end := _lead_in_clause(rest)):
            pos += clause_end
            continue
        if not m:
            # A short lead-in phrase before a speaker or a name: "Chiều 28/8, Phó Thủ tướng yêu cầu …",
            # "với vai trò là chủ đầu tư, Tập đoàn … chủ động …".
            lead_in = _SHORT_LEAD_IN.match(rest)
            after = rest[lead_in.end() :] if lead_in else ""
            # A lead-in holds neither a name nor a verb: not "Bộ Quốc phòng, Bộ Công an …", not
            # "Khẩn trương tham mưu cho Chính phủ, Thủ tướng Chính phủ …".
            plain = (
                lead_in is not None
                and not bodies.find_bodies(lead_in.group(0))
                and not _PREDICATE_ANYCASE.search(lead_in.group(0))
            )
            m = lead_in if plain and (_SPEAKER.match(after) or _starts_with_body(after)) else None
        if not m:
            break
        pos += m.end()
    return pos


@functools.lru_cache(maxsize=4096)  # a unit is read again when its neighbours are grouped; callers never mutate
def find_subject(text: str) -> Subject:
    """Find the lead and coordinating bodies a unit names at its start, and where its task starts.

    >>> s = find_subject("Bộ Công an chủ trì, phối hợp với Bộ Tư pháp xây dựng Nghị định")
    >>> [b.name for b in s.lead], [b.name for b in s.coordinating]
    (['Bộ Công an'], ['Bộ Tư pháp'])
    """
    pos = strip_openers(text)
    imperative = _IMPERATIVE.match(text[pos : pos + LOOKAHEAD])
    if imperative:
        pos += imperative.end()
    topic_end = _skip_topic(text, pos)
    if topic_end != pos:  # "Về các công việc cụ thể, Phó Thủ tướng đề nghị Bộ …", "Về …: giao Bộ …"
        pos = strip_openers(text, topic_end)
        if after := _IMPERATIVE.match(text[pos : pos + LOOKAHEAD]):
            pos += after.end()
    # After "yêu cầu"/"giao"/"đề nghị" the names that follow are the addressees and whatever comes
    # next is their task: "Thủ tướng yêu cầu các bộ, ngành [quyết tâm cao hơn …]".
    addressed = pos > 0 and bool(_ADDRESSING_VERB.search(text[:pos]))
    if aliased := _aliased_subject(text, pos):
        return aliased
    end, predicate = _subject_end(text, pos, addressed)
    lead: list[Body] = []
    if end > pos:
        lead = _subject_bodies(text[pos:end].strip(" ,:-–"))
    # "Yêu cầu gửi báo cáo …", "Thủ tướng yêu cầu đối với vấn đề vượt thẩm quyền, báo cáo …": a verb,
    # a lead-in or a condition right after the formula names nobody; the addressees are the last ones.
    ahead = text[pos : pos + LOOKAHEAD]
    nobody = bool(PREDICATE_AT_START.match(ahead) or _LEAD_IN_CLAUSE.match(ahead) or _CONDITIONAL.match(ahead))
    # "… yêu cầu có báo cáo kết quả …", "đề nghị có ý kiến bằng văn bản …": what is asked for, no one
    nobody = nobody or bool(_ASKED_TO_HAVE.match(ahead))
    if not lead and addressed and not nobody and (named := _ADDRESSEE_PHRASE.match(text, pos)):
        # "đề nghị các Tập đoàn: A, B tổ chức …": whoever is addressed is responsible, even unlisted.
        end = predicate = named.end("who")
        phrase = named.group("who").strip(" ,:")
        lead = [
            Body(
                name=phrase[:1].upper() + phrase[1:],
                text=phrase,
                kind=BodyKind.group if phrase.lower().startswith("các") else BodyKind.other,
            )
        ]
    if not lead and (described := _DESCRIBED_GROUP.match(text, pos)):
        # "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm …"
        end = predicate = described.start("duty")
        if (given := _GIVEN_IN.search(described.group("who"))) and described.group("who")[given.end() :].strip():
            # "Các đơn vị được giao thực hiện các nhiệm vụ thuộc Kế hoạch [lập dự toán …] và chủ động …":
            # the group ends with the document its work is in; the verb after it starts the task
            end = predicate = described.start("who") + given.end()
        phrase = " ".join(text[described.start("who") : end].split())
        lead = [Body(name=phrase, text=phrase, kind=BodyKind.group)]
    if not lead and (back := _BACK_REFERENCE.match(text, pos)) and _starts_duty(text[back.end() :]):
        # "Tỉnh căn cứ các quy định hiện hành …": the body the document is about, resolved by `units`.
        end = predicate = back.end("who")
        who = " ".join(back.group("who").split())
        lead = [Body(name=who, text=who, kind=BACK_REFERENCE_KINDS[who])]
    if not lead:
        coord, start = _coordination(text, pos)
        return Subject([], coord, _skip_space(text, start), False)
    if acc := _ACCOUNTABILITY.match(text[predicate : predicate + LOOKAHEAD]):
        # "… chịu trách nhiệm trước Chính phủ về kết quả …, báo cáo Chính phủ kết quả thực hiện hằng
        # tháng": the duty after the statement of accountability is the task.
        rest = text[predicate + acc.end() : predicate + LOOKAHEAD]
        duty = next((m for m in re.finditer(r"[,;]\s+", rest) if _PREDICATE_INSIDE.match(rest, m.end())), None)
        if duty is None:
            return Subject(lead, [], _skip_space(text, predicate), True, accountability=True)
        return Subject(lead, [], predicate + acc.end() + duty.end(), True)
    coord, start = _coordination(text, predicate)
    return Subject(lead, coord, _skip_space(text, start), True)


# A Kế hoạch's "Tổ chức thực hiện" names its leads by what they were given, without a name: "Các cơ
# quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm lập kế hoạch …",
# "Các đơn vị, cơ quan, tổ chức được giao nhiệm vụ thu nhận thông tin … có trách nhiệm …" (the
# corpus has some forty). The phrase up to the duty is the subject, one group.
_DESCRIBED_GROUP = re.compile(
    r"(?P<who>(?:Các\s+)?(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị|[Bb]ộ|[Ss]ở|[Đđ]ịa\s+phương)"
    r"(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|địa\s+phương|ngành|cá\s+nhân))*[^.;:,]{0,40}?"
    r"\s+được\s+(?:giao|phân\s+công)\b[^.;:]{0,160}?)\s+(?P<duty>(?:có|chịu)\s+trách\s+nhiệm|phải|chủ\s+động)\s"
)
_GIVEN_IN = re.compile(
    r"\bnhiệm\s+vụ\s+(?:thuộc|tại|theo|trong)\s+(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Quyết\s+định)(?:\s+này)?(?=\s+(?!này\b)[a-zà-ỹđ]|\s*$)"
)
# Short back-references of a Thông báo kết luận to the body it is about, capitalised: "Tỉnh căn cứ
# các quy định hiện hành …", "Trường hợp còn thiếu, Tỉnh tổng hợp nhu cầu …", "Bộ chủ động …".
_BACK_REFERENCE = re.compile(r"(?P<who>Tỉnh|Thành\s+phố|Bộ|Ủy\s+ban|Uỷ\s+ban)\s+(?=[a-zà-ỹđ])")
BACK_REFERENCE_KINDS = {
    "Tỉnh": BodyKind.province,
    "Thành phố": BodyKind.province,
    "Bộ": BodyKind.ministry,
    "Ủy ban": BodyKind.other,
    "Uỷ ban": BodyKind.other,
}


def opens_sentence(text: str) -> bool:
    """True when `text` opens with a lead-in clause or an addressee formula ("Căn cứ tình hình thực
    tế, …", "Để …", "Giao Sở …"): the start of a sentence even without the line break before it."""
    return bool(_LEAD_IN_CLAUSE.match(text) or _IMPERATIVE.match(text))


def is_back_reference(body: Body) -> bool:
    """A lead that only says "Tỉnh", "Thành phố", "Bộ" or "Ủy ban" (see `_BACK_REFERENCE`)."""
    return body.name == body.text and body.name in BACK_REFERENCE_KINDS


def _starts_duty(rest: str) -> bool:
    return bool(PREDICATE_AT_START.match(rest) or re.match(r"(?:căn\s+cứ|cần|phải|có\s+trách\s+nhiệm|tiếp\s+tục)\b", rest))


# A subject the document names for short: "các sở, ban, ngành, …, các doanh nghiệp, tổ chức Hội (sau
# đây viết tắt là cơ quan, đơn vị) và mọi người dân triển khai …" — the drafting convention that
# defines an alias makes the whole listed phrase one subject.
_ALIAS = re.compile(r"\(\s*sau\s+đây\s+(?:gọi|viết)(?:\s+tắt)?\s+là\s+[^()]{2,80}\)")
MAX_ALIASED_CHARS = 300


def _aliased_subject(text: str, pos: int) -> Subject | None:
    window = text[pos : pos + MAX_ALIASED_CHARS + 100]
    alias = _ALIAS.search(window)
    if alias is None or alias.start() > MAX_ALIASED_CHARS or re.search(r"[.;:]", window[: alias.start()]):
        return None
    phrase = window[: alias.start()].strip(" ,")
    found = bodies.find_bodies(phrase)
    if not found or found[0].start != 0 or len(found) < 2:
        return None
    rest = window[alias.end() :]
    verb = _PREDICATE_INSIDE.search(rest[:MAX_GAP_CHARS])
    if verb is None:
        return None
    lead = [Body(name=phrase[:1].upper() + phrase[1:], text=phrase, kind=BodyKind.group)]
    return Subject(lead, [], pos + alias.end() + verb.start(), True)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n,:":
        pos += 1
    return pos


def _subject_bodies(phrase: str) -> list[Body]:
    """Bodies of a subject phrase; a phrase the names barely cover stays one group."""
    found = _without_people(_titled(phrase, bodies.split_bodies(phrase)))
    covered = sum(len(b.text) for b in found)
    apposition = re.search(r"\s[-–]\s", phrase)
    if found and not apposition and covered < MIN_NAME_COVERAGE * len(phrase.replace(" ", "")) and len(found) <= 2:
        name = phrase[:1].upper() + phrase[1:]
        return [Body(name=name, text=phrase, kind=BodyKind.group if phrase.lower().startswith("các") else BodyKind.other)]
    return as_one_group(phrase, found)


def as_one_group(phrase: str, found: list[Body]) -> list[Body]:
    """`found`, or the one addressee group the phrase is when it names only plural groups."""
    if group := _one_addressee_group(phrase, found):
        return [Body(name=group[:1].upper() + group[1:], text=group, kind=BodyKind.group)]
    return found


# More plural addressees after the groups a list names, short and without a preposition: ", đơn vị,
# tổ chức chính trị - xã hội, hội, đoàn thể", " và các đơn vị liên quan" (not " trên tinh thần …").
_GROUP_TAIL = re.compile(
    r"(?:\s*(?:,|\bvà\b)\s*(?!(?:trên|theo|về|trong|với|của|để|nhằm|tại|cho)\b)"
    r"(?:các\s+)?[a-zà-ỹđ]+(?:\s+(?:-\s+)?[a-zà-ỹđ]+){0,5})+\s*"
)
MAX_GROUP_TAIL = 120  # a list's tail is short; a longer one is a description, and the check stays cheap


def _one_addressee_group(phrase: str, found: list[Body]) -> str | None:
    """A subject made only of plural groups is one addressee, written as the document writes it (the
    guide: a group "is written as in the text"): "Các sở, ban, ngành, Ủy ban nhân dân các xã, phường
    và các đơn vị liên quan", "Các bộ, cơ quan ngang bộ, địa phương và các cơ quan liên quan" (provincial
    plans and Government decisions alike). A list with a named body ("Sở Tài chính và các cơ quan liên
    quan") keeps its names, and one group that is the whole phrase keeps its canonical name."""
    if not found or any(b.kind is not BodyKind.group for b in found):
        return None
    matches = bodies.find_bodies(phrase)
    if not matches or matches[0].start > 4:
        return None
    last = matches[-1].end
    tail = phrase[last:]
    if tail.strip() and len(tail) <= MAX_GROUP_TAIL and _GROUP_TAIL.fullmatch(tail):
        return phrase.strip(" ,")
    return phrase[:last].strip(" ,") if len(found) >= 2 else None


# A body that hands work to another is a speaker, not the lead: "UBND tỉnh giao Sở Tài chính chủ trì
# …", "Bộ Y tế đề nghị các địa phương …", "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành …"; news
# reports name the letter it wrote: "UBND tỉnh vừa có văn bản đề nghị các sở, ngành …", "Bộ Y tế đã
# ban hành Công văn số 12/BYT yêu cầu …". A report may describe the letter first, its urgency, number,
# topic and addressees, before the hand-over verb: "Bộ Y tế vừa có công văn khẩn về việc tăng cường
# phòng, chống dịch gửi UBND các tỉnh, thành phố, đề nghị các địa phương chủ động …", "UBND TP đã có
# Công điện khẩn số 06/CĐ-UBND về tăng cường … gửi các sở, ban, ngành, UBND quận, huyện yêu cầu …".
# A topic ends at its comma or at "gửi", so "văn bản số 4672/UBND-VX về việc giao Sở Y tế phê duyệt
# …" (the topic names the hand-over) stays a report of the letter.
_HANDS_OVER = re.compile(
    r"\s+(?:(?:cũng|cùng|đã|vừa|mới|tiếp\s+tục)\s+)*"  # "cùng": also blind repair's reading of "cũng"
    r"(?:(?:có|ký|ban\s+hành|gửi)\s+(?:văn\s+bản|[Cc]ông\s+văn|[Cc]ông\s+điện|[Cc]hỉ\s+thị|[Tt]hông\s+báo)"
    r"(?:\s+(?:hỏa\s+tốc|khẩn))?(?:\s+\(?số\s+[^\s,)]+\)?)?"
    r"(?:\s+về\s+[^;.:]{1,160}?(?=,\s|\s+gửi\s))?(?:\s+gửi\s+[^;.:]{1,160}?)?,?\s+)?"
    r"(?:giao|yêu\s+cầu|đề\s+nghị)\s*:?\s+"
)


def _body_speaker(rest: str) -> int:
    """Length of "<body> giao/yêu cầu/đề nghị " when a body follows it, else 0."""
    window = rest[:MAX_SUBJECT_CHARS]
    if not _HANDS_OVER.search(window):  # the common case: no hand-over verb, no gazetteer scan
        return 0
    if subject_gate.first_word_opening_nothing(window) is not None:
        return 0  # no name at the start (`subject_gate`)
    found = bodies.find_bodies(window)
    if (not found or found[0].start != 0) and _OWN_COUNCIL.match(window):
        found = bodies.find_subject_bodies(window)
    if not found or found[0].start != 0 or found[0].body.kind is BodyKind.other:
        return 0
    verb = _HANDS_OVER.match(rest, found[0].end)
    if verb is None:
        return 0
    # The Government's heads speak whoever follows ("Thủ tưởng yêu cầu đối với vấn đề …", the name as
    # OCR repair left it, found by the gazetteer's mark-free match); other bodies only hand work on.
    speaks = found[0].body.name in SPEAKER_NAMES
    after = rest[verb.end() :]
    # "Bộ Giáo dục và Đào tạo đề nghị các sở giáo dục và đào tạo chỉ đạo …": a plural group that
    # then acts is addressed even when the gazetteer knows it only by its capitalised name.
    addressed = bool(_PLURAL.match(after)) and _subject_follows_plural(after)
    return verb.end() if speaks or _starts_with_body(after) or addressed else 0


def _subject_follows_plural(after: str) -> bool:
    """Whether `after` names a group that then acts, read as an addressee (after "Đề nghị")."""
    subj = find_subject(_ADDRESSED_PREFIX + after[:MAX_LEAD_IN_CHARS])
    rest = after[subj.task_start - len(_ADDRESSED_PREFIX) :]
    return subj.explicit and bool(PREDICATE_AT_START.match(_MODAL.sub("", rest, count=1)))


_ADDRESSED_PREFIX = "Đề nghị "


SPEAKER_NAMES = frozenset({"Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", "Chính phủ"})


def _starts_with_body(text: str) -> bool:
    if _no_name_opens(text[:MAX_SUBJECT_CHARS]):
        return False  # no name at the start, after a plural or a title (`subject_gate`)
    found = bodies.find_bodies(text[:MAX_SUBJECT_CHARS])
    # "các Sở Giáo dục và Đào tạo": the plural of a body the gazetteer knows in the singular
    start = plural.end() if (plural := _PLURAL.match(text)) else 0
    if not found or found[0].body.kind is BodyKind.other:
        return False
    # or a body its head's title opens: "Cục trưởng Cục Thuế các tỉnh …", "Vụ trưởng Vụ Pháp chế …"
    return found[0].start in (0, start) or bool(_TITLE_PREFIX.match(text[: found[0].start]))


_PLURAL = re.compile(r"(?:[Cc]ác|[Nn]hững)\s+")


def _skip_topic(text: str, pos: int) -> int:
    """Skip a topic opener: "Về <topic>, <body> …" or, in a Thông báo kết luận, "Về <topic>: giao
    <body> …" (the colon ends the topic whatever follows)."""
    if not text.startswith("Về", pos) or not text[pos + 2 : pos + 3].isspace():
        return pos
    window = text[pos : pos + MAX_TOPIC_CHARS]
    # "Về X: <request>: giao Bộ …" — a colon before an assignment verb or a name wins over one
    # that only opens the topic's own description.
    colon = _TOPIC_COLON_ASSIGN.search(window) or _TOPIC_COLON.search(window) or _TOPIC_LIST_COLON.search(window)
    if colon:
        return pos + colon.end()
    for m in bodies.find_bodies(text[pos : pos + MAX_SUBJECT_CHARS * 2]):
        before = text[pos : pos + m.start]
        if before.rstrip().endswith(",") and not _OF_THE_TOPIC.match(text, pos + m.end):
            return pos + m.start
    return pos


# A name the topic's own description lists, followed by a preposition, is no subject: "Về ý kiến chỉ
# đạo của đồng chí Tổng Bí thư, Chủ tịch Quốc hội tại các công văn số …, Phó Thủ tướng giao …", "Về
# đề nghị của Bộ Tài chính, Bộ Xây dựng về việc …, Thủ tướng Chính phủ đồng ý …" (a subject is followed
# by its predicate).
_OF_THE_TOPIC = re.compile(r"\s*(?:tại|của|về|ngày|theo|trong|đối\s+với)\s")


# Titles and a plural before an enumeration of bodies: "Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa,
# Gia Lai", "Đồng chí Bí thư tỉnh ủy và Chủ tịch …", "Các Bộ: Quốc phòng, Tài chính". A Thông báo kết
# luận addresses the ministers as comrades: "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ …".
_TITLE = (
    r"(?:Phó\s+)?(?:Chủ\s+tịch|Bộ\s+trưởng|Thủ\s+trưởng|(?:Tổng\s+)?Giám\s+đốc|Bí\s+thư(?:\s+(?:tỉnh|thành)\s+ủy)?"
    r"|Lãnh\s+đạo|Người\s+đứng\s+đầu|Trưởng(?=\s+[Bb]an\b|\s*$)"
    # heads of a general department's units: "Tổng cục Thuế yêu cầu Cục trưởng Cục Thuế các tỉnh …"
    r"|(?:Tổng\s+)?[Cc]ục\s+trưởng|Chi\s+cục\s+trưởng|Vụ\s+trưởng"
    # the Party organ of a body: "Ban cán sự đảng Bộ Kế hoạch và Đầu tư tập trung …", "Đảng ủy Chính
    # phủ lãnh đạo …", "Đảng đoàn Quốc hội …"
    r"|Ban\s+cán\s+sự\s+[Đđ]ảng|Đảng\s+(?:[uủ]ỷ|ủy)(?:\s+cơ\s+quan)?|Đảng\s+[Đđ]oàn|Tổ\s+đảng(?:\s+ở)?"
    # (as English-model OCR and the blind repair leave it: "Tổ đăng 6 Thường trực …", "Tổ dạng & …";
    # the corpus has no "tổ đảng" to repair it from, and "6", "&" are that model's readings of "ở")
    r"|Tổ\s+(?:đăng|dạng|đẳng|dang)\s+(?:6|&|ở)(?=\s+[A-ZĐ])"
    # the standing members of a council or committee: "Thường trực Hội đồng Dân tộc", "Thường trực
    # Tỉnh ủy", "Tổ đảng ở Thường trực Ủy ban Pháp luật"
    r"|Thường\s+trực)"
)
_TITLE_PREFIX = re.compile(rf"^\s*(?:(?:[Cc]ác\s+)?[Đđ]ồng\s+chí\s+)?(?:{_TITLE}(?:\s+và\s+|\s*,\s*|\s+))*$")
# Between two names of one subject: separators, and a title for the next name ("…, ban, ngành;
# Chủ tịch Ủy ban nhân dân các xã …").
_CHAIN_GAP = re.compile(
    rf"^(?:\s*(?:,|và|-|–|;)\s*)*(?:(?<=\s)[Cc]ác\s+)?(?:(?<=[,;]\s){_TITLE}\s*,?\s+|(?<=[,;]){_TITLE}\s*,?\s+)?$"
)
# (titles may stack: "Tổ đảng ở Thường trực Ủy ban Pháp luật", "Phó Chủ tịch Thường trực …")
_LAST_TITLE = re.compile(rf"(?:{_TITLE}\s+)*{_TITLE}(?=\s*$)")


def _plain_prefix(prefix: str) -> bool:
    """True when what stands before the first name leaves it the subject: nothing, "Các", or titles."""
    bare = prefix.strip(" ,:-")
    return not bare or bare.lower() == "các" or bool(_TITLE_PREFIX.match(prefix))


def _titled(phrase: str, found: list[Body]) -> list[Body]:
    """Put the title that stands before a name on the bodies it governs ("Chủ tịch" + "Ủy ban nhân
    dân tỉnh Gia Lai" -> role "Chủ tịch Ủy ban nhân dân tỉnh Gia Lai"); an enumeration after one
    title ("Chủ tịch Ủy ban nhân dân các tỉnh: A, B") takes it for every name."""
    titles: dict[str, str] = {}
    current = None
    for m in bodies.find_bodies(phrase):
        before = phrase[: m.start].rstrip()
        t = _LAST_TITLE.search(before)
        if t and t.end() == len(before):
            current = " ".join(t.group(0).split())
        elif re.search(r"[;]\s*$|\bvà\s*$", before) or (before and not before.endswith((",", ":"))):
            current = None
        if current:
            titles[m.body.text] = current
    if not titles:
        return found
    used = set(titles.values())
    kept = [b for b in found if not (b.kind is BodyKind.other and " ".join(b.text.split()) in used)]  # bare titles
    return [
        Body(name=f"{titles[b.text]} {b.name}", text=b.text, kind=BodyKind.role)
        if b.text in titles and b.kind in _TITLED_KINDS
        else b
        for b in kept
    ]


_TITLED_KINDS = (BodyKind.province, BodyKind.ministry, BodyKind.agency, BodyKind.group)


def _subject_end(text: str, pos: int, addressed: bool = False) -> tuple[int, int]:
    """Where the names of the subject starting at `pos` end, and where its predicate starts.

    The two differ only across a relative clause ("Các cơ quan chủ quản CSDL [đã có dữ liệu …]
    có trách nhiệm …"), which belongs to neither the names nor the task."""
    end = _names_end(text, pos, addressed)
    rel = _RELATIVE.match(text[end:]) if end > pos else None  # patterns anchor with "^": slice
    return (end, end + rel.start("duty")) if rel else (end, end)


def _names_end(text: str, pos: int, addressed: bool) -> int:
    """End of the subject phrase starting at `pos`: a chain of body names, else up to the predicate."""
    if _no_name_opens(text[pos : pos + 2 * MAX_SUBJECT_CHARS]):  # (up to the doubled window below)
        return pos  # the scans below would find no subject (`subject_gate`)
    window = text[pos : pos + MAX_SUBJECT_CHARS]
    found = bodies.find_bodies(window)
    # A Chỉ thị's addressees can run past the window: "các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, …,
    # Chủ tịch Ủy ban nhân dân các tỉnh, …, Chủ tịch Hội đồng thành viên, Tổng giám đốc các tập đoàn
    # kinh tế, tổng công ty nhà nước" is 230 characters; a name that reaches the edge is read again
    # in a window twice as long, so its last name is not cut to "… tổng công ty".
    if found and len(window) == MAX_SUBJECT_CHARS and found[-1].end >= MAX_SUBJECT_CHARS - 40:
        window = text[pos : pos + 2 * MAX_SUBJECT_CHARS]
        found = bodies.find_bodies(window)
    if (not found or found[0].start > 0) and (_PLACE_START.match(window) or _OWN_COUNCIL.match(window)):
        # "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh …"; the council of the province the
        # document is about, unnamed: "Ủy ban nhân dân tỉnh chủ động làm việc với Bộ Xây dựng …"
        found = bodies.find_subject_bodies(window)
    if not found or not _plain_prefix(window[: found[0].start]):
        return pos
    end, last = _after_person(window, found[0]), found[0]
    end += _place_tail(window, end, last)
    for m in found[1:]:
        if m.start < end:
            continue
        if not _CHAIN_GAP.match(window[end : m.start]):
            break
        end, last = _after_person(window, m), m
        end += _place_tail(window, end, last)
    tail = window[end:]
    if _SCOPE_PHRASE.match(tail):  # "Bộ Y tế [theo chức năng, nhiệm vụ được giao] chủ trì …": the task's own words
        return pos + end
    if named := _NAME_TO_COLON.match(tail):  # "Ủy ban nhân dân các xã, phường, đặc khu [Cồn Cỏ]:"
        return pos + end + named.end("rest")
    if _RELATIVE.match(tail):
        return pos + end
    # A heading name whose next line opens with a lead-in clause, the line break lost: "4. Ủy ban nhân
    # dân phường, xã, đặc khu [Căn cứ tình hình thực tế …, có kế hoạch …]", "Sở Y tế [Trên cơ sở …]".
    # (or with the scope of its task: "1. Công an tỉnh, … và Ủy ban nhân dân các xã, phường [Theo chức
    # năng, nhiệm vụ, phạm vi quản lý tổ chức …]")
    if tail[:1] == " " and tail[1:2].isupper() and (_LEAD_IN_CLAUSE.match(tail[1:]) or SCOPE_OPENER.match(tail[1:])):
        return pos + end
    # A role given to a body is its duty: "Bộ Nội vụ [là cơ quan đầu mối giúp Chính phủ theo dõi …]",
    # "Giao Sở Nông nghiệp và Môi trường [là cơ quan thường trực, chủ trì …]".
    if _ROLE_DUTY.match(tail):
        return pos + end
    # After a complete name (a ministry, an agency, a province) a lower-case word is the verb, even
    # one not listed and even with a listed one further on: "Bộ Công an [lựa chọn] đơn vị phối hợp
    # thu nhận …" (only a group's name runs on: "Các bộ, cơ quan chủ quản … khẩn trương …").
    if last.body.kind in _COMPLETE_NAMES and _UNLISTED_VERB.match(tail):
        return pos + end
    # A duty that opens with its basis: "Các cơ quan, đơn vị [căn cứ Kế hoạch này … để phát động …]",
    # "Ủy ban nhân dân các xã [trên cơ sở hướng dẫn của Sở …, xây dựng …]".
    if _BASIS.match(tail):
        return pos + end
    # names alone up to the unit's end ("Thủ trưởng các Sở, ban, ngành;" before the next addressee)
    if _PREDICATE_INSIDE.match(tail.lstrip(" ,")) or not tail.strip(" ;,") or tail.lstrip().startswith(":"):
        return pos + end
    # A capitalised predicate right after the names: a lost colon or line break ("… cơ quan ngang bộ
    # Tập trung chỉ đạo …").
    if PREDICATE_AT_START.match(tail.lstrip(" ")) and tail[:1] == " " and tail.lstrip()[:1].isupper():
        return pos + end
    if addressed and not _APPOSITION_START.match(tail):
        return pos + end
    # Known names followed by a lower-case word that is not a passive or a copula: the word is the
    # verb, even one not listed ("Các Bộ: Quốc phòng, Công an sẵn sàng lực lượng …").
    if _UNLISTED_VERB.match(tail) and not _descriptive_gap(tail):
        return pos + end
    # An apposition after the name ("Bộ Khoa học và Công nghệ - Cơ quan thường trực của …",
    # "Các bộ, cơ quan chủ quản …") runs to the first predicate word. Without a separator the name
    # was only part of a noun phrase ("Chính phủ số được đẩy mạnh"): no subject.
    if not _APPOSITION_START.match(tail) and not _descriptive_gap(tail):
        return pos
    # A heading line that names its bodies, its task on the next line: "9. Báo và Phát thanh, Truyền
    # hình tỉnh, Cổng thông tin điện tử tỉnh⏎Xây dựng các phóng sự …" — the line break ends the names.
    return pos + end + (_first_predicate(tail) or 0)


# The words a title prefix opens with (`_plain_prefix`), None if the walk cannot tell.
_PREFIX_WORDS = first_words(_TITLE_PREFIX.pattern)


def _no_name_opens(window: str) -> bool:
    """True when the first body mention found in `window`, if any, stands after a word that opens
    no name and no title prefix, "các" nor "những" (`subject_gate`): neither at the start nor after
    a title prefix or a plural, wherever a reader below looks for a name."""
    word = subject_gate.first_word_opening_nothing(window)
    return word is not None and _PREFIX_WORDS is not None and word not in _PREFIX_WORDS and word.lower() != "những"


_NEXT_LINE_PREDICATE = re.compile(r"\n(?=(?:" + _PREDICATE_ALT + r")\b)", re.I)


MIN_PERSON_WORDS, MAX_PERSON_WORDS = 2, 4
# A place the gazetteer does not know, named after a group that ends in its kind: "Ủy ban nhân dân các
# xã, phường, đặc khu [Cồn Cỏ]; Thủ trưởng …", "các xã thuộc huyện [Mường Nhé], …".
_PLACE_KIND_END = re.compile(r"(?:đặc\s+khu|xã|phường|huyện|quận|thị\s+xã|tỉnh)$", re.I)
_PLACE_NAME = re.compile(r"\s+[A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3}(?=\s*[,;:]|\s*$)")


# A provincial body the gazetteer knows without its province, followed by it unnamed: "Ban Quản lý
# các Khu công nghiệp [tỉnh] chủ trì …", "Ban Quản lý Khu kinh tế [tỉnh] triển khai …" (the document's
# own province, as in "Công an tỉnh"); the word is part of the name, not the task.
_OWN_PLACE = re.compile(r"\s+(?:tỉnh|thành\s+phố)(?=\s+[a-zà-ỹđ])")


def _place_tail(window: str, end: int, m: bodies.BodyMatch) -> int:
    """Length of the place that completes the name `m` ending at `end`: a named one after a group that
    ends in its kind, or the document's own province after a provincial body."""
    if _PLACE_KIND_END.search(m.body.text.rstrip()):
        tail = _PLACE_NAME.match(window, end)
        return tail.end() - end if tail else 0
    if m.body.kind in (BodyKind.agency, BodyKind.other) and (own := _OWN_PLACE.match(window, end)):
        return own.end() - end if PREDICATE_AT_START.match(window, _skip_space(window, own.end())) else 0
    return 0


def _without_people(found: list[Body]) -> list[Body]:
    """Drop the person's name that follows a titled body ("Bộ trưởng Bộ Y tế", "Nguyễn Thanh Long")."""
    out: list[Body] = []
    for b in found:
        words = b.text.split()
        person = b.kind is BodyKind.other and MIN_PERSON_WORDS <= len(words) <= MAX_PERSON_WORDS
        if person and out and out[-1].kind is BodyKind.role and all(w[:1].isupper() and not w.isupper() for w in words):
            continue
        out.append(b)
    return out


def _after_person(window: str, m: bodies.BodyMatch) -> int:
    """End of a titled mention with the person's name after it, as news reports write them:
    "Bộ trưởng Bộ Y tế [Nguyễn Thanh Long], Bộ trưởng Bộ Giao thông vận tải [Nguyễn Văn Thể] …"."""
    if m.body.kind is not BodyKind.role:
        return m.end
    words = list(re.finditer(r"\s+(\w+)", window[m.end : m.end + 80]))
    n = 0
    for w in words[:MAX_PERSON_WORDS]:
        if w.start() != (words[n - 1].end() if n else 0) or not w.group(1)[:1].isupper() or w.group(1).isupper():
            break
        n += 1
    if n < MIN_PERSON_WORDS:
        return m.end
    return m.end + words[n - 1].end()


def _coordination(text: str, pos: int) -> tuple[list[Body], int]:
    """Read "chủ trì, phối hợp với Y" after the subject; returns Y and where the task starts."""
    start = pos
    lm = _LEAD_MARK.match(text[pos : pos + LOOKAHEAD])
    after_lead = pos + lm.end() if lm else pos
    cm = _COORD.match(text[after_lead : after_lead + LOOKAHEAD])
    if not cm:
        return [], start
    ystart = after_lead + cm.end()
    yend = _subject_end(text, ystart)[0]
    if yend <= ystart:
        return [], start
    return bodies.split_bodies(text[ystart:yend].strip(" ,")), start


def is_conditional(unit: str) -> bool:
    return bool(_CONDITIONAL.match(unit.lstrip()))


def find_product(task: str) -> str | None:
    """The output a task names: "ban hành Nghị định quy định về …" -> "Nghị định quy định về …"."""
    m = _PRODUCT.search(task)
    if not m:
        return None
    return " ".join((m.group(1) + m.group(2)).split()).rstrip(" ,")


def find_submit_to(task: str) -> str | None:
    """Who the product goes to: "trình Thủ tướng Chính phủ" -> "Thủ tướng Chính phủ"."""
    m = _SUBMIT.search(task)
    return " ".join(m.group(1).split()) if m else None


def starts_lower(unit: str) -> bool:
    s = unit.lstrip(" -–(")
    return bool(s) and s[0].islower()


__all__ = [
    "PREDICATE_ANYWHERE",
    "PREDICATE_AT_START",
    "PREDICATE_STARTERS",
    "Subject",
    "as_one_group",
    "find_product",
    "find_subject",
    "find_submit_to",
    "is_back_reference",
    "opens_sentence",
    "is_conditional",
    "sentence_spans",
    "split_units",
    "starts_lower",
    "strip_openers",
]
