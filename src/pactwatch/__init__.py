"""pactwatch: evidence-backed records of international agreements and diplomacy from news text.

>>> import pactwatch
>>> records = pactwatch.extract("India and Russia on Monday signed an agreement ...", published="2021-12-06")
"""

# Import the ``pactwatch.extract`` subpackage before binding the ``extract`` function below:
# a later first import of the subpackage would otherwise replace the function attribute.
import pactwatch.extract as _extract_package  # noqa: F401
from pactwatch.errors import InputError, PactwatchError
from pactwatch.model import Document, Extraction, Record
from pactwatch.pipeline import extract, extract_documents, extract_stream
from pactwatch.settings import Settings
from pactwatch.version import EXTRACTOR_VERSION, __version__

__all__ = [
    "EXTRACTOR_VERSION",
    "Document",
    "Extraction",
    "InputError",
    "PactwatchError",
    "Record",
    "Settings",
    "__version__",
    "extract",
    "extract_documents",
    "extract_stream",
]
