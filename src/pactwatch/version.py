"""Package and extractor versions (the extractor version is stamped on every record)."""

__version__ = "0.1.0"
EXTRACTOR_NAME = "pactwatch-rules"
EXTRACTOR_VERSION = f"{EXTRACTOR_NAME}/{__version__}"
