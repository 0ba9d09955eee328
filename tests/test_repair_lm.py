"""The 4-gram level of the syllable LM: its lookups against the stored tables, and what it decides in the restorer."""

from __future__ import annotations

import numpy as np
import pytest

from directive_parser import resources
from directive_parser.repair import restore
from directive_parser.repair.lm import load_lm
from directive_parser.repair.lm_text import lm_tokens


def _stored_fourgrams() -> tuple[np.ndarray, np.ndarray]:
    """The shipped 4-gram keys (((t*V+u)*V+v)*V+w, sorted) and their log10 probabilities, rebuilt from the runs."""
    lm = load_lm()
    arrays = resources.read_npz(resources.LM)
    v = lm.size
    ctx = np.repeat(np.arange(v, dtype=np.int64), arrays["ctx_runs"]) * v + arrays["ctx_last"]
    tri = np.repeat(ctx, arrays["tri_runs"]) * v + arrays["tri_last"]
    quad = np.repeat(tri, arrays["quad_runs"]) * v + arrays["quad_last"]
    return quad, arrays["quad_logp"].astype(np.float32)


def test_fourgram_lookup_agrees_with_the_stored_table() -> None:
    """Stored 4-grams score their stored probability; any other falls back to the trigram's exactly."""
    lm = load_lm()
    keys, logp = _stored_fourgrams()
    assert lm.has_quad and len(keys) > 100_000
    assert np.all(np.diff(keys) > 0)  # the runs per trigram row rebuild the sorted key table
    picked = keys[np.random.default_rng(5).integers(0, len(keys), 500)]
    absent = picked + 1
    absent = absent[~np.isin(absent, keys)]
    query = np.concatenate([picked, absent])
    v = lm.size
    t, u, w, x = query // v**3, query // v**2 % v, query // v % v, query % v
    p4, p3 = lm.logp4(t, u, w, x), lm.logp3(u, w, x)
    assert np.array_equal(p4[: len(picked)], logp[np.searchsorted(keys, picked)])
    assert np.array_equal(p4[len(picked) :], p3[len(picked) :])
    assert (p4[: len(picked)] > p3[: len(picked)]).all()  # only 4-grams that raise the trigram's estimate are kept


def test_fourgram_context_changes_the_estimate() -> None:
    """The word three back matters: 'toàn' after 'phải chi trả' is likelier than the trigram 'chi trả toàn' says."""
    lm = load_lm()
    ids = np.array([[lm.word_id(s)] for s in ["phải", "chi", "trả", "toàn"]], np.int64)
    assert lm.logp4(*ids)[0] > lm.logp3(*ids[1:])[0] + 0.1


@pytest.mark.parametrize(
    ("ocr", "trigram", "fourgram"),
    [
        # "chi trả" (pay) against "chỉ trả": the subject three words back decides
        ("nguoi lao dong phai chi tra toan bo", "người lao động phải chỉ trả toàn bộ", "người lao động phải chi trả toàn bộ"),
        # "các đối tượng dạng đường" (line-shaped objects), not "đang dương"
        ("cac doi tuong dang duong co do dai", "các đối tượng đang dương có độ dài", "các đối tượng dạng đường có độ dài"),
        # "khu vực đó" (that area) before "và yêu cầu"
        ("ra khoi khu vuc do va yeu cau", "ra khỏi khu vực do và yêu cầu", "ra khỏi khu vực đó và yêu cầu"),
    ],
)
def test_the_restorer_uses_the_fourgram(ocr: str, trigram: str, fourgram: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks stripped from corpus-like phrases: the trigram alone picks the wrong syllable, the 4-gram the right one
    (the LM alone: the case evidence, which also reads "dang" as no capitalised name, is off)."""
    monkeypatch.setattr(restore, "CASE_WEIGHT", 0.0)
    restore._mid_sentence_plan.cache_clear()
    try:
        assert restore.restore_diacritics(ocr).text == fourgram
        monkeypatch.setattr(load_lm(), "has_quad", False)
        assert restore.restore_diacritics(ocr).text == trigram
    finally:
        restore._mid_sentence_plan.cache_clear()


def test_words_joined_by_slashes_or_hyphens_are_lm_tokens_each() -> None:
    """The restorer gives each slashed or hyphenated word its own slot ("tấn/năm"), so the LM learns them as neighbours."""
    assert lm_tokens("Đồng/người/ngày") == ["đồng", "người", "ngày"]
    assert lm_tokens("33/CT-TTg") == ["<num>"]
    assert lm_tokens("NQ/TW") == ["<unk>"]  # a code: its pieces spell no syllable
    assert lm_tokens("đề-pô") == ["đề", "pô"]  # a loanword's syllables, also written apart ("đề pô")
    assert lm_tokens("NQ-CP") == ["<unk>"]
    lm = load_lm()
    tan, nam, ten = (np.array([lm.word_id(w)]) for w in ("tấn", "năm", "tên"))
    assert lm.bigram(tan, nam)[0] > lm.bigram(ten, nam)[0]  # "tấn/năm" is a unit
