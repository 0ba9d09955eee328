"""The words a regular expression can open with, for cheap exact early exits.

`first_words(pattern)` walks the parsed pattern and returns every word (a maximal run of letters
and digits) that the text of a match can begin with, after any leading white space; None when it
cannot tell (a wildcard, a negated class, a word class such as \\w before the first word ends, or
a match that may open with another character). Lookaheads and anchors are read as matching
anything, so the answer is a superset: a text whose first word is in none of them is matched by no
match that holds that word, which lets a guard read one word instead of running a costly reader.

>>> sorted(first_words(r"\\s*(?:[Cc]ác\\s+)?(?:Bộ\\s+trưởng|Chủ\\s+tịch)\\s"))
['Bộ', 'Chủ', 'Các', 'các']
"""

from __future__ import annotations

import re._constants as _c
import re._parser as _p
from typing import Any

# A walk that would build more partial words than this gives up (None): the guards' patterns
# open with a few dozen words.
MAX_WORDS = 512
MAX_ROUNDS = 4


class _Unknown(Exception):
    """The pattern opens with something the walk does not read."""


def first_words(pattern: str) -> frozenset[str] | None:
    """Every word a match of `pattern` may open with after leading white space (see the module)."""
    try:
        open_, done = _walk(list(_p.parse(pattern)), {""})
    except _Unknown:
        return None
    words = done | {w for w in open_ if w}
    return frozenset(words) if "" not in done else None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _walk(items: list[tuple[Any, Any]], open_: set[str]) -> tuple[set[str], set[str]]:
    """(words still open, words ended) after `items`, from the open words `open_`. A word ends at
    its first non-word character; white space before the first word is skipped; any other
    character before it ends the empty word, "" in the ended set: the match opens with no word."""
    done: set[str] = set()
    for op, av in items:
        if not open_:
            break
        if len(open_) + len(done) > MAX_WORDS:
            raise _Unknown
        if op is _c.LITERAL:
            open_, done = _step(open_, done, [chr(av)])
        elif op is _c.IN:
            open_, done = _step(open_, done, _class_chars(av))
        elif op is _c.SUBPATTERN:
            open_, more = _walk(list(av[-1]), open_)
            done |= more
        elif op is _c.BRANCH:
            outs: set[str] = set()
            for branch in av[1]:
                o, d = _walk(list(branch), set(open_))
                outs |= o
                done |= d
            open_ = outs
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, high, sub = av
            if high == 0:
                continue
            # once through, then again from what it left open until nothing new opens (a repeat
            # of letters, "[a-z]+", never settles: unknown)
            once, d = _walk(list(sub), set(open_))
            done |= d
            for _ in range(MAX_ROUNDS if high > 1 else 0):
                again, d = _walk(list(sub), set(once))
                done |= d
                if again <= once:
                    break
                once |= again
            else:
                if high > 1:
                    raise _Unknown
            open_ = once | (open_ if low == 0 else set())
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: read as matching anything, which keeps the answer a superset
        else:
            raise _Unknown
    return open_, done


def _class_chars(av: list[tuple[Any, Any]]) -> list[str]:
    chars: list[str] = []
    for op, value in av:
        if op is _c.LITERAL:
            chars.append(chr(value))
        elif op is _c.RANGE:
            lo, hi = value
            if hi - lo > 64:
                raise _Unknown
            chars += [chr(c) for c in range(lo, hi + 1)]
        elif op is _c.CATEGORY and value is _c.CATEGORY_SPACE:
            chars.append(" ")
        else:
            raise _Unknown
    return chars


def _step(open_: set[str], done: set[str], chars: list[str]) -> tuple[set[str], set[str]]:
    """Read one character out of `chars` after each open word."""
    out: set[str] = set()
    for w in open_:
        for ch in chars:
            if _is_word_char(ch):
                out.add(w + ch)
            elif w:
                done.add(w)
            elif ch.isspace():
                out.add("")  # white space before the first word
            else:
                done.add("")  # another character first: no word opens the match
    return out, done
