"""Blind diacritic restoration of OCR'd Vietnamese: damaged text -> RepairResult.

Archives read by Tesseract's English model lose the Vietnamese marks and mangle some letters:
"Thu tuéng Chinh phi" for "Thủ tướng Chính phủ", "s6" for "số", "B9 Cong an" for "Bộ Công an".
The restorer is a noisy-channel decoder:

- each word token gets candidate syllables with a channel score log P(ocr | syllable)
  (see `_channel`: a token table and a character model learnt from corpus text rendered and
  OCR'd by scripts/synth_ocr_pairs.py);
- a lowercase syllable 4-gram LM of administrative Vietnamese (`repair.lm`, modified Kneser-Ney)
  scores the sequence, and a second-order Viterbi search picks the best path (the 4-gram's
  farthest context word is fixed beforehand, see `_transitions`); the lattice
  holds only each slot's real candidates (up to 16), not a padded K^3 cube, after a bigram
  pre-pass (`_prune`) has dropped the hopeless ones (a lattice about six times smaller);
- casing is copied from the OCR token ("CHI" -> "CHỈ", "Chinh" -> "Chính"), checked against
  how often the corpus capitalises the word, or the word before the next one ("Cao Bằng");
  a capital after a capitalised word continues a name ("Luật Việc làm"), and a mixed-case
  token read right keeps its casing ("IoT", "TTg", "iGate"); a capital mid-sentence is trusted
  (real scans keep "các Vụ", "Trung tâm Phục vụ"), except a capital A, often a misread "á"; a
  line in capitals stays in capitals, also where it wraps ("VUONG\nGOC") or OCR gave a word a
  small first letter ("LOI iCH"), while a part's label before its number keeps title case
  ("Chương II CÁC BIỆN PHÁP");
- a clause label "d)" read right after "d)" gets its stroke back ("đ)").

Numbers, document numbers ("33/CT-TTg"), URLs, punctuation and whitespace pass through
unchanged; only word cores are replaced, so offsets of everything else are kept.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from directive_parser.models import RepairResult, TokenChange
from directive_parser.repair.channel import Candidate, candidates_for, load_channel
from directive_parser.repair.lm import SyllableLM, load_case_tables, load_lm
from directive_parser.repair.lm_text import CHUNK_RE, LEAD_PUNCT, split_chunk
from directive_parser.text.normalize import ascii_fold

__all__ = ["restore_diacritics", "syllable_validity", "is_known_syllable"]

# A core that may be a damaged syllable: letters plus the digits and symbols Tesseract puts for
# marked vowels ("s6" số, "B9" Bộ, "1a" là, "1&" lệ, "nhi¢m" nhiệm); at most 8 characters.
OCR_WORD_RE = re.compile(r"[\w&¢€@§]+(?:[®#}{¥£$|!™]+[\w&¢€@§]*)*")
# Symbols Tesseract's English model puts for a marked vowel inside a word ("ngu#di" người,
# "nu®oc" nước, "ci}a" của, "k¥" kỹ); only after a word character, so "|" table borders
# before a word stay punctuation (split_chunk has taken those after it).
MAX_WORD_LEN = 8
LETTER_SYMBOLS = "&¢€@§"  # …of which these stand for letters even with no letter beside them ("¢6" có)
# Kept verbatim: URLs, e-mails, document numbers with "/" or "-" ("57-NQ/TW"), dotted numbers.
PASSTHROUGH_RE = re.compile(r"https?:|www\.|@.*\.|[/\\:.,\-–]|^\d+$|^[IVXLC]+$")
IDENTITY_PENALTY = -4.5  # log10 channel score for keeping an unknown token as a foreign word (tuned on synthetic dev)
# …milder for a capitals token that no syllable is spelled like: an abbreviation ("TOD", "KTTH"), since
# OCR damages the marked vowels of headings ("PHU" PHỤ) far more often than it invents consonants.
IDENTITY_PENALTY_CAPS = -2.0
# …and harsher for a token that no foreign word or code is spelled like, a Vietnamese mark or OCR symbol
# on a word that is no syllable ("chiéc", "truoéc") or a digit between small letters ("d6ng" đồng)
IDENTITY_PENALTY_DAMAGED = -6.0
DIGIT_INSIDE_RE = re.compile(r"[a-z][0-9]+[a-z]")
# A capital P that OCR made of Đ ("Panh" Đánh, "Pờ an" Đề án): candidates read with d, at this log10 cost.
P_FOR_D_PENALTY = -1.5
CHANNEL_WEIGHT = 1.3  # relative weight of channel vs LM log probabilities (synthetic dev+dev_scan: best 1.2-1.3)
D_STROKE = str.maketrans("dD", "đĐ")
# Capitals that stand for another capital letter: "P" for "Đ" ("Pờ an" Đề án), "$" read as "S"
OTHER_LETTER_CAPS = "P"
AMBIGUOUS_CAPS = "CKOSUVWXZP"  # capitals OCR confuses with their small letter
# …and, mid-sentence only, a capital A that OCR made of a small á ("du An" for "dự án")
MID_SENTENCE_CAPS = AMBIGUOUS_CAPS + "A"
SENTENCE_END = ".:;!?)-–"  # after these (and at a line start) a capital is expected
CAP_RATE_KEEP = 0.06  # a capital A mid-sentence is kept unless the corpus capitalises the word less often…
# …and the other ambiguous capitals unless less often than this: real English-model scans keep a
# capital C, P or V far more often than they invent one ("các Vụ", "Trung tâm Phục vụ", "Cách mạng"). A rate of
# 0.02 gains 5 words in 15,600 on synthetic pages (a sans K for k) but loses 5 in 25,000 on the dev documents'
# scans ("Cấp tỉnh | Cấp xã", "(Sao gửi", "[3] Cụ thể"): kept at 0.
CAP_RATE_KEEP_SHAPE = 0.0
# A word the corpus capitalises this often mid-sentence (Việt, Phước, Phùng, Sài, Úc; not phú, "phong phú") is
# capitalised when OCR read its first letter small and that letter has a capital of its shape ("của viét Nam").
CAP_RATE_SURE = 0.99
SMALL_LOOKALIKES = frozenset(AMBIGUOUS_CAPS.lower())
# The case of a token mid-sentence is evidence on its reading (`_case_evidence`): weight of log10 P(case | word),
# never below CASE_FLOOR; a word the corpus saw too rarely mid-sentence for a rate gets CASE_UNKNOWN_RATE.
CASE_WEIGHT = 0.5
CASE_FLOOR = 0.01
CASE_UNKNOWN_RATE = 0.5
CASE_BLIND_LETTERS = frozenset("ckosuvwxzpil")  # capitals OCR confuses with small letters, and I/l
# A capital A after a capitalised word continues a name ("Long An", "Nghệ An") unless the corpus almost never
# capitalises the word: then it is OCR's reading of a small á ("Toa An nhan dan" Tòa án nhân dân, "Dự An").
CAP_RATE_A_AFTER_TITLE = 0.02
# Capital I and small l OCR made of a roman numeral's I ("Phụ lục số Il", "Ill. TỔ CHỨC"): read as II, III.
ROMAN_MISREAD_RE = re.compile(r"I[Il]{1,3}")
# …also before a section's decimal sub-number ("IlI.1 | Nhóm nền tảng", "IlI.1.1"): III.1, III.1.1.
# "AI" with its capital I read as a small l ("ứng dụng Al, phát triển", "trí tuệ nhân tạo (Al)",
# "IoT, Al, Blockchain"; four dev documents): no syllable is spelled "al", and the corpus writes AI
# 96 times to Al 5 (aluminium). Not other capitals: "El Niño", "Ml", "Cl" are written so.
AI_AS_AL = "Al"
ROMAN_MISREAD_NUMBERED_RE = re.compile(r"(I[Il]{1,3})((?:\.\d{1,2})+\.?)")
ABBREV_PART_RE = re.compile(r"(?<![^\W\d_])[A-Z]*D[A-Z]*(?![^\W\d_])")
# A line whose words are in capitals this often (at least CAPS_LINE_MIN_WORDS of them) is a heading:
# its words that OCR gave a small letter after the capital ("Muc", "CHi") are capitals too.
CAPS_LINE_SHARE = 0.75
CAPS_LINE_MIN_WORDS = 3
VOWELS_RE = re.compile("[AEIOUYaeiouy]")
# A word in capitals read without marks ("SUA", "LEN") stands for any syllable of that skeleton at least at
# this log10 channel score: marks over capitals are what Tesseract's English model loses first (SỬA, LÊN).
CAPS_SKELETON_SCORE = -0.3
ROMAN_RE = re.compile(r"[IVXLC]+")
LABEL_MAX_WORDS = 3  # a part's label before its number: "Chương II", "Tiểu mục 9" (the number at most third)
ROMAN_WORD_PENALTY = -1.0  # log10 cost of reading a roman numeral spelled like a syllable as that syllable ("VI" vị)
BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
# Enumeration labels are kept verbatim: clause letters "a)", "đ)", "(b)" and roman items "(i)",
# "(ii)", "(iv)"; otherwise the lone letter reads as a syllable ("d)" -> "ở)", "(i)" -> "(ị)").
LABEL_RE = re.compile(r"^(?:\(?[a-zđA-ZĐ]\)|\((?:[ivx]+|[IVX]+)\)|(?:[ivx]+|[IVX]+)\))[.,;:]?$")
# …but a roman item without its opening bracket labels only at a line's start: after a word it is a
# syllable before a closing bracket ("cơ quan, đơn vị) và mọi người", "(… tổ chức, đơn vị)"), four dev documents
BARE_ROMAN_LABEL_RE = re.compile(r"^[ivxIVX]+\)")
# A capital left alone when OCR drops the marked vowel: "B Nội vụ" for "Bộ Nội vụ". Extra
# candidates (syllable, log10 channel score) for that exact capital; the LM weighs them against
# the letter itself ("Phụ lục B", "điểm b").
LONE_CAPITALS = {"B": (("bộ", -0.5),)}
# Short digit strings Tesseract makes of whole words ("6" có/ở, "14" là). They stay numbers unless
# the LM prefers a word the channel table has seen read so, at this extra log10 cost ("lập 6 vị trí" ở; -0.5 before:
# real eng-OCR dev sets lost a word each; 0.0 also reads more real numbers as words: strip_dev +3 errors).
DIGIT_WORD_MAX_LEN = 2
DIGIT_WORD_PENALTY = -0.25
# Before the trigram search, a candidate is dropped when even its best bigram neighbours on both
# sides leave it this many log10 units behind its slot's best ("cac" keeps các, drops cạc): the
# trigram lattice shrinks several times while the best path stays (real_a: same output).
PRUNE_BEAM = 5.0
PRUNE_WINDOW = 4096  # slots pruned at once (bounded memory)
VITERBI_WINDOW = 512  # slots whose transitions are computed at once: long documents stay in cache and memory
# Two syllables OCR ran together ("phuve" phủ về, "Chinhphu" Chính phủ) are split when this long.
MERGED_MIN_LEN = 4
MERGED_MAX_LEN = 12
MERGED_MAX_WHOLE = -3.0  # …and the whole token has no reading with a log10 channel score this good
MERGED_TOP = 8  # candidates per half tried…
MERGED_MIN_BIGRAM = -2.5  # …and the best log10 P(right | left) + channel scores must beat this
# A speck OCR read as a full stop or comma glued before a word ("co .lién quan", "cac .Quy dinh"); a dotted
# code or domain keeps it (".vn", ".NET": another dot or a capital after the first letter)
SPECK_RE = re.compile(r"[.,'`](?=[^\W\d_][^\W\dA-Z_]*$)")
# Words OCR glued with stray punctuation ("va-cdp", "két.qua") are restored piece by piece,
# unless the chunk looks like a code, abbreviation or domain ("NQ-CP", "COVID-19", "chinhphu.vn").
GLUE_PIECE_RE = re.compile(r"[\w&¢€@§]+(?:[®#}{¥£$|!™]+[\w&¢€@§]+)*")
GLUE_SEP_RE = re.compile(r"[-.,;:'’‘_~]")
GLUE_BLOCK_RE = re.compile(r"[/\\@]|https?:|www\.|\.(?:vn|com|net|org|gov|edu|int)\b", re.IGNORECASE)
# Words joined by a slash are restored piece by piece when every piece is a lowercase word of two
# letters or more ("déng/nguodi/ngay" đồng/người/ngày, "tinh/thanh"); codes keep the slash whole
# ("33/CT-TTg", "NQ/TW", "b/c" for báo cáo).
SLASH_PIECE = r"(?=[\w&¢€@§]{2})[\w&¢€@§]*[^\W\d_][\w&¢€@§]*"  # two characters or more, one a letter ("B6")
SLASH_WORDS_RE = re.compile(f"{SLASH_PIECE}(?:/{SLASH_PIECE})+")
# A unit symbol written in mixed case between slashed words ("d6ng/kW/thang" đồng/kW/tháng, "déng/kWh",
# "giá/MWh", "đồng/kVA"): kept as it is and skipped by the LM, while the words beside it are restored.
UNIT_PIECE_RE = re.compile(r"[kMGT](?:Wh?|VAr?|Hz|J)")
# Tesseract's English model reads a capital S as a dollar sign ("$6:" Số, "$é Tai chinh" Sở Tài chính);
# a dollar before an amount ("$25") stays, as does one alone.
DOLLAR_S_RE = re.compile(r"\$(?:\d|(?=\S*[^\W\d_])[\w&¢€@§]{1,7})")
# Not part of the word before it: the closing "./." of a document ("thực hiện./.", also after a stray
# comma OCR read from a speck: "Quyết định nay,./.") and footnote marks ("doanh nghiệp[5];", whose "]"
# split_chunk already took).
CLOSING_RE = re.compile(r"^(.*?[^\W_])(?:[,;]?\.?/\.?|\[\d{1,3}\]?)+$")
# A word glued by a stray mark to the number after it ("tại Diéu.14", "Diéu-7 và", "Nghị định s6-105/2021/NĐ-CP",
# "s6'72/2013") or before it ("khoản 1-Diéu này"): the word is restored, the number kept. Not a code in
# capitals ("COVID-19", "ISO-9001"), whose letters stay as they are.
WORD_NUMBER_RE = re.compile(r"([^\W\d_][\w&¢€@§]{1,7}?)[-.'’,]+(?=\d)")
VOWELLESS_RE = re.compile(r"[^\W\daeiouyAEIOUY_]+")  # …nor an abbreviation with no vowel ("tr.15" trang 15)
CAPS_GLUED_MIN_LEN = 3  # …but a word in capitals spelled like a syllable is one ("DIEU'2" ĐIỀU 2, not "HA-2")
NUMBER_WORD_RE = re.compile(r"\d[\d.,]*[-.'’,]+([^\W\d_][\w&¢€@§]{1,7})")
# The horn of ư or ơ read as an apostrophe after its u or o ("thu'c hiện" thực, "phu‘ong" phương, "lu'u" lưu):
# one word when the letters without the mark read as a syllable; otherwise two words ("co'so" cơ sở, "sau'khi").
HORN_MARK_RE = re.compile(r"([^\W\d_]*[uoUO])['’‘`]([^\W\d_]+)")
HORNED = frozenset("ưừứửữựơờớởỡợ")
HORN_BONUS = 1.0  # log10 channel bonus of a reading with ư/ơ where the mark was
HORN_MIN_CHANNEL = -2.5  # …which must reach this log10 channel score before the bonus
# A number with a capital O for its zero ("tháng O1 năm", "ngày O1/O1/2018", "O03/2017/NĐ-CP"): zeros.
NUMBER_O_RE = re.compile(r"(?=[\dO/.\-]*\d)[\dO]+(?:[/.\-][\dO]+)*")
# "01" read as a capital O and a letter like a 1 ("nộp OL bộ", "Ol bản chính", "tháng OI năm"): the number
# is one more reading, at this log10 cost, for the LM to weigh. Not "OF", though OCR makes it of "01" too:
# the LM puts a number in "MINISTRY OF FINANCE".
ZERO_ONE_RE = re.compile(r"O[lLI]")
ZERO_ONE_PENALTY = -1.5
# A closing bracket with no space after it glues a clause label or a word to the next word ("d)Diéu 17",
# "b)T6 chic tham dinh", "anh vién tham)Diéu 8."): both sides are restored, the bracket kept; a letter or
# roman item before it is a label (`LABEL_RE`), so "d)" after "d)" still reads "đ)".
PAREN_GLUED_RE = re.compile(r"([^\W\d_]{1,7})\)([^\W\d_][\w&¢€@§]{0,7})")
LABEL_PART_RE = re.compile(r"[a-zđA-ZĐ]|[ivx]+|[IVX]+")
# A table cell's underline or a form's blank line read as underscores glued to the word's end
# ("Bộ Khoa học va__| Bộ", "Bo Nong nghiép_ | Kết nối", "cac__| Sở"): no part of the word, dropped.
UNDERLINE_RE = re.compile(r"^(.*?[^\W\d_])_+$")


@dataclass(slots=True)
class _Slot:
    """One LM position: the candidates for a token (or a fixed token) and where it sits."""

    ids: np.ndarray
    channel: np.ndarray
    words: list[str | None]  # None = keep the original core
    start: int = -1
    end: int = -1
    core: str = ""
    sep: str = ""  # put before the output: " " for the second half of a split token ("phuve")
    label: bool = False  # an enumeration label such as "d)"


def _case_like(word: str, model: str, prev: str, nxt: str, follow: str = "", above: str = "", misread: bool = False) -> str:
    """Copy the casing of an OCR token onto a lowercase syllable: ('chỉ', 'CHI', …) -> 'CHỈ'.

    Tesseract confuses letters whose capital has the same shape ("Kiem" for "kiểm", "BO" for
    "Bộ", "Ié" for "lệ"), so such a capital is trusted only at a sentence start, next to other
    capitals, or for words the corpus often capitalises ("Bộ", "Chính"), or often capitalises
    before the restored next word `follow` ("Cao Bằng", though "cao" alone rarely is). `above` is
    the last chunk of the line before when the token starts its line: a heading wrapped in capitals
    ("VUONG\nGOC") goes on in capitals. `misread`: the first capital is OCR's reading of a symbol ("$6"),
    as telling of the case as a capital A.
    """
    letters = [c for c in model if c.isalpha()]
    if not letters:  # "6", "&" read for "ở": in capitals between words in capitals ("NHÀ Ở CHO")
        return word.upper() if _is_caps_word(prev) and _is_caps_word(nxt) else word
    all_caps = len(letters) > 1 and all(c.isupper() for c in letters)
    if word == model.lower() and not all_caps and any(c.isupper() for c in model[1:]):
        return model  # a mixed-case name read right keeps its casing: "IoT", "TTg", "VietGaP"
    if all_caps and (
        word == model.lower()
        or not all(c in AMBIGUOUS_CAPS or c.lower() not in ascii_fold(word) for c in letters[1:])  # "SG" is Sở
        or _is_caps_word(prev)
        or _is_caps_word(nxt)
        or (not prev and _firm_caps_word(above))
    ):  # an abbreviation read right stays: "TK", "BCC"
        return word.upper()
    if not letters[0].isupper():
        return word
    upper = sum(c.isupper() for c in letters)
    if upper > 1 and upper > len(letters) - upper and (_firm_caps_word(prev) or _firm_caps_word(nxt)):
        return word.upper()  # "CHi" in a heading: the small letter was a marked capital (CHỈ)
    first = model[0]
    # "Ié" is "lệ": capital I for small l; so is any capital the syllable does not start with
    # ("Juat" luật, "Hiéu" liệu, "Wong" trong): a misread small letter, no sign of a name
    lower_l = (first == "I" and word.startswith("l")) or (
        first not in OTHER_LETTER_CAPS and first.isalpha() and ascii_fold(first.lower()) != ascii_fold(word[:1])
    )
    if (lower_l or first in MID_SENTENCE_CAPS) and prev and prev[-1] not in SENTENCE_END and not _row_number(prev):
        caps = load_case_tables()[1]
        keep = CAP_RATE_KEEP if first == "A" or misread else CAP_RATE_KEEP_SHAPE
        rate = caps.get(f"{word} {follow}", caps.get(word, 1.0))
        after_title = _title_word(prev) and not (first == "A" and rate < CAP_RATE_A_AFTER_TITLE)
        if lower_l or (rate < keep and not after_title and not _name_next(nxt)):
            return word
    return word[:1].upper() + word[1:]


def _is_title(core: str) -> bool:
    """Tell whether a core is a capital and small letters only: 'Chuong' -> True, 'CHi' -> False."""
    return core[:1].isupper() and core[1:].islower()


def _numbered(core: str) -> bool:
    """Tell whether a core is the number of a part, chapter or section ("II", "1", "IV"): a heading labels
    its part in title case before it ("Chương II", "Mục 1", "Phần IV") and sets its title in capitals."""
    return core.isdigit() or ROMAN_RE.fullmatch(core) is not None


def _labels_number(text: str, end: int) -> bool:
    """Tell whether the word ending at `end` starts the label of a numbered part: the line goes on with
    small words, at most two, then the number ("Chuong II CAC BIEN PHAP", "Tiéu muc 9 MA SO, TIEU CHUAN"
    Tiểu mục 9): the label keeps title case while the title after it is in capitals."""
    stop = text.find("\n", end)
    for chunk in text[end : stop if stop >= 0 else len(text)].split()[:LABEL_MAX_WORDS]:
        core = split_chunk(chunk)[1]
        if _numbered(core):
            return True
        if not core.islower():
            return False
    return False


def _caps_after(text: str, end: int) -> bool:
    """Tell whether a word in capitals follows on the line after `end`. A capitalised word with none after
    it ends a heading line with a name in title case, as a signature has it: "PHO CHU NHIEM D6 Ngoc"
    (PHÓ CHỦ NHIỆM Đỗ Ngọc), while "Muc" in "Muc TIEU CHUNG CUA DE AN" is a marked capital OCR read small."""
    stop = text.find("\n", end)
    return any(_is_caps(split_chunk(c)[1]) for c in text[end : stop if stop >= 0 else len(text)].split())


def _name_next(chunk: str) -> bool:
    """Tell whether the next chunk is a capitalised word, its second character small or a digit OCR put
    for a marked vowel ("An D6" Ấn Độ, "Phuc Vu"): the capital before it starts a name."""
    core = split_chunk(chunk)[1]
    return core[:1].isupper() and (core[1:2].islower() or core[1:2].isdigit())


def _row_number(chunk: str) -> bool:
    """Tell whether a chunk is a bare number, as a table's row number or a list's item ("7 Các Bộ có…",
    "2 Có 786 TTHC"): a capital after it starts the cell, as after a sentence end."""
    return chunk.isdigit()


def _firm_caps_word(token: str) -> bool:
    """Tell whether a chunk is a word in capitals that stays so (`_is_caps_word`, with a letter after the
    first that has no small look-alike): "THI" in "CHi THI", but not "BO" in "BO NOi vu" (Bộ Nội vụ)."""
    return _is_caps_word(token) and not all(c in AMBIGUOUS_CAPS for c in split_chunk(token)[1][1:])


def _title_word(chunk: str) -> bool:
    """Tell whether a chunk is a capitalised word, not in capitals: after it a capital starts or continues
    a name ("Luat Viéc lam" Luật Việc làm, "Khu Kinh tế", "Xuân Phúc"), whatever the corpus rate of the word."""
    core = split_chunk(chunk)[1]
    return core[:1].isupper() and core[1:2].islower()


def _label_like(core: str, last: str) -> tuple[str, str]:
    """Restore the stroke of a clause label read after the label 'd': ('d', 'd') -> ('đ', 'đ')."""
    if core.lower() == "d" and last == "d":
        return core.translate(D_STROKE), "đ"
    return core, core.lower()


def _is_caps(token: str) -> bool:
    """Tell whether a chunk is written in capitals (two letters or more): 'CHỈ' -> True."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _is_caps_word(token: str) -> bool:
    """Tell whether a chunk is a word in capitals, as heading lines have them ('CHỈ', 'THI'), and not a
    code ('NN-PTNT', 'UBND'): "BO NN-PTNT" is "Bộ NN-PTNT", its O a marked small letter, not a capital."""
    core = split_chunk(token)[1]
    return _is_caps(core) and core.isalpha() and ascii_fold(core.lower()) in load_channel().by_skeleton


def _fix_abbrevs(core: str) -> str:
    """Put the Đ back into capital abbreviations: 'ND-CP' -> 'NĐ-CP', 'HDND' -> 'HĐND'."""
    abbrevs = load_case_tables()[0]
    return ABBREV_PART_RE.sub(lambda m: abbrevs.get(m.group(), m.group()), core)


def _slot_for(core: str, start: int, lm: SyllableLM, label: bool = False) -> _Slot:
    """Candidates for one chunk core: str -> _Slot (fixed slot for numbers, codes and labels)."""
    low = core.lower()
    fixed_id = lm.word_id(low) if label else None
    if (
        label
        or PASSTHROUGH_RE.search(core)
        or len(core) > MAX_WORD_LEN
        or not OCR_WORD_RE.fullmatch(core)
        or not _letter_like(core)
    ):
        fixed_id = lm.num if any(c.isdigit() for c in core) else lm.word_id(low)
    elif ROMAN_MISREAD_RE.fullmatch(core):  # "Il" is the numeral II (`_restored`), no syllable "ìl"
        fixed_id = lm.word_id("i" * len(core))
    elif core == AI_AS_AL and low not in load_channel().by_skeleton:  # "Al" -> AI (`_restored`)
        fixed_id = lm.unk
    if fixed_id == lm.num and core.isdigit() and len(core) <= DIGIT_WORD_MAX_LEN and core in load_channel().table:
        return _digit_slot(core, start, lm)
    if not label and len(core) > 1 and ROMAN_RE.fullmatch(core) and low in load_channel().by_skeleton:
        return _roman_slot(core, start, lm)
    if core in LETTER_SYMBOLS and core in load_channel().table:  # "sản & một số": ở, or an ampersand
        return _digit_slot(core, start, lm, lm.unk)
    if fixed_id is not None:
        return _Slot(np.array([fixed_id]), np.zeros(1, np.float32), [None], start, start + len(core), core, label=label)
    cands: tuple[Candidate, ...] = candidates_for(low)
    words: list[str | None] = [c.word for c in cands]
    ids = [c.word_id for c in cands]
    chan = [c.channel for c in cands]
    if _is_caps(core):  # the English model drops the marks of capitals: "GIAM THUE" is as likely GIẢM THUẾ
        skeleton = ascii_fold(low)
        chan = [max(c.channel, CAPS_SKELETON_SCORE) if ascii_fold(c.word) == skeleton else c.channel for c in cands]
    extra = list(LONE_CAPITALS.get(core, ()))
    if ZERO_ONE_RE.fullmatch(core):
        extra.append(("01", ZERO_ONE_PENALTY))
    if core[0] == "P" and len(core) > 1 and core[1] != "h" and core[1:].islower():
        extra += [(c.word, c.channel + P_FOR_D_PENALTY) for c in candidates_for("d" + low[1:]) if c.word[0] == "đ"]
    for word, score in extra:
        if word not in words:
            words.append(word)
            ids.append(lm.num if word.isdigit() else lm.word_id(word))
            chan.append(score)
    if not words or low not in load_channel().inventory:  # may be a foreign word or abbreviation: "ISO", "date"
        words.append(None)
        ids.append(lm.unk)
        caps_code = len(core) > 2 and _is_caps(core) and ascii_fold(low) not in load_channel().by_skeleton
        damaged = words and (not low.isascii() or DIGIT_INSIDE_RE.search(low) is not None)
        chan.append(IDENTITY_PENALTY_CAPS if caps_code else IDENTITY_PENALTY_DAMAGED if damaged else IDENTITY_PENALTY)
    return _Slot(np.array(ids, np.int64), np.array(chan, np.float32) * CHANNEL_WEIGHT, words, start, start + len(core), core)


def _letter_like(core: str) -> bool:
    """Tell whether a core may be a word: it has a letter, or is a symbol OCR writes for one plus more ('¢6' có)."""
    return any(c.isalpha() for c in core) or (len(core) > 1 and any(c in LETTER_SYMBOLS for c in core))


def _digit_slot(core: str, start: int, lm: SyllableLM, keep_id: int = -1) -> _Slot:
    """A short number (or lone symbol, kept as `keep_id`) that may be a misread word: '6' -> {<num>, có, ở, …}
    with the word penalised."""
    cands = [c for c in candidates_for(core) if c.word in load_channel().table[core]]
    ids = [lm.num if keep_id < 0 else keep_id] + [c.word_id for c in cands]
    chan = [0.0] + [(c.channel + DIGIT_WORD_PENALTY) * CHANNEL_WEIGHT for c in cands]
    return _Slot(
        np.array(ids, np.int64), np.array(chan, np.float32), [None] + [c.word for c in cands], start, start + len(core), core
    )


def _roman_slot(core: str, start: int, lm: SyllableLM) -> _Slot:
    """A roman numeral spelled like a syllable ("VI", "XI"): the numeral, kept verbatim, or the syllable
    in capitals at ROMAN_WORD_PENALTY, for the LM to weigh ("Chương VI" against "ĐƠN VỊ")."""
    cands = [c for c in candidates_for(core.lower()) if ascii_fold(c.word) == core.lower()]
    ids = [lm.word_id(core.lower())] + [c.word_id for c in cands]
    chan = [0.0] + [(c.channel + ROMAN_WORD_PENALTY) * CHANNEL_WEIGHT for c in cands]
    return _Slot(
        np.array(ids, np.int64), np.array(chan, np.float32), [None] + [c.word for c in cands], start, start + len(core), core
    )


def _glued_pieces(core: str) -> list[re.Match[str]] | None:
    """Pieces of a chunk core OCR glued with punctuation: 'va-cdp' -> [va, cdp]; None to keep it whole."""
    if SLASH_WORDS_RE.fullmatch(core):
        words = [p for p in core.split("/") if not UNIT_PIECE_RE.fullmatch(p)]
        if words and len(words) < core.count("/") + 1 and all(p[1:].islower() for p in words):
            # "d6ng/kW/thang": a unit among small words, no slot of its own, so the LM reads "đồng tháng"
            return [p for p in GLUE_PIECE_RE.finditer(core) if not UNIT_PIECE_RE.fullmatch(p.group())]
        if not any(c.isupper() for c in core[1:]) or _slashed_words(core.split("/")):
            return list(GLUE_PIECE_RE.finditer(core))
    if not GLUE_SEP_RE.search(core) or GLUE_BLOCK_RE.search(core):
        return None
    pieces = list(GLUE_PIECE_RE.finditer(core))
    # capitals are an abbreviation ("NQ-CP", "TT-BTC") unless every piece is shaped like a syllable ("GIAM.THUE")
    if (
        len(pieces) < 2
        or any(p.group().isdigit() for p in pieces)
        or (any(_is_caps(p.group()) for p in pieces) and not all(_spelled_like_syllable(p.group()) for p in pieces))
    ):
        return None
    return pieces


def _spelled_like_syllable(word: str) -> bool:
    """Tell whether a word's letters without marks spell some syllable: 'HIEU' -> True, 'NQ' -> False."""
    return ascii_fold(word).lower() in load_channel().by_skeleton


def _slashed_words(pieces: list[str]) -> bool:
    """Tell whether slash-joined pieces with capitals are words, not a code: a unit after a code
    ("USD/chiéc" USD/chiếc, "VND/thang") or a heading's words in capitals ("DAI DIEN/DON VI"), while
    "NQ/TW" and "BCH/TW" stay whole. Each piece is capitalised or in capitals; some piece is small, or
    every piece in capitals is spelled like a syllable."""
    caps = [_is_caps(p) for p in pieces]
    if not all(c or not any(ch.isupper() for ch in p[1:]) for p, c in zip(pieces, caps)):
        return False
    return not all(caps) or all(ascii_fold(p.lower()) in load_channel().by_skeleton for p in pieces)


@functools.cache
def _merged_split(core: str) -> int | None:
    """Where to split two syllables OCR ran together ('phuve' -> 3, 'Chinhphu' -> 5), or None.

    Only for letter tokens with no reading of their own (no observed pair, no syllable skeleton);
    both halves must read as syllables that the LM often sees together ("chính phủ"), so
    foreign words ("report", "data") stay whole.
    """
    low = core.lower()
    channel = load_channel()
    if (
        not (MERGED_MIN_LEN <= len(low) <= MERGED_MAX_LEN)
        or not core.isalpha()
        or _is_caps(core)
        or not core[1:].islower()
        or low in channel.table
        or any(c.channel >= MERGED_MAX_WHOLE and not (c.by_context or c.shifted) for c in candidates_for(low))
    ):
        return None
    lm = load_lm()
    best, where = MERGED_MIN_BIGRAM, None
    for i in range(1, len(low)):
        if not channel.variants(low[:i]) or not channel.variants(low[i:]):  # cheap test first
            continue
        lc, rc = candidates_for(low[:i])[:MERGED_TOP], candidates_for(low[i:])[:MERGED_TOP]
        if not lc or not rc:
            continue
        v = np.array([c.word_id for c in lc for _ in rc], np.int64)
        w = np.array([c.word_id for _ in lc for c in rc], np.int64)
        chan = np.array([a.channel + b.channel for a in lc for b in rc], np.float32)
        score = float((lm.pair_tables(v, w)[0] + chan).max())
        if score > best:
            best, where = score, i
    return where


def _core_slots(core: str, start: int, lm: SyllableLM, label: bool) -> list[_Slot]:
    """LM slots for one chunk core: one slot, one per glued piece, or two for a merged token."""
    closing = None if label else CLOSING_RE.match(core)
    if closing:  # "hién./." -> "hién"
        core = closing.group(1)
    underline = None if label else UNDERLINE_RE.match(core)
    if underline and "_" not in underline.group(1):  # "va__" -> "và": the slot spans the underscores
        slots = _core_slots(underline.group(1), start, lm, label)
        slots[-1].end = start + len(core)
        return slots
    speck = None if label else SPECK_RE.match(core)
    if speck:  # "có .lién quan": a speck read as a full stop before the word, which is restored after it
        return _core_slots(core[speck.end() :], start + speck.end(), lm, label)
    if DOLLAR_S_RE.fullmatch(core):  # "$6: 223/CD-TTg" Số, "Giao $6 Tai chinh" Sở: a capital S read "$"
        core = "S" + core[1:]
    paren = None if label else PAREN_GLUED_RE.fullmatch(core)
    if paren:  # "d)Diéu" -> label "d", "Diéu" restored
        head, tail = paren.group(1), paren.group(2)
        first = [_slot_for(head, start, lm, True)] if LABEL_PART_RE.fullmatch(head) else _core_slots(head, start, lm, False)
        return [*first, *_core_slots(tail, start + paren.start(2), lm, False)]
    horn = None if label else _horn_slot(core, start, lm)
    if horn is not None:
        return [horn]
    glued = None if label else _word_and_number(core)
    if glued is not None:
        return glued(start, lm)
    pieces = None if label else _glued_pieces(core)
    if pieces is not None:
        return [_slot_for(p.group(), start + p.start(), lm) for p in pieces]
    cut = None if label else _merged_split(core)
    if cut is None:
        return [_slot_for(core, start, lm, label)]
    second = _slot_for(core[cut:], start + cut, lm)
    second.sep = " "
    return [_slot_for(core[:cut], start, lm), second]


def _horn_slot(core: str, start: int, lm: SyllableLM) -> _Slot | None:
    """One slot for a word whose ư or ơ OCR wrote with an apostrophe ("thu'c" thực), its readings with the
    horned vowel there raised by HORN_BONUS; None unless such a reading exists (`HORN_MARK_RE`)."""
    m = HORN_MARK_RE.fullmatch(core)
    if m is None:
        return None
    joined, at = m.group(1) + m.group(2), len(m.group(1)) - 1
    low = joined.lower()
    horned = {
        c.word for c in candidates_for(low) if len(c.word) == len(low) and c.word[at] in HORNED and c.channel >= HORN_MIN_CHANNEL
    }
    if not horned:
        return None
    slot = _slot_for(joined, start, lm)
    bonus = np.array([HORN_BONUS * CHANNEL_WEIGHT if w in horned else 0.0 for w in slot.words], np.float32)
    return _Slot(slot.ids, slot.channel + bonus, slot.words, start, start + len(core), joined)


def _word_and_number(core: str) -> functools.partial[list[_Slot]] | None:
    """Slots for a word glued to a number ('Diéu.14' -> [Diéu, 14]), made by the returned call on
    (start, lm); None unless the core is such a pair (`WORD_NUMBER_RE`, `NUMBER_WORD_RE`)."""
    m = WORD_NUMBER_RE.match(core)
    word = m.group(1) if m else ""
    small = not _is_caps(word) and any(c.islower() for c in word)
    caps_word = len(word) >= CAPS_GLUED_MIN_LEN and word.isalpha() and _spelled_like_syllable(word)  # "DIEU'2" ĐIỀU 2
    if m and not VOWELLESS_RE.fullmatch(word) and (small or caps_word):
        return functools.partial(_pair_slots, core, m.end(1), m.end(), True)
    m = NUMBER_WORD_RE.fullmatch(core)
    if m and not _is_caps(m.group(1)) and m.group(1)[1:].islower():
        return functools.partial(_pair_slots, core, m.start(1), m.start(1), False)
    return None


def _pair_slots(core: str, cut: int, rest: int, word_first: bool, start: int, lm: SyllableLM) -> list[_Slot]:
    """A word slot and a kept number slot for core split at cut (the number from rest)."""
    if word_first:
        return [*_core_slots(core[:cut], start, lm, False), _slot_for(core[rest:], start + rest, lm)]
    return [_slot_for(core[:cut], start, lm), *_core_slots(core[rest:], start + rest, lm, False)]


@functools.lru_cache(maxsize=1 << 15)
def _chunk_plan(chunk: str, label: bool) -> tuple[_Slot, ...]:
    """The slots of a whitespace chunk placed at offset 0, computed once per distinct chunk: a
    document repeats most of its words, and candidate generation is the costly part of a slot."""
    lead, core, _ = split_chunk(chunk)
    if not core:
        return ()
    slots = _core_slots(core, len(lead), load_lm(), label)
    return tuple(slots)


def _slots(text: str) -> list[_Slot]:
    """Tokenise text into LM slots with a sentence start at the top and after blank lines."""
    lm = load_lm()
    bos = _Slot(np.array([lm.bos]), np.zeros(1, np.float32), [None])
    out = [bos, bos]
    last = 0
    for m in CHUNK_RE.finditer(text):
        at = m.start()
        if text.count("\n", last, at) > 1 and BLANK_LINE_RE.search(text, last, at):
            out.extend((bos, bos))
        last_end, last = last, m.end()
        chunk = m.group()
        label = LABEL_RE.match(chunk) is not None and (
            not BARE_ROMAN_LABEL_RE.match(chunk) or at == 0 or "\n" in text[last_end:at]
        )
        mid = last_end > 0 and text[last_end - 1] not in SENTENCE_END and "\n" not in text[last_end:at]
        out.extend(
            _Slot(t.ids, t.channel, t.words, t.start + at, t.end + at, t.core, t.sep, t.label)
            for t in (_mid_sentence_plan if mid else _chunk_plan)(chunk, label)
        )
    return out


@functools.lru_cache(maxsize=1 << 15)
def _mid_sentence_plan(chunk: str, label: bool) -> tuple[_Slot, ...]:
    """The slots of a chunk after a word of the same sentence (`_chunk_plan`), its first slot's case read as
    evidence on its readings (`_case_evidence`)."""
    slots = _chunk_plan(chunk, label)
    if not slots or len(slots[0].words) < 2:
        return slots
    t = slots[0]
    first = _Slot(t.ids, t.channel + _case_evidence(t.core, t.words), t.words, t.start, t.end, t.core, t.sep, t.label)
    return (first, *slots[1:])


def _case_evidence(core: str, words: list[str | None]) -> np.ndarray | float:
    """log10 P(the token's case | reading) for a token mid-sentence, from how often the corpus capitalises each
    reading there: "Nguyén" is Nguyễn (a name, capitalised 99%) more than nguyên, "nguyen" the reverse;
    "Tan Dang" Tấn Dũng. Only for a title-case or lowercase token whose first letter has no look-alike of the
    other case ("Kiem", "Ié" for lệ tell nothing) and for readings with that first letter; 0 for the others."""
    first = core[:1]
    if not first.isalpha() or not (core.islower() or _is_title(core)) or ascii_fold(first.lower()) in CASE_BLIND_LETTERS:
        return 0.0
    caps = load_case_tables()[1]
    title = first.isupper()
    out = np.zeros(len(words), np.float32)
    for i, w in enumerate(words):
        if w is None or ascii_fold(w[:1]) != ascii_fold(first.lower()):
            continue
        rate = caps.get(w, CASE_UNKNOWN_RATE)
        out[i] = CASE_WEIGHT * np.log10(max(rate if title else 1.0 - rate, CASE_FLOOR))
    return out


def _prune(slots: list[_Slot]) -> list[_Slot]:
    """Drop candidates hopeless under a bigram view of their neighbours: slots -> slots with fewer candidates."""
    return _prune_and_rank(slots)[0]


def _prune_and_rank(slots: list[_Slot]) -> tuple[list[_Slot], np.ndarray]:
    """Drop candidates hopeless under a bigram view of their neighbours: slots -> (slots with fewer
    candidates, the id of each slot's best candidate in that view).

    A candidate's local score is its channel score plus the best (neighbour channel + bigram)
    on its left and on its right; candidates more than PRUNE_BEAM below the best of their slot
    go. All adjacent pairs are scored at once, so this costs a fraction of the trigram lattice
    it shrinks (whose size is the product of three neighbouring candidate counts). The best ids
    are the far context word of the 4-gram (`_transitions`).
    """
    lm = load_lm()
    out = list(slots)
    n = len(slots)
    best_ids = np.array([sl.ids[0] for sl in slots], np.int64)
    for s in range(1, n - 1, PRUNE_WINDOW):
        part = slots[s - 1 : min(n, s + PRUNE_WINDOW + 1)]
        sizes = np.array([len(sl.ids) for sl in part], np.int64)
        if sizes[1:-1].max() <= 1:
            continue
        starts = np.concatenate(([0], np.cumsum(sizes)))
        flat = np.concatenate([sl.ids for sl in part])
        chan = np.concatenate([sl.channel for sl in part])
        pblock, pd, _ = _ragged(sizes, 2)
        left = starts[pblock] + pd[0]
        right = starts[pblock + 1] + pd[1]
        p2 = lm.bigram(flat[left], flat[right])
        p2[flat[right] == lm.bos] = 0.0  # as in `_transitions`: a sentence start costs nothing
        inc = np.full(len(flat), -np.inf, np.float32)
        np.maximum.at(inc, right, chan[left] + p2)
        outg = np.full(len(flat), -np.inf, np.float32)
        np.maximum.at(outg, left, p2 + chan[right])
        local = chan + inc + outg
        best = np.maximum.reduceat(local, starts[:-1])
        top = np.minimum.reduceat(np.where(local >= np.repeat(best, sizes), np.arange(len(flat)), len(flat)), starts[:-1])
        best_ids[s : s + len(part) - 2] = flat[top[1:-1]]
        keep = local >= np.repeat(best, sizes) - PRUNE_BEAM
        kept = np.flatnonzero(keep)
        slot_of = np.repeat(np.arange(len(part)), sizes)[kept]
        new_starts = np.concatenate(([0], np.cumsum(np.bincount(slot_of, minlength=len(part))))).tolist()
        local_idx = (kept - starts[slot_of]).tolist()
        ids, chans = flat[kept], chan[kept]
        for k in np.flatnonzero(np.diff(new_starts) < sizes).tolist():
            if not 0 < k < len(part) - 1:  # the two ends are context here: pruned in their own window
                continue
            a, b, sl = new_starts[k], new_starts[k + 1], part[k]
            words = sl.words
            out[s - 1 + k] = _Slot(
                ids[a:b], chans[a:b], [words[i] for i in local_idx[a:b]], sl.start, sl.end, sl.core, sl.sep, sl.label
            )
    return out, best_ids


def _ragged(sizes: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Enumerate the candidate combinations of `width` adjacent slots: sizes (n,) -> (block, digits, offsets).

    Block t holds sizes[t] * … * sizes[t + width - 1] combinations in row-major order; returns, for
    each combination, its block number and its candidate index in each of the `width` slots
    (shape (width, total)), and the start offset of every block (n - width + 2 entries).
    """
    m = len(sizes) - width + 1
    counts = np.ones(m, np.int64)
    for d in range(width):
        counts *= sizes[d : d + m]
    offsets = np.concatenate(([0], np.cumsum(counts)))
    block = np.repeat(np.arange(m, dtype=np.int32), counts)
    local = np.arange(offsets[-1], dtype=np.int32) - offsets[block].astype(np.int32)  # int32: twice as fast
    digits = np.empty((width, len(local)), np.int32)
    for d in range(width - 1, -1, -1):
        local, digits[d] = np.divmod(local, sizes[d : d + m].astype(np.int32)[block])
    return block, digits, offsets


def _transitions(slots: list[_Slot], hist: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Trigram log10 scores of every candidate triple of adjacent slots, plus the channel score of
    the triple's last candidate, flattened: slots -> (scores, offsets).

    Triple block t covers slots t, t+1, t+2 (row-major over their candidates). Only the real
    candidates are enumerated, not a padded K^3 cube, since most slots have few. Bigram
    probabilities and context backoffs depend on two slots only, so they are looked up per
    adjacent pair; only triples whose two-word context is stored go to the trigram table.

    With `hist` (per block t, a best guess of the id before slot t) the scores are 4-gram ones,
    P(c | hist a b): the word three back is fixed beforehand rather than taken from the lattice,
    which keeps the search second-order ("định kỳ | hằng năm" against "hàng năm").
    """
    lm = load_lm()
    sizes = np.array([len(sl.ids) for sl in slots], np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    flat = np.concatenate([sl.ids for sl in slots])
    chan = np.concatenate([sl.channel for sl in slots])
    pblock, pd, poff = _ragged(sizes, 2)
    p2, bow, hitc, crow = lm.pair_tables(flat[starts[pblock] + pd[0]], flat[starts[pblock + 1] + pd[1]])
    tblock, td, toff = _ragged(sizes, 3)
    first = poff[tblock] + td[0] * sizes[tblock + 1] + td[1]  # pair (t, t+1) of the triple
    second = poff[tblock + 1] + td[1] * sizes[tblock + 2] + td[2]  # pair (t+1, t+2)
    scores = bow[first] + p2[second]
    ask = np.nonzero(hitc[first])[0]
    p3, hit3 = lm.trigram(crow[first[ask]], flat[starts[tblock[ask] + 2] + td[2][ask]])
    scores[ask[hit3]] = p3[hit3]
    if hist is not None and lm.has_quad:
        a_ids, b_ids = flat[starts[pblock] + pd[0]], flat[starts[pblock + 1] + pd[1]]
        xpos, xhit = lm.ctx_keys.find(hist[pblock] * lm.size + a_ids)  # context (hist, a) of the trigram (hist a b)
        quad = np.flatnonzero(xhit)
        trow, thit = lm.trigram_rows(xpos[quad], b_ids[quad])
        ctx4 = np.full(len(pblock), -1, np.int64)
        ctx4[quad[thit]] = trow[thit]
        ask4 = np.flatnonzero(ctx4[first] >= 0)
        c_ids = flat[starts[tblock[ask4] + 2] + td[2][ask4]]
        scores[ask4] = lm.quadgram(ctx4[first[ask4]], np.ones(len(ask4), bool), c_ids, scores[ask4])
    # the LM has no end-of-paragraph event: stepping into a sentence start costs nothing
    third = starts[tblock + 2] + td[2]
    scores[flat[third] == lm.bos] = 0.0
    return (scores + chan[third]).astype(np.float32), toff


def _viterbi(slots: list[_Slot], hist: np.ndarray | None = None) -> tuple[list[int], list[float]]:
    """Second-order Viterbi over the slots: slots -> (chosen index per slot, confidence per slot);
    with `hist` (a best guess of the id before each slot) scored by the 4-gram (`_transitions`)."""
    n = len(slots)
    sizes = [len(sl.ids) for sl in slots]
    score = slots[0].channel[:, None] + slots[1].channel[None, :]
    backs: list[np.ndarray | None] = [None] * n  # None: slot i - 2 has one candidate
    best = [np.zeros(sizes[0], np.float32), np.zeros(sizes[1], np.float32)]
    offsets: list[int] = []
    for i in range(2, n):
        if (i - 2) % VITERBI_WINDOW == 0:  # transitions of the next window of slots (bounded memory)
            window = slice(i - 2, i + VITERBI_WINDOW)
            scores, offs = _transitions(slots[window], None if hist is None else hist[window])
            offsets, first = offs.tolist(), i - 2
        t = i - 2 - first
        a, b, c = sizes[i - 2], sizes[i - 1], sizes[i]
        if a == 1:  # a third of the slots (numbers, certain words): nothing to maximise over
            score = score.reshape(b, 1) + scores[offsets[t] : offsets[t + 1]].reshape(b, c)
        else:
            total = score[:, :, None] + scores[offsets[t] : offsets[t + 1]].reshape(a, b, c)
            backs[i] = total.argmax(axis=0)
            score = total.max(axis=0)
        best.append(score.max(axis=0) if b > 1 else score[0])
    path = [0] * n
    last2, last1 = np.unravel_index(int(score.argmax()), score.shape)
    path[n - 2], path[n - 1] = int(last2), int(last1)
    for i in range(n - 1, 1, -1):
        back = backs[i]
        path[i - 2] = 0 if back is None else int(back[path[i - 1], path[i]])
    return path, _confidences(best)


def _confidences(best: list[np.ndarray]) -> list[float]:
    """Share of the best path score each slot's winner holds among its candidates: per-slot scores -> floats."""
    starts = np.concatenate(([0], np.cumsum([len(b) for b in best])[:-1]))
    flat = np.concatenate(best).astype(np.float64)
    p = np.power(10.0, flat - np.repeat(np.maximum.reduceat(flat, starts), [len(b) for b in best]))
    return (np.maximum.reduceat(p, starts) / np.add.reduceat(p, starts)).tolist()


def restore_diacritics(text: str) -> RepairResult:
    """Restore Vietnamese marks in OCR text without a reference: str -> RepairResult.

    Args:
        text: OCR output, e.g. from Tesseract's English model.

    Returns:
        The repaired text (whitespace, punctuation and numbers untouched) and one
        `TokenChange` per replaced word, with `method="blind"`.

    >>> str(restore_diacritics("Thu tuéng Chinh phi"))
    'Thủ tướng Chính phủ'
    """
    slots, best_ids = _prune_and_rank(_slots(text))
    lm = load_lm()
    # the 4-gram's far context word: the previous slot's best candidate in the pruning's bigram view
    # (as good as a first Viterbi pass on dev_scan, 0.9604 both, at half the cost)
    path, conf = _viterbi(slots, np.concatenate(([lm.bos], best_ids[:-1])) if lm.has_quad else None)
    pieces, changes, pos = [], [], 0
    words = [sl for sl in slots if sl.start >= 0]
    chosen = {id(sl): sl.words[k] for sl, k in zip(slots, path)}
    confs = {id(sl): cf for sl, cf in zip(slots, conf)}
    last_label = ""
    for j, slot in enumerate(words):
        if slot.label:  # "d)" right after "d)" is "đ)", whose stroke OCR dropped: a) b) c) d) đ) e)
            new, last_label = _label_like(slot.core, last_label)
        else:
            new = slot.sep + _restored(text, words, j, chosen)
        original = text[slot.start : slot.end]  # the core, unless read otherwise ("$6" as "S6")
        if new == original:
            continue
        pieces += [text[pos : slot.start], new]
        pos = slot.end
        cf = confs[id(slot)] if chosen[id(slot)] is not None else 1.0
        changes.append(
            TokenChange(
                start=slot.start,
                end=slot.end,
                original=original,
                replacement=new,
                confidence=round(min(max(cf, 0.0), 1.0), 4),
                method="blind",
            )
        )
    pieces.append(text[pos:])
    return RepairResult(text="".join(pieces), changes=changes, method="blind")


def _restored(text: str, words: list[_Slot], j: int, chosen: dict[int, str | None]) -> str:
    """Output for word slot j: its chosen syllable cased like the OCR token, or the token itself."""
    slot = words[j]
    word = chosen[id(slot)]
    misread = text[slot.start] != slot.core[0]  # "$6" read as "S6" (`DOLLAR_S_RE`)
    if word is None:
        if ROMAN_MISREAD_RE.fullmatch(slot.core):  # "Phụ lục số Il" -> II
            return "I" * len(slot.core)
        if slot.core == AI_AS_AL and slot.core.lower() not in load_channel().by_skeleton:
            return "AI"
        numbered = ROMAN_MISREAD_NUMBERED_RE.fullmatch(slot.core)
        if numbered:  # "IlI.1" -> III.1
            return "I" * len(numbered.group(1)) + numbered.group(2)
        if misread:
            return text[slot.start : slot.end]
        if "O" in slot.core and NUMBER_O_RE.fullmatch(slot.core):  # "O1/O1/2018" -> 01/01/2018
            return slot.core.replace("O", "0")
        return _fix_abbrevs(slot.core) if "D" in slot.core else slot.core
    if slot.core[:1].islower():  # most words: a small first letter keeps the syllable lowercase (`_case_like`)
        if not slot.core.islower() and _caps_line(text, slot.start):
            return word.upper()  # "LỢI iCH LIÊN QUAN": the small i was a marked capital (ÍCH)
        if slot.core.islower() and slot.core[0] in SMALL_LOOKALIKES and load_case_tables()[1].get(word, 0.0) >= CAP_RATE_SURE:
            return word[:1].upper() + word[1:]  # "của viét Nam" Việt: a capital V read small, the word always capitalised
        return slot.core if word == slot.core.lower() and not slot.core.islower() else word  # "iGate" read right
    before = text[max(0, slot.start - 40) : slot.start]
    own_lead = len(before) - len(before.rstrip(LEAD_PUNCT))  # the word's own "(" is no previous word: "(Kem theo"
    if own_lead and (own_lead == len(before) or before[-own_lead - 1].isspace()):
        before = before[:-own_lead]
    prev_chunk = before.split()
    prev = prev_chunk[-1] if prev_chunk and "\n" not in before[before.rfind(prev_chunk[-1]) :] else ""
    above = prev_chunk[-1] if prev_chunk and not prev else ""
    nxt = words[j + 1].core if j + 1 < len(words) else ""
    follow = chosen[id(words[j + 1])] if j + 1 < len(words) else None
    if (
        slot.core[:1].isupper()
        and _caps_line(text, slot.start)
        and not (_is_title(slot.core) and _labels_number(text, slot.end))
        and (_is_caps(slot.core) or _caps_after(text, slot.end))
    ):
        return word.upper()  # "Muc" in "MUC TIEU CHUNG": MỤC; but "Chuong II CAC BIEN PHAP" keeps "Chương II"
    return _case_like(word, slot.core, prev, nxt, follow or "", above, misread)


@functools.lru_cache(maxsize=4096)
def _caps_line_of(line: str) -> bool:
    """Tell whether an OCR line is a heading in capitals: most of its words (roman numerals aside) are."""
    if sum(map(str.isupper, line)) < 2 * CAPS_LINE_MIN_WORDS:  # body text: too few capitals for three such words
        return False
    words = [core for core in (split_chunk(c)[1] for c in line.split()) if sum(ch.isalpha() for ch in core) > 1]
    words = [w for w in words if not ROMAN_RE.fullmatch(w)]
    # abbreviations are no heading words: a syllable has a vowel, "VT", "ĐTKT", "HĐND" have none, so the
    # closing "Luu: VT, DTKT, NN" (Lưu: VT, ĐTKT, NN) is no line in capitals
    words = [w for w in words if not (_is_caps(w) and not VOWELS_RE.search(ascii_fold(w)))]
    caps = sum(_is_caps(w) for w in words)
    return caps >= CAPS_LINE_MIN_WORDS and caps >= CAPS_LINE_SHARE * len(words)


def _caps_line(text: str, pos: int) -> bool:
    """Tell whether the line holding offset pos is a heading in capitals ("QUYET DINH", "MUC TIEU CHUNG")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return _caps_line_of(text[start : end if end >= 0 else len(text)])


def is_known_syllable(tok: str) -> bool:
    """Tell whether a token is in the restorer's inventory: a syllable the corpus attests and
    `text.syllable.is_syllable` accepts: 'Chính' -> True, 's6' -> False (a dictionary look-up, not a
    second spelling test)."""
    return tok.lower() in load_channel().inventory


def syllable_validity(text: str) -> float:
    """Share of word tokens that are valid Vietnamese syllables: str -> float in [0, 1].

    >>> syllable_validity("Thủ tướng Chính phủ")
    1.0
    """
    words = [
        core
        for core in (split_chunk(c)[1] for c in CHUNK_RE.findall(text))
        if core and any(ch.isalpha() for ch in core) and not PASSTHROUGH_RE.search(core)
    ]
    if not words:
        return 1.0
    inventory = load_channel().inventory
    return sum(w.lower() in inventory for w in words) / len(words)
