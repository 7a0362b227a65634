"""Batch engines: the same extraction in one process, in N processes, or on Dask."""

from pactwatch.batch.engine import BatchEngine, ExtractFn, LocalEngine, default_extract

__all__ = ["BatchEngine", "ExtractFn", "LocalEngine", "default_extract"]
