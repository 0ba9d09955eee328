"""Public bodies: the gazetteer (canonical names, abbreviations, successors) and the generic name patterns."""

from directive_parser.extract.bodies.gazetteer import (
    BodyMatch,
    canonical_issuer,
    find_bodies,
    find_subject_bodies,
    load_gazetteer,
    lookup,
    may_open,
    spellings,
    split_bodies,
)

__all__ = [
    "BodyMatch",
    "canonical_issuer",
    "find_bodies",
    "find_subject_bodies",
    "load_gazetteer",
    "lookup",
    "may_open",
    "spellings",
    "split_bodies",
]
