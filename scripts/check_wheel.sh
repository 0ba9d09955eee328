#!/usr/bin/env bash
# Build the wheel, install it into a fresh venv in a temp dir, and parse a fixture from another
# directory: proves the installed package (data files, console script) works without the repo.
#
#   scripts/check_wheel.sh [PYTHON]        (default: python3; CI: scripts/check_wheel.sh python3.11)
#
# Exits non-zero, naming the failed step, when any step fails.
set -euo pipefail

PYTHON="${1:-python3}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURE="$REPO/fixtures/ct33.text.pdf"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/directive-parser-wheel.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'check_wheel: FAILED: %s\n' "$*" >&2; exit 1; }

step "copying the package source to $WORK/source (the build leaves nothing in the repository)"
mkdir -p "$WORK/source"
cp -r "$REPO/pyproject.toml" "$REPO/README.md" "$REPO/LICENSE" "$REPO/MANIFEST.in" "$REPO/src" "$WORK/source/" \
  || die "copying the source"
find "$WORK/source" \( -name '__pycache__' -o -name '*.egg-info' \) -prune -exec rm -rf {} + || true

step "building the wheel into $WORK/dist"
"$PYTHON" -m pip wheel --no-deps --quiet --wheel-dir "$WORK/dist" "$WORK/source" || die "pip wheel"
WHEEL="$(ls "$WORK"/dist/directive_parser-*.whl 2>/dev/null | head -n 1)"
[ -n "$WHEEL" ] || die "no directive_parser wheel in $WORK/dist"
echo "built $(basename "$WHEEL")"

step "checking the wheel's contents"
"$PYTHON" - "$WHEEL" <<'PY' || die "wheel contents"
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
need = ["directive_parser/__init__.py", "directive_parser/py.typed", "directive_parser/data/bodies.tsv",
        "directive_parser/data/lm_trigram.npz", "directive_parser/cli/__init__.py"]
missing = [n for n in need if n not in names]
licence = [n for n in names if n.endswith("LICENSE")]
print(f"{len(names)} files; licence: {', '.join(licence) or 'none'}")
if missing or not licence:
    sys.exit(f"missing from the wheel: {missing + ([] if licence else ['LICENSE'])}")
PY

step "creating a fresh venv in $WORK/venv"
"$PYTHON" -m venv "$WORK/venv" || die "python -m venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true

step "installing $(basename "$WHEEL") (with the xlsx extra) into it"
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL[xlsx]" || die "pip install of the wheel"

step "parsing $FIXTURE from $WORK/elsewhere"
mkdir -p "$WORK/elsewhere" && cp "$FIXTURE" "$WORK/elsewhere/ct33.pdf"
cd "$WORK/elsewhere"
"$WORK/venv/bin/directive-parser" --version || die "directive-parser --version"
"$WORK/venv/bin/directive-parser" parse ct33.pdf -o ct33.json || die "directive-parser parse (exit $?)"
"$WORK/venv/bin/directive-parser" parse ct33.pdf -o ct33.xlsx || die "directive-parser parse -o .xlsx (exit $?)"
REPO_DIR="$REPO" "$WORK/venv/bin/python" - <<'PY' || die "the parse result"
import json, directive_parser
assert not directive_parser.__file__.startswith(__import__("os").environ.get("REPO_DIR", "\0")), directive_parser.__file__
data = json.load(open("ct33.json", encoding="utf-8"))
print(f"imported from {directive_parser.__file__}")
print(f"{data['number']}: {len(data['assignments'])} assignments")
assert data["number"] == "33/CT-TTg", data["number"]
assert data["assignments"], "no assignments"
PY
[ -s ct33.xlsx ] || die "ct33.xlsx is empty"

step "OK: the wheel installs and parses a fixture outside the repository"
