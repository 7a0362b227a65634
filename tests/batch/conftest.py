from __future__ import annotations

import pytest
from batch_items import make_items

from pactwatch.errors import InputError
from pactwatch.model import Document


@pytest.fixture
def items() -> list[Document | InputError]:
    return make_items(300, errors_every=37)
