"""The small error tree of Luocdo.

Every error a user can meet is a :class:`LuocdoError`; its ``str()`` is a one-line message in
Vietnamese and English that names the file (and line or field where known) and the reason.

>>> err = InputError("a.txt", "tệp rỗng", "file is empty")
>>> str(err)
'a.txt: tệp rỗng / file is empty'
"""

from __future__ import annotations

__all__ = [
    "BinaryInput",
    "EmptyInput",
    "InputError",
    "InputTooLarge",
    "LuocdoError",
    "NotFound",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "StoreError",
    "UndecodableInput",
]


class LuocdoError(Exception):
    """Base of every error Luocdo reports to a user."""


class InputError(LuocdoError):
    """A source document cannot be read.

    ``source`` names the file, ``vi`` and ``en`` say why; ``line`` is set when the problem has one.
    """

    def __init__(self, source: str, vi: str, en: str, line: int | None = None) -> None:
        self.source, self.vi, self.en, self.line = source, vi, en, line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {vi} / {en}")


class EmptyInput(InputError):
    """The file has no text at all (or only white space)."""


class BinaryInput(InputError):
    """The file holds binary data (NUL bytes, control characters), not text."""


class UndecodableInput(InputError):
    """The bytes are in no encoding Luocdo can read (UTF-8/16, Windows-1258, TCVN3, VNI)."""


class InputTooLarge(InputError):
    """The file is larger than the configured limit."""


class StoreError(LuocdoError):
    """The store cannot be opened, read or written (locked, read-only, full disk, bad backup)."""

    def __init__(self, en: str, vi: str) -> None:
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")


class NotFound(LuocdoError):
    """No document (or several, when ``candidates`` is set) answers to what the user asked for."""

    def __init__(self, asked: str, candidates: tuple[str, ...] = ()) -> None:
        self.asked, self.candidates = asked, candidates
        if candidates:
            listed = ", ".join(candidates)
            super().__init__(f"'{asked}' khớp nhiều văn bản: {listed} / '{asked}' matches several documents: {listed}")
        else:
            super().__init__(f"không tìm thấy văn bản '{asked}' / no document '{asked}'")


class QueryError(LuocdoError):
    """A SPARQL query cannot be answered: it does not parse, or the endpoint is busy.

    ``en`` and ``vi`` say why in one short sentence (never a stack trace).
    """

    def __init__(self, en: str, vi: str) -> None:
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")


class QueryRefused(QueryError):
    """The query asks for what the public endpoint never does: updates, LOAD, SERVICE, FROM / FROM NAMED."""


class QueryTimeout(QueryError):
    """The query ran past the time limit and its worker was stopped."""
