"""Flattened annex tables as Tesseract's English model reads wide landscape tables (after repair).

The excerpts are the English-model OCR (repaired) of dev-set annexes rendered as scans
(bench/dev/render_routes.py): row numbers before their column rule ("1. | …") or read as specks
("“4", "fe"), group numerals in sentence-case rows ("II. | Đẩy mạnh …", "Iii. | …", a first "i
…"), decimal rows and sub-groups ("1.1 | …", "IlI.1 |…"), garbled repeated headers, a period's
dash lost where its cell wrapped ("Giai đoạn 2026 -" / "2030"), and lines whose rules OCR read as
a pipe row ("8 | Xây dựng … | Bộ Tài chính, … | Giai đoạn 2026 -").
"""

from __future__ import annotations

from directive_parser.structure.tables import _deadline_of, find_tables

# A Chương trình hành động annex: Roman groups, numbered rows, two repeated headers.
GROUPS = """TT Tên nhiệm vụ Cơ quan chủ trì họp gió tánh

i Tăng cường sự lãnh đạo của Đảng; đổi mới tư duy, thống nhất cao về nhận thức và hành động trong công tác phi chính phủ
nước ngoài trong tình hình mới

1. | Tổ chức tuyên truyền, phổ biến, quán triệt thường xuyên, Bộ Ngoại giao các Bộ, ngành, Hội nghị, tập Thực hiện thương
sâu rộng về nội dung Chỉ thị số 49-CT/TW và.các chú địa phương, Uỷ. huấn, báo cáo. xuyên, lồng ghép
trương, chính sách của Đảng và Nhà nutc về công tác phí ban Công tác về | Bảo đảm 100% trong nhiệm vụ
chính phủ nước ngoài nhằm nâng cao nhận thức, trách : các tổ chức cán bộ, đảng viên | thường xuyên về
nhiệm của các cấp chính quyền và các tổ chức nhân dân về PCPNN, VTV, được quán triệt. | tuyên truyền
công tác phi chính phủ nước ngoài trong tình hình mới với VOV, TTXVN trong công tác an
hình thức và nội dung phù hợp. Đa dạng hóa, đổi mới nổi ninh, chính trị,
dụng, phương thức, nâng cao chất lượng và hiệu quả công đối ngoại.

tác tuyên truyền, phổ biến, trong các cấp chính quyền và
các tổ chức nhân dân; cụ thể hóa nội dung tuyên truyền
cho từng nhóm đối tượng cơ quan, tổ chức ở Trung ương,
địa phương và cấp cơ sở.

2. | Tuyên truyền, phổ biến và triển khai công tác phi chính Bộ Ngoại giao các Bộ, ngành, Chương trình, kế | Thực hiện thương
phủ nước ngoài gắn với triển khai hiệu quả Nghị quyết số địa phương, Uỷ. hoạch, Đề án xuyên, lồng ghép
35-NQ/TW ngày ; 22/10/2018 của Bộ Chính trị về tăng ban Công tác về| tuyên truyền trong nhiệm vụ
cường, bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản các tổ chức thường xuyên về
bác các quan điểm sai trái, thù: địch trong tình hình mới; PCPNN tuyên truyền
chủ động đấu tranh, làm thất bại mọi âm mưu, hoạt động trong công tác an
chống phá, “diễn biến hòa bình”, can thiệp nội bộ Việt Nam ninh, chính trị,
của các thế lực thù: địch, bảo vệ vững chắc chủ quyền, đối ngoại.

quyền chủ quyền, quyền tài phán, các quyền và lợi ích hợp
pháp, chính đáng của Việt Nam phù hợp với luật pháp quốc
tế.
1 tiền nhiden vụ Gố duẩn của Cơ _ phối kết qua/Danh Thời hạn hoãn
ốp giá thành
3. | Đẩy mạnh chuyển đổi số, phát triển dữ liệu số, tăng cường - | BỘ Ngoại giao các Bộ, ngành, Chương trình, kế | Thực hiện thương
ứng dụng công nghệ thông tin, công nghệ số và vận dụng địa phương, Uỷ. hoạch, Đề án xuyên, lồng ghép
các nền tảng trực tuyến trong công tác thông tin, tuyển ban Công tác về| chuyển đổi số trong nhiệm vụ
truyền về hoạt động phi chính phủ nước ngoài. các tổ chức thường xuyên về
PCPNN, VTV, tuyên truyền
VOV, TTXVN trong công tác an
ninh, chính trị,
đối ngoại.
4, Nâng | cao hiệu quả của các cơ chế phối hợp, trao đổi thông Bộ Ngoại giao các Bộ, ngành, Chương trình, kế | Thực hiện thông
tin giữa các bộ, ngành, địa phương, cơ quan đầu mối về địa phương, Uỷ. hoạch, Đề án, báo | xuyên.
công tác phi chính phủ nước ngoài nhằm chủ động nghiên ban Công tác về| cao
cứu, dự báo tình hình, xu hướng thế giới, khu vực, đánh giá các tổ chức
các yếu tố chính trị, kinh tế an ninh, nhận diện đúng đan, PCPNN
đầy đủ mặt thuận và mặt không thuận, góp phần nâng cao
hiệu quả công tác phi chính phủ nước ngoài; không gây
phương hại đến an ninh và lợi ích quốc gia - dân tộc; kịp
thời tham mưu cho Đảng, Nhà nước chỉ đạo các ban, bộ,
ngành có kế hoạch, biện pháp, phản ứng chính sách phù
hợp, kịp thời nhằm phòng ngjra, hạn chế các tác động tiêu
cực, tận dụng tối đa yếu tố thuận lợi và tranh thủ nguồn lực
viện trợ phi chính phủ nước ngoài.
II. | Đẩy mạnh cải cách, hoàn thiện, nâng cao chất lượng và hiệu quả thực thi thể chế, chính sách, quy định pháp luật
1. | Nghiên cứu, đề xuất xây dựng văn bản quy phạm pháp luật | Bộ Nội vụ, Bộ Bộ Công an, Bộ ‘| Đề xuất xây dựng Năm 2026 -
điều chỉnh tổng thể hoạt động các tổ chức phi chính phủ, Ngoại giao Tài chính, Bộ Tư | Luật
phi lợi nhuận nước ngoài và tổ chức nhân dân, các hội, pháp pháp, các Bộ,
nhân khác trong nước hoạt động tại Việt Nam. ngành liên quan
2. | Tổng kết, đánh giá thực tiễn thi hành Nghị định số Bộ Ngoại giao Bộ Tư pháp, cac_ | Nghị định được Năm 2026
58/2022/NĐ-CP ngày 31 tháng 8 năm 2002 của Chính phủ Bộ, ngành, địa bàn hành
về đăng ký và quản lý hoạt động của tổ chức phi chính phủ phương liên quan

nước ngoài tại Việt Nam, tham mưu, đề xuất Chính phủ sửa
đổi, bổ sung các quy định phù hợp với yêu cầu và thực tiễn
công tác.
1T Tên nhiệm vụ : Cơ quan chủ trì Cơ quan phối Ket qua/Danh | Thời hạn hoàn

hợp giá thành
3. | Xây dựng quy định, chế tài xử phạt phù hợp với tính chất, | Bộ Ngoại giao Thanh tra chính | Để xuất bản Năm 2026 -
nội dung vi phạm trong hoạt động của tổ chức phi chính phủ, Bộ Công an, | hành, sửa đổi, bổ
phủ nước ngoài tại Việt Nam và hoạt động hợp tác, tiếp Bộ Tư pháp, các | sung Nghị định,
nhận, quản lý sử dụng tài trợ phi chính phủ nước ngoài của Bộ, ngành liên Thông từ
‘| cơ quan đối tác Việt Nam. quản

4. | Nâng cao hiệu lực, hiệu quả, tính nghiêm minh trong tố các Bộ, ngành, các Bộ, ngành, Hội nghị phổ biến | Thực hiện thương
chức thi hành pháp luật; nâng cao ý thức chấp hành phap_| địa phương địa phương pháp luật xuyên.
luật của cá nhân, tổ chức và toàn xã hội trong các lĩnh vực
liên quan hoạt động phi chính phủ nước ngoài tại Việt Nam.

Iii. | Nâng cao chất lượng công tác quản lý nhà nước đối với hoạt động và viện trợ phi chính phủ nước ngoài theo hướng hiệu lực,
hiệu quả, hiện đại, chuyên nghiệp

1. | Xây dựng nền hành chính phục vụ và kiến tạo phát triển, các Bộ, ngành, các Bộ, ngành, Chương trình, kế | Thực hiện thưởng
lấy người dân, đối tượng thụ hưởng làm trung tâm trong địa phương địa phương hoạch, Đề án, văn | xuyên.
công tác hành chính liên quan hoạt động của tổ chức phi bàn triển khai
chính phủ nước ngoài; hiện đại hoá quản trị công, quản trị
dựa trên dữ liệu. Thực hiện chuyển mạnh từ tiền kiểm sang
hậu kiểm gắn với tăng cường kiểm tra, giám sát.
"""

# A Quyết định annex: a numbered group and its decimal rows.
DECIMAL = """Ăn Á ees >, . |. Cơ quan phối ‘ 2 Thời gian
TT Nhiệm vụ, giải pháp Cơ quan chủ trì hợp sản phẩm thực hiện
1. | Rà soát, hoàn thiện thể chế
1.1 | Nghiên cứu, rà soát, sửa đổi, bổ sung và đơn giản hóa các quy._| Bộ Tài chính Bộ Khoa học và Cơ chế, chính Nhiệm vụ
định, thủ tục hành chính liên quan đến hoạt động đầu tư, kinh Công nghệ có sách được ban thường xuyên
doanh, xuất khẩu sản phẩm, dịch vụ công nghệ số. | quan, tổ chức và. | hành
doanh nghiệp liên
quan
1.2 | Nghiên cứu, xây dựng cơ chế tài chính, tín dụng khuyến khích | Bộ Tài chính Bộ Khoa học và ___| Cơ'chế, chính Quy IV/2026
M&A doanh nghiệp công nghệ số vươn ra toàn cầu. Công nghệ có sách được ban
quan, tổ chức va__| hành
doanh nghiệp liên
quan
1.3 | Hoàn thiện, ban hành các chính sách thúc đẩy phát triển hạ Bộ Khoa học và Bộ Tài chính Co__| Cơ chế, chính Quy IV/2026
tổng số hiện đại, bao trùm để hỗ trợ doanh nghiệp công nghệ số | Công nghệ quan, tổ chức va__| sách được ban
vươn ra toàn cầu. doanh nghiệp liên | hành
quận
1.4 | Nghiên cứu xây dựng tiêu chuẩn cơ sở, tiêu.chuẩn quốc gia va__| Bộ Khoa học và’_| Cơ quan, tổ chức. | Tiêu chuẩn, quy | Quý IV/2026
quy chuẩn kỹ thuật quốc gia cho các nhóm sản phẩm công nghệ | Công nghệ và doanh nghiệp - | chuẩn được bàn
chiến lược, công nghệ lõi. liên quan hành
"""

# A Chương trình annex: row numbers read as specks, a Roman group and its sub-groups.
SPECKS = """
TT Nhiệm vụ, giải pháp Cơ quan chủ trì aie “lốp oc kết quả ao nửa aye

I Hoàn thiện thể chế
“4 Nghiên cứu, xây dựng Luật Chuyển đổi số và các Nghị Bộ Khoa học và Bộ Công an, Bộ Trình Quốc hội Tháng 12/2025

đinh, văn bản hướng dẫn thi hành, thay thế để đẩy mạnh | Công nghệ Tài chính, Bộ Nội | dự thảo Luật
chuyển đổi số. vụ và các bộ,

ngành, địa

phương khác có

liên quan

fe Nghiên cứu, xây dựng Luật Trí tuệ nhân tạo và các Nghị Bộ Khoa học và Bộ Công an, Bộ Trình Quốc hội Tháng 12/2025
định, văn bản hướng dẫn thi hành. Công nghệ Quốc phòng và dự thảo Luật
các bộ, ngành,
địa phương khác
có liên quan

a Xây dựng Luật An ninh dữ liệu. Bộ Công an Bộ Khoa học và Trình Quốc hội Tháng 12/2026
Công nghệ, Bộ dự thảo Luật
Tài chính và các
bộ, ngành, địa
phương khác có

liên quan
liên quan
Iii | Phát triển các ứng dụng, nền tảng số cho Chính phủ số
IlI.1 |Nhóm ứng dụng, nền tảng số quy mô quốc gia
IlI.1.1 | Nhóm các nền tảng số giải quyết thủ tục hành chính và
tương tác với người dân, doanh nghiệp
1 Triển khai Cổng Dịch vụ công quốc gia tại Trung tâm Dữ Bộ Công an các bộ, ngành, Hoàn thành, khai | Tháng 02/2026
liệu quốc gia đáp ứng yêu cầu là một Cổng duy nhất trên địa phương thác sử dụng
toàn quốc để thực hiện thủ tục hành chính, dịch vụ công
phục vụ người dân, doanh nghiệp.
2 Xây dựng, hoàn thiện Cổng thông tin một cửa quốc gia. Bộ Tài chính các bộ, ngành, Hoàn thành, khai | Năm 2025-2026
địa phương thác sử dụng
3 Xây dựng ứng dụng trợ lý ảo, tích hợp trên Cơ sở dữ liệu | Văn phòng chính Các bộ, ngành, Hoàn thành, khai | Năm 2025-2026

quốc gia về thủ tục hành chính, phục vụ công tác kiêm phụ
soát thủ tục hành chính tại bộ, ngành, địa phương.

"""

# A provincial Quyết định annex: lead cells whose "Sở" OCR read as "Sđ", and "Công an" / "Thành phố".
DAMAGED_SO = """NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH, PHƯỜNG, xã, ĐẶC KHU
(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19 tháng 11 năm 2025 của UBND Thành phố Hồ Chí Minh)

Cơ quan Cơ quan phối of on ye : ie ;
Từ Nhiệm vụ wots dự kiến kết quả dự kiến | Nguồn kinh phí
chủ trì họp : i
hoàn thành

1 | Hoàn thiện thể chế, ban hành quy định, hướng dẫn yêu cầu kỹ thuật để xây dựng và triển khai Hệ thống thông tin và cơ sở dữ
liệu quốc gia về quy hoạch

Phối hợp rà soát, sửa đổi Luật Quy hoạch và xây | Sđ Tài chính | các sở, ngành, Quý IV/2025 | Luật Quy hoạch, | Chi thường xuyên
đúng các văn bản quy phạm pháp luật có liên UBND xã, Quyết định của hoặc nguồn vốn
quan để tạo hành lang pháp lý cho hoạt động của phường, đặc khu cấp có thấm hợp pháp khác
Hệ thống thông tin và cơ sở dữ liệu quốc gia về quyền (nếu có)

quy hoạch.

Phối hợp xây dựng nội dung quy định việc xây Sở Tài chính Năm 2025 - Nghị định

dung, cập nhật, duy trì và khai thác, sử dụng có 2026

sở dữ liệu quốc gia về quy hoạch trong Nghị định
hướng dẫn chi tiết thi hành Luật Quy hoạch sửa

đội.
Phối hợp góp ý Thông tư quy định yêu cầu về cấu | Sở Tài chính Năm 2025 - Thông tư
tric, kỹ thuật, giải pháp công nghệ và về thu 2026

thập, xử lý, chuẩn hóa dữ liệu, cập nhật, quản lý,
vận hành, kết nối, cung cấp, chia sẻ và khai thác,
sử dụng cơ sở dữ liệu hồ sơ quy hoạch (cơ sở dữ
liệu về quy hoạch) của Hệ thống thông tin và cơ
sở dữ liệu quốc gia về quy hoạch.

Tham gia rà soát, đơn giản hóa các thủ tục hành Sở Tài chính Quy II/2027 Báo cáo
TT Nhiệm vụ as hota Ee Goan phot dự kiến kết quả dự kiến | Nguồn kinh phí
chủ trì họp ‘ :
hoàn thành
IV | Quản lý, vận hành, khai thác, chia sẻ cơ sở dữ liệu quốc gia về quy hoạch
Xây dựng và thực hiện các biện pháp bảo đảm an | Công an Quy IV/2026 | Đảm bảo an toàn,
toàn thông tin mạng, an ninh mạng đối véico'sé_ | Thành phố an ninh và quan
dữ liệu quốc gia về quy hoạch khi kết nối, chia sẻ lý, duy trì, kết
dữ liệu cho các cơ sở dữ liệu của sở, ngành, địa nối, chia sẻ, sử
phường. dụng và khai thác

Hệ thống thông
tin và cơ sở dữ
liệu quốc gia về

quy hoạch
Quản lý, vận hành Hệ thống thông tin và cơ sở dữ | Sđ Tài chính Quy IV/2026
liệu quốc gia về quy hoạch đảm bảo hoạt động
thông suốt, liên tục 24/7.
"""

# A Kế hoạch annex: rows 8 and 9 hold enough rules to read as a pipe table of their own.
LOOSE = """- Z Cơ quan chủ trì| Cơ quan phối :
TT Nội dung, nhiệm vụ thực hiện hợp Thời gian
7 | Điều chỉnh các quy trình vận hành liên hồ, đơn hồ chứa thủy điện, thủy lợi, Bộ NN&MT, Bé_ | các bộ, cơ quan Năm 2026
trong đó phải ưu tiên dành dung tích hữu {ích của hồ để cắt lũ cho hạ du. Công Thương,
các địa phương
8 | Xây dựng cơ chế huy động nguồn lực của các tổ chức, doanh nghiệp, cá nhân và | Bộ Tài chính, Bộ Tài chính, các | Giai đoạn 2026 -
khuyến khích, hỗ trợ phát triển các quy, định chế tài chính, tín dụng tham gia Ngân hàng nhà | bộ, cơ quan, địa __| 2030
hiệu quả công tác phòng, chống thiên tai. nước Việt Nam phương
9 | Lồng ghép nội dung yêu cầu phòng, chống thiên tai trong quy hoạch, đầu tư xây | Bộ Tài chính, Bộ =| các bộ, cơ quan, | Giai đoạn 2026 -
đường đô thị, khu dân cư, công trình hạ tầng. Xây dựng địa phương 2030
10 | Tăng cường bảo vệ và có biện pháp giải phóng không gian, hành lang thoát lũ Bộ NN&MT các bộ, cơ quan, | Giai đoạn 2026 -
trên các lưu vực sông, lòng sông, bảo đảm khả năng tiêu, thoát lũ. địa phương 2030
II | Phân công, phân cấp và nâng cao năng lực cho lực lượng làm công tác phòng, chống thiên tai
1 | Củng cố, kiện toàn cơ quan chỉ đạo điều hành, tham mưu về phòng thủ dân su_| Ban Chỉ đạo Ban Chỉ huy Hằng năm
các cấp, bảo đảm thống nhất, hiệu quả từ Trung ương đến cơ sở. Phòng thủ dân sự | PTDS các cấp
quốc gia
2 | Rà soát, sắp xếp, kiện toàn tổ chức bộ máy theo hướng thống nhất, tinh gọn, rõ Bộ NN&MT các bộ, cơ quan, | Năm 2026 - 2027
thẩm quyền, trách nhiệm nâng cao hiệu lực, hiệu quả quản lý nhà nước và năng địa phương
lực chỉ đạo, điều hành, điều phối liên ngành trong công tác phòng, chống thiên
tai.
"""


def _rows(text: str) -> list[list[str]]:
    (table,) = find_tables(text)
    return [[c.text for c in row] for row in table.rows]


def test_numbers_before_their_rule_groups_in_sentence_case_and_garbled_headers() -> None:
    rows = _rows(GROUPS)
    # "i Tăng cường …" opens group I; "II. | Đẩy mạnh …" and "Iii. | Nâng cao …" are groups II and
    # III; "1. | …" and "4, Nâng …" are numbered rows; "1 tiền nhiden vụ … kết qua/Danh Thời hạn
    # hoãn" is a repeated header, no row
    assert [r[0] for r in rows] == ["I", "1", "2", "3", "4", "II", "1", "2", "3", "4", "III", "1"]
    assert rows[0][1].endswith("trong tình hình mới") and rows[5][1].endswith("quy định pháp luật")
    assert rows[10][1].endswith("hiện đại, chuyên nghiệp")
    assert [r[1].split(",")[0] for r in rows if r[0] == "1"] == [
        "Tổ chức tuyên truyền",
        "Nghiên cứu",
        "Xây dựng nền hành chính phục vụ và kiến tạo phát triển",
    ]
    assert rows[1][2] == "Bộ Ngoại giao" and rows[4][2] == "Bộ Ngoại giao"


def test_decimal_rows_under_a_numbered_group() -> None:
    rows = _rows(DECIMAL)
    assert [r[0] for r in rows] == ["1", "1.1", "1.2", "1.3", "1.4"]
    assert rows[0][1] == "Rà soát, hoàn thiện thể chế" and rows[0][2] == ""
    assert all(r[2].startswith(("Bộ Tài chính", "Bộ Khoa học")) for r in rows[1:])
    # the deadline is the last column, after the product column the header names
    assert [r[-1] for r in rows[2:4]] == ["Quý IV/2026", "Quý IV/2026"]  # the "và" of the partner cell is no part of it


def test_row_numbers_read_as_specks_and_sub_groups() -> None:
    rows = _rows(SPECKS)
    tasks = [r[1] for r in rows]
    # "“4 Nghiên cứu …", "fe Nghiên cứu …", "a Xây dựng …": rows 1-3, their specks no part of the task
    assert tasks[1].startswith("Nghiên cứu, xây dựng Luật Chuyển đổi số")
    assert tasks[2].startswith("Nghiên cứu, xây dựng Luật Trí tuệ nhân tạo")
    # a short task ends its sentence before the lead cell
    assert tasks[3] == "Xây dựng Luật An ninh dữ liệu." and rows[3][2] == "Bộ Công an"
    # "IlI.1 |Nhóm …" and "IlI.1.1 | Nhóm …" are sub-groups of III, rows of their own without a lead
    subs = [r for r in rows if r[0].startswith("III.")]
    assert [(r[0], r[2]) for r in subs] == [("III.1", ""), ("III.1.1", "")]
    assert [r[0] for r in rows[-3:]] == ["1", "2", "3"]
    assert [r[2] for r in rows[-3:-1]] == ["Bộ Công an", "Bộ Tài chính"]


def test_lines_read_as_a_pipe_row_stay_in_their_flattened_table() -> None:
    tables = find_tables(LOOSE)
    assert len(tables) == 1
    rows = [[c.text for c in row] for row in tables[0].rows]
    assert [r[0] for r in rows] == ["7", "8", "9", "10", "II", "1", "2"]
    assert [r[4] for r in rows[2:4]] == ["Giai đoạn 2026 - 2030", "Giai đoạn 2026 - 2030"]


def test_a_damaged_so_and_the_police_open_lead_cells() -> None:
    rows = _rows(DAMAGED_SO)
    leads = [r[2] for r in rows if r[1] and r[0] not in ("I", "IV")]
    # "Công an" / "Thành phố": the police take their place from the line below
    assert leads == ["Sở Tài chính"] * 4 + ["Công an Thành phố", "Sở Tài chính"]


def test_pipe_tables_with_outer_pipes_are_never_loose() -> None:
    text = "| STT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Xây dựng kế hoạch | Sở Tài chính |\n"
    (table,) = find_tables(text)
    assert [c.text for c in table.rows[0]] == ["1", "Xây dựng kế hoạch", "Sở Tài chính"]


def test_two_years_of_a_wrapped_period_are_a_range() -> None:
    assert _deadline_of("các bộ Giai đoạn 2026 2030") == "Giai đoạn 2026 - 2030"
    assert _deadline_of("Năm 2026 và 2025") == "Năm 2026 và 2025"  # not in order: left alone


def test_a_header_repeated_with_misread_cells_is_no_row() -> None:
    # a scan's grid read cell by cell: the header repeated on the next page, two names misread
    text = (
        "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành |\n"
        "| 1 | Xây dựng Đề án về chỉ số đánh giá | Bộ Tư pháp | Các bộ | Đề án | Tháng 3/2026 |\n"
        "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hơp | Kết qua | Thời gian hoàn thanh |\n"
        "| 2 | Ban hành quy chế phối hợp | Bộ Nội vụ | Các bộ | Quy chế | Năm 2026 |\n"
    )
    (table,) = find_tables(text)
    assert [r[0].text for r in table.rows] == ["1", "2"]


def test_a_row_naming_one_column_is_kept() -> None:
    # a task row may hold one header word in its column ("Kết quả" as a product): not a header
    text = (
        "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Kết quả |\n"
        "| 1 | Báo cáo tổng kết | Bộ Tư pháp | Kết quả |\n"
        "| 2 | Ban hành quy chế | Bộ Nội vụ | Quy chế |\n"
    )
    (table,) = find_tables(text)
    assert [r[0].text for r in table.rows] == ["1", "2"]
