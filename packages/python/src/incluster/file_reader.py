"""The file readers discovery can use (:class:`incluster.types.FileReader`): the real file system, and one in memory.

Failures are ``OSError``: ``FileNotFoundError`` means nothing is at the path; any other means it cannot be read.
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Iterable, Mapping

    from .types import FileReader


class OsFileReader:
    """Reads the real file system, following symlinks as the kubelet's ``..data`` layout needs."""

    def read_text(self, path: str) -> str:
        with open(path, encoding="utf-8", errors="replace", newline="") as file:
            return file.read()

    def check_readable(self, path: str) -> None:
        if not os.access(path, os.R_OK):
            # Raises FileNotFoundError when nothing is there, PermissionError (or another OSError) otherwise.
            os.stat(path)
            raise PermissionError(errno.EACCES, "permission denied", path)
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file", path)


os_file_reader: FileReader = OsFileReader()


class MemoryFileReader:
    """An in-memory file system for tests and golden vectors: ``files`` maps absolute paths to contents;
    ``unreadable`` lists paths that exist but fail to read, as a file without read permission does."""

    def __init__(self, files: Mapping[str, str], unreadable: Iterable[str] = ()) -> None:
        self._files = dict(files)
        self._unreadable = frozenset(unreadable)

    def read_text(self, path: str) -> str:
        self.check_readable(path)
        return self._files[path]

    def check_readable(self, path: str) -> None:
        if path in self._unreadable:
            raise PermissionError(errno.EACCES, "permission denied", path)
        if path not in self._files:
            raise FileNotFoundError(errno.ENOENT, "no such file or directory", path)


def memory_file_reader(files: Mapping[str, str], unreadable: Iterable[str] = ()) -> FileReader:
    return MemoryFileReader(files, unreadable)
