"""Extract: clause tree -> assignment records, through the registered document layouts."""

from directive_parser.extract.layouts import ExtractContext, extract_assignments

__all__ = ["ExtractContext", "extract_assignments"]
