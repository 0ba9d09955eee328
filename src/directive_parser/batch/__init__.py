"""Batch runs: many files, a process pool (or Dask), resumable outputs written as each document ends."""

from directive_parser.batch.jobs import BatchResult, BatchStatus
from directive_parser.batch.runner import BatchSummary, iter_inputs, parse_many, parser_version, run_batch

__all__ = ["BatchResult", "BatchStatus", "BatchSummary", "iter_inputs", "parse_many", "parser_version", "run_batch"]
