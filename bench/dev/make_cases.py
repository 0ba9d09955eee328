"""Write one scorecard manifest per input route for the dev set.

For every document with both ``bench/dev/docs/<id>.txt`` and ``bench/dev/gold/<id>.json`` this
writes into the out folder (default <repo>/out/dev-routes/, where render_routes.py puts the
renderings):

  cases.txt.json          the clean .txt documents themselves
  cases.text.pdf.json     <out>/<id>/<id>.text.pdf
  cases.scan.pdf.json     <out>/<id>/<id>.scan.pdf
  cases.docx.json         <out>/<id>/<id>.docx
  cases.eng-ocr.txt.json  <out>/<id>/<id>.eng-ocr.txt

in the shape of shared/tools/cases.json: {"extract": [{"name", "gold", "doc", "issued", "target"}]}
with absolute paths, "issued" from the gold file's meta.issued and target 0.9. Renderings that do
not exist yet are left out (and counted on the terminal). Then, from the repo root:

    .venv/bin/python bench/dev/make_cases.py
    .venv/bin/python ../shared/tools/scorecard.py --cases out/dev-routes/cases.txt.json
    .venv/bin/python bench/dev/make_cases.py --out /tmp/routes --docs /tmp/docs --gold /tmp/gold
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DOCS = REPO / "bench" / "dev" / "docs"
DEFAULT_GOLD = REPO / "bench" / "dev" / "gold"
DEFAULT_OUT = REPO / "out" / "dev-routes"
ROUTES = ("txt", "text.pdf", "scan.pdf", "docx", "eng-ocr.txt")


def doc_path(route: str, doc_id: str, docs: Path, out: Path) -> Path:
    if route == "txt":
        return docs / f"{doc_id}.txt"
    return out / doc_id / f"{doc_id}.{route}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"renderings and manifests (default {DEFAULT_OUT})")
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help=f"folder of <id>.txt (default {DEFAULT_DOCS})")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"folder of <id>.json (default {DEFAULT_GOLD})")
    ap.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, from {','.join(ROUTES)}")
    ap.add_argument("--target", type=float, default=0.9, help="full_f1 target written into each case (default 0.9)")
    a = ap.parse_args(argv)
    routes = [r.strip() for r in a.routes.split(",") if r.strip()]
    bad = [r for r in routes if r not in ROUTES]
    if bad:
        ap.error(f"unknown route(s) {', '.join(bad)}; choose from {', '.join(ROUTES)}")
    docs, gold_dir, out = a.docs.resolve(), a.gold.resolve(), a.out.resolve()
    ids = sorted(p.stem for p in gold_dir.glob("*.json") if (docs / f"{p.stem}.txt").exists())
    no_gold = sorted(p.stem for p in docs.glob("*.txt") if not (gold_dir / f"{p.stem}.json").exists())
    issued: dict[str, str | None] = {}
    for i in list(ids):
        try:
            issued[i] = (json.loads((gold_dir / f"{i}.json").read_text(encoding="utf-8")).get("meta") or {}).get("issued")
        except (OSError, ValueError) as e:
            print(f"skipping {i}: gold file unreadable ({e})", file=sys.stderr)
            ids.remove(i)
    out.mkdir(parents=True, exist_ok=True)
    for route in routes:
        cases, missing = [], []
        for i in ids:
            doc = doc_path(route, i, docs, out)
            if not doc.exists():
                missing.append(i)
                continue
            case = {"name": f"{i}.{route}", "gold": str(gold_dir / f"{i}.json"), "doc": str(doc)}
            if issued.get(i):
                case["issued"] = issued[i]
            case["target"] = a.target
            cases.append(case)
        path = out / f"cases.{route}.json"
        path.write_text(json.dumps({"extract": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        note = (
            f" ({len(missing)} not rendered yet: {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''})" if missing else ""
        )
        print(f"{path}: {len(cases)} cases{note}")
    if no_gold:
        print(f"{len(no_gold)} documents without gold yet: {', '.join(no_gold[:10])}{' …' if len(no_gold) > 10 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
