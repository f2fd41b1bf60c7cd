"""Writing a file so that readers see either the old content or the whole new content, never a part."""

from __future__ import annotations

import os
import shutil

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Callable, Optional

#: Owner read and write only: a kubeconfig tells where the cluster is and, embedded, may hold a token.
OUTPUT_FILE_MODE = 0o600


def write_file_atomically(path: str, content: str, mode: int = OUTPUT_FILE_MODE) -> None:
    """The text goes to a temporary file in the same directory (so the rename stays on one file system), is flushed
    to disk, and is renamed over the target. Missing parent directories are created. On any failure the temporary
    file and the directories this call created are removed, the target is left as it was, and the error is raised."""
    target = os.path.abspath(path)
    directory = os.path.dirname(target)
    created = _first_missing(directory)
    temporary: Optional[str] = None
    descriptor: Optional[int] = None
    try:
        os.makedirs(directory, exist_ok=True)
        # Short whatever the target's name; O_EXCL never opens a file that already exists.
        temporary = os.path.join(directory, f".incluster-{os.getpid()}-{os.urandom(6).hex()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        # os.open's mode is filtered by the umask; the file must end up exactly 0600 whatever the umask.
        os.fchmod(descriptor, mode)
        data = content.encode("utf-8")
        while data:
            data = data[os.write(descriptor, data) :]
        os.fsync(descriptor)
        os.close(descriptor)
        descriptor = None
        os.rename(temporary, target)
    except BaseException:
        # Cleanup after a failure must never hide the failure itself.
        if descriptor is not None:
            _best_effort(lambda: os.close(descriptor))
        if temporary is not None:
            _best_effort(lambda: os.remove(temporary))
        if created is not None:
            _best_effort(lambda: shutil.rmtree(created))
        raise


def _first_missing(directory: str) -> Optional[str]:
    """The outermost ancestor of ``directory`` (itself included) that does not exist yet: what makedirs will create."""
    missing = None
    while not os.path.lexists(directory):
        missing = directory
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return missing


def _best_effort(cleanup: Callable[[], object]) -> None:
    try:
        cleanup()
    except OSError:
        pass
