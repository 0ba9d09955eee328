"""Repair: OCR text that lost or mangled its diacritics, against a clean reference or blindly.

`damage` measures how damaged a text is; `align` pairs it with a reference; `reference` applies the
pairs (`repair_text`, `repair_document_text`); `restore` is the blind restorer (language model `lm`
+ OCR channel `channel`).
"""
