"""One exception root for pactwatch and small subclasses, each one line of meaning."""

from __future__ import annotations

from typing import Any


class PactwatchError(Exception):
    """Root of every error pactwatch raises on purpose."""


class InputError(PactwatchError):
    """An input could not be read or understood; names the input and, where known, the line."""

    def __init__(self, source: str, message: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled with its fields (the default replays ``args``, which this constructor
        # does not take), so an error travels to and from worker processes intact
        return (_rebuild_input_error, (type(self), self.source, self.message, self.line))


def _rebuild_input_error(cls: type[InputError], source: str, message: str, line: int | None) -> InputError:
    return cls(source, message, line=line)


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary or not valid UTF-8 text."""


class InputTooLargeError(InputError):
    """The input is larger than the configured size limit."""


class MalformedInputError(InputError):
    """The input's structure (JSON, header, HTML) is broken."""


class NoArticleError(InputError):
    """An HTML page held no article text."""


class UnsupportedLanguageError(InputError):
    """The text is not in a language pactwatch extracts from."""


class DateFormatError(InputError):
    """A publication date could not be understood."""


class UsageError(PactwatchError):
    """The command line or API was called wrongly."""


class ConfigError(PactwatchError):
    """A setting has an invalid value."""


class StoreError(PactwatchError):
    """The database could not be reached, read or written."""


class SchemaVersionError(StoreError):
    """The database was written by a newer pactwatch schema."""


class NotFoundError(PactwatchError):
    """A requested event, entity or document does not exist."""


class FetchError(PactwatchError):
    """A URL could not be fetched, or was refused by the address rules."""
