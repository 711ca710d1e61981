"""One error hierarchy; the CLI turns these into a message and exit status 2."""

from __future__ import annotations

from pathlib import Path


class ExtractorError(Exception):
    """Base of every error legco-kg raises on purpose."""


class InputError(ExtractorError, ValueError):
    """A paper that cannot be read: the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class MissingInput(InputError, FileNotFoundError):
    pass


class UnreadableInput(InputError, OSError):
    """The file is there but cannot be read (permission denied, an I/O error)."""


class EmptyInput(InputError):
    pass


class UnsupportedInput(InputError):
    pass


class CorruptPdf(InputError):
    pass


class EncryptedPdf(InputError):
    pass


class NoTextLayer(InputError):
    pass


class UndecodableText(InputError, UnicodeError):
    pass


class OutputError(ExtractorError, ValueError):
    """An output legco-kg will not or cannot write (a special file, a folder under a file, a full
    disk): the message names it and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised in build workers: crosses processes
        return type(self), (self.path, self.problem)
