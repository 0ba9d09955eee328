"""The package's data files (``data/``), each read through one loader here.

Readers are lazy: nothing is opened at import. Small text tables are cached once read; the
modules that parse a file into its working form (the gazetteer, the language model, the OCR
channel) cache that form themselves, so each file is read once per process.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from typing import Any

BODIES = "bodies.tsv"  # the gazetteer of public bodies (scripts/build_gazetteer.py)
LM = "lm_trigram.npz"  # syllable trigram LM (scripts/build_lm.py)
CASE = "lm_case.tsv.gz"  # abbreviation spellings and capitalisation rates (scripts/build_lm.py)
CHANNEL_TOKENS = "channel_tokens.tsv.gz"  # OCR token confusions (scripts/build_channel.py)
CHANNEL_CHARS = "channel_chars.json"  # OCR character confusions (scripts/build_channel.py)


def data_file(name: str) -> Traversable:
    """The shipped data file `name` (not opened)."""
    return files("directive_parser") / "data" / name


@functools.cache
def read_text(name: str) -> str:
    """The whole text of a small UTF-8 data file, read once."""
    return data_file(name).read_text(encoding="utf-8")


def legacy_table(encoding: str) -> str:
    """The byte table of a legacy Vietnamese encoding: ``data/legacy_tcvn3.tsv`` or ``legacy_vni.tsv``."""
    return read_text(f"legacy_{encoding}.tsv")


def gzip_lines(name: str) -> Iterator[str]:
    """The lines of a gzipped UTF-8 data file, without their line ends (streamed, not cached)."""
    import gzip  # only the repair models are gzipped: a clean text's parse does not import it

    with gzip.open(data_file(name).open("rb"), "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n")


def read_json(name: str) -> Any:
    """A JSON data file, parsed."""
    return json.loads(read_text(name))


def read_npz(name: str) -> dict[str, Any]:
    """The arrays of an ``.npz`` data file, loaded into memory."""
    import numpy as np

    with as_file(data_file(name)) as path, np.load(path) as z:
        return {k: z[k] for k in z.files}
