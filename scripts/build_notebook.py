"""Build notebooks/walkthrough.ipynb, without outputs: .venv/bin/python scripts/build_notebook.py [OUT]"""

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = []
md = lambda s, **kw: cells.append(new_markdown_cell(s.strip(), **kw))


def code(s, *tags):
    c = new_code_cell(s.strip())
    if tags:
        c.metadata["tags"] = list(tags)
    cells.append(c)


md("""
# `directive_parser` walkthrough

This notebook turns a Vietnamese government directive (*Chỉ thị*) into task-assignment records —
who must do what (*nhiệm vụ*), who leads (*chủ trì*), who helps (*phối hợp*), and by when (*thời hạn*).

It uses the documents bundled in `fixtures/` (see `fixtures/README.md`):

1. a text PDF of Directive 33/CT-TTg — header and clause tree;
2. its assignments as a pandas DataFrame;
3. the same directive as an image-only scan, read with Tesseract `vie`;
4. an old OCR of it made with the *English* model, which lost the diacritics (*dấu*), and how to repair it;
5. a chart of the deadlines in a news report of a *Thông báo kết luận*.

Run it from the `notebooks/` folder (Jupyter does that by default); paths are resolved from the working folder.
""")

code(
    """
import sys
from pathlib import Path

import io

import matplotlib
matplotlib.use("Agg")  # non-interactive backend: no GUI; figures are shown as PNG images below
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, display

from directive_parser import parse_directive, repair_text, restore_diacritics, to_dataframe

HERE = Path().resolve()                  # the notebook's folder, notebooks/
FIXTURES = (HERE / ".." / "fixtures").resolve()
assert (FIXTURES / "ct33.text.pdf").exists(), f"run the notebook from notebooks/ (looked in {FIXTURES})"

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 200)
print("kernel python:", sys.executable)
print("kernel prefix:", sys.prefix)
""",
    "setup",
)

md("""
## 1. A text PDF: header and clause tree

`parse_directive` takes a path to a PDF (with or without a text layer) or a `.txt` file and returns a
`Directive`. The header fields come from the top of the first page:

| field | Vietnamese | example |
|---|---|---|
| `number` | *Số, ký hiệu* | `33/CT-TTg` |
| `issued` | *ngày ban hành* (after *Hà Nội, ngày … tháng … năm …*) | 2025-11-06 |
| `doc_type` | *loại văn bản* | *Chỉ thị* |
| `title` | *trích yếu* — the "Về …" line | |
| `signer` | *người ký* | |
""")

code(
    """
doc = parse_directive(FIXTURES / "ct33.text.pdf")

print("number:  ", doc.number)
print("issued:  ", doc.issued)
print("doc_type:", doc.doc_type)
print("title:   ", doc.title)
print("signer:  ", doc.signer, f"({doc.signer_title})")
print("pages:   ", len(doc.pages), "read as", sorted({m.value for m in doc.source.pages}))
print(f"assignments: {len(doc.assignments)} in {doc.number}")
""",
    "header",
)

md("""
The body is a tree of clauses (*điều khoản*): sections `1.`, `2.` (or `I.`, `Điều 1.`), points
`a)` … `đ)` (Vietnamese alphabetical order: *a, b, c, d, đ, e*), items `-`/`+` and sub-items `(i)`.
Text before the first section is the `preamble`, text after the last one is `closing`.
Each `Clause` has a dotted `path` (`2.c.-1`), its `label` and its own `text`; `Clause.walk()` yields a
clause and all its descendants, so the depth can be read from the path.
""")

code(
    """
def short(text, width=70):
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

for top in doc.clauses:
    for clause in top.walk():
        depth = 0 if clause.path in ("preamble", "closing") else clause.path.count(".")
        label = clause.label or f"[{clause.path}]"
        print(f"{'    ' * depth}{label} {short(clause.text)}")
""",
    "outline",
)

md("""
## 2. Assignments as a DataFrame

Each `Assignment` names the clause it comes from, the lead bodies (*cơ quan chủ trì*) and
coordinating bodies (*cơ quan phối hợp*), the task, a deadline (`text` as written, `due` as a date
when it resolves to one), a recurrence (*hằng ngày, định kỳ, thường xuyên*), a product
(*sản phẩm*: Nghị định, Kế hoạch, báo cáo…) and who it is submitted to (*trình/báo cáo ai*).
`completeness` is the "6 rõ" checklist (*rõ người, rõ việc, rõ thời gian, rõ trách nhiệm,
rõ sản phẩm, rõ thẩm quyền*): which of the six the text states.
""")

code(
    """
# Directive.assignments_frame(): one row per task, the CSV's columns; `issued`/`due` are datetimes.
df = doc.assignments_frame()
print(f"{len(df)} assignments, {df['due'].notna().sum()} with a due date")
df[["clause", "lead", "coordinating", "task", "deadline_text", "due", "recurrence", "product", "submit_to",
    "completeness"]]
""",
    "assignments",
)

md("""
## 3. The same directive as a scan

`ct33.scan.pdf` has no text layer: every page is an image. With `ocr="auto"` (the default)
`parse_directive` OCRs each page that lacks a usable text layer with Tesseract's Vietnamese
model (`vie`) at 300 dpi — up to about 10 s a page. `doc.source.pages` says how each page was read.
Clause labels damaged by OCR (`d)` for `đ)`) are repaired because labels must continue their
sequence, so the assignments should match the text PDF's.
""")

code(
    """
import time

t0 = time.perf_counter()
scan = parse_directive(FIXTURES / "ct33.scan.pdf")
print(f"OCR + parse: {time.perf_counter() - t0:.0f} s")
print("pages read as:", [m.value for m in scan.source.pages])
print("number:", scan.number, "| issued:", scan.issued, "| assignments:", len(scan.assignments))

def keys(directive):
    return [(a.clause, tuple(b.name for b in a.lead)) for a in directive.assignments]

same = keys(scan) == keys(doc)
print("same clause paths and leads as the text PDF:", same)

comparison = pd.DataFrame({
    "clause (text PDF)": [a.clause for a in doc.assignments],
    "clause (scan)": pd.Series([a.clause for a in scan.assignments]),
    "leads match": pd.Series([s == t for s, t in zip(keys(scan), keys(doc))]),
    "deadline (text PDF)": [a.deadline.text if a.deadline else None for a in doc.assignments],
    "deadline (scan)": pd.Series([a.deadline.text if a.deadline else None for a in scan.assignments]),
})
comparison
""",
    "scan",
)

md("""
## 4. Damaged OCR text: repairing lost diacritics

`ct33.eng-ocr.txt` is Directive 33 OCR'd long ago with Tesseract's **English** model: the
diacritics are gone or turned into look-alikes (*Thủ tướng Chính phủ* → "Thu tuéng Chinh phi",
*Bộ Công an* → "B9 Cong an"). Without repair, the clause and body patterns would not match.
""")

code(
    """
raw = (FIXTURES / "ct33.eng-ocr.txt").read_text(encoding="utf-8")
clean = (FIXTURES / "ct33.clean.txt").read_text(encoding="utf-8")
print("\\n".join(raw.splitlines()[:12]))
""",
    "raw",
)

md("""
**Blind repair** — `restore_diacritics(text)` needs nothing but the text: a syllable trigram
language model learnt from Vietnamese legal text, plus a model of the English-OCR confusions,
picks the most likely accented syllable for each token.
""")

code(
    """
blind = restore_diacritics(raw)
print(f"method={blind.method}, changed tokens={len(blind.changes)}")
print("\\n".join(str(blind).splitlines()[:12]))
""",
    "blind",
)

md("""
**Repair against a reference** — when a clean text of (part of) the same document exists,
`repair_text(text, reference=clean)` aligns the OCR tokens to it and copies its wording; passages
the reference does not cover (here the header block, which `ct33.clean.txt` lacks) fall back to
blind repair (`method="mixed"`). Every change is recorded with its offsets and confidence, for review.
""")

code(
    """
result = repair_text(raw, reference=clean)
print(f"method={result.method}, reference coverage={result.reference_coverage:.1%}, changes={len(result.changes)}")
pd.DataFrame([c.model_dump() for c in result.changes[:10]])
""",
    "reference",
)

md("""
`parse_directive` does all this itself: it measures the damage (share of tokens that are not
valid Vietnamese syllables), repairs blindly or against `reference=`, and records what it did in
`doc.source.repair`. Repair is good but not perfect: a few damaged words can still change
who a clause is addressed to, so the cell lists the clauses whose leads differ from the text PDF.
Check those by hand (or use the text PDF / a fresh `vie` OCR when you have one).
""")

code(
    """
damaged = parse_directive(FIXTURES / "ct33.eng-ocr.txt")
print("repair:", damaged.source.repair)
print("number:", damaged.number, "| assignments:", len(damaged.assignments))

def differences(directive):
    # clause paths whose assignment (path + lead names) differs from the text PDF's
    theirs, ours = keys(directive), keys(doc)
    return sorted({c for c, _ in set(theirs) ^ set(ours)})

print("clauses whose leads differ from the text PDF:", differences(damaged))

with_ref = parse_directive(FIXTURES / "ct33.eng-ocr.txt", reference=FIXTURES / "ct33.clean.txt")
print()
print("with reference:", with_ref.source.repair)
print("assignments:", len(with_ref.assignments))
print("clauses whose leads differ from the text PDF:", differences(with_ref))
""",
    "parse-damaged",
)

md("""
## 5. Deadlines at a glance

`news004.tb.txt` is a news report of a *Thông báo kết luận* (conclusion notice) that lists dozens of
tasks with deadlines in running prose (*hoàn thành trong Quý I/2026*, *trước ngày 15/01/2026*…).
Each deadline resolves to its last day (`due`): a quarter to its last day, a month to its last day.
Below: how many tasks fall due each month, and which bodies lead the most tasks.
""")

code(
    """
news = parse_directive(FIXTURES / "news004.tb.txt")
news_df = news.assignments_frame()
print(f"news report of {news.issued}: {len(news_df)} assignments, {news_df['due'].notna().sum()} with a due date")

due = pd.to_datetime(news_df["due"].dropna())
by_month = due.dt.to_period("M").value_counts().sort_index()
by_month = by_month.reindex(pd.period_range(by_month.index.min(), by_month.index.max(), freq="M"), fill_value=0)
leads = pd.Series([b.name for a in news.assignments for b in a.lead])
by_lead = leads.value_counts().head(10).sort_values()

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.5), gridspec_kw={"width_ratios": [1, 1.6]})
ax1.bar(by_month.index.astype(str), by_month.values, color="tab:blue")
ax1.set_title("Tasks by due month")
ax1.set_ylabel("tasks")
ax1.tick_params(axis="x", rotation=45)
ax2.barh([short(name, 45) for name in by_lead.index], by_lead.values, color="tab:orange")
ax2.set_title("Tasks by lead body (top 10)")
ax2.set_xlabel("tasks")
fig.tight_layout()
png = io.BytesIO()
fig.savefig(png, format="png", dpi=100)
plt.close(fig)
display(Image(png.getvalue()))
""",
    "chart",
)

md("""
Several directives at once: `to_dataframe(docs)` stacks their frames (`document_number` tells them
apart), ready for `groupby`.
""")

code(
    """
both = to_dataframe([doc, news])
both.groupby("document_number").agg(tasks=("task", "size"), with_due_date=("due", "count"))
""",
    "to-dataframe",
)

md("""
## Next steps

- `doc.model_dump(mode="json")` serialises everything; `directive-parser parse FILE -o tasks.xlsx` (or `.csv`,
  `.json`, `.jsonl`) writes the same records a monitoring office tracks, and `directive_parser.write_table(docs,
  "tasks.xlsx")` does it from Python.
- `directive-parser batch archive/ --out out/ --db tracker.sqlite` parses a folder into an SQLite tracker,
  and `directive-parser tracker tracker.sqlite --overdue --as-of 2026-01-31` lists overdue tasks.
""")

nb = new_notebook(
    cells=cells,
    metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python"},
    },
)
nbformat.validate(nb)
out = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb")
nbformat.write(nb, out)
print("wrote", out, len(cells), "cells")
