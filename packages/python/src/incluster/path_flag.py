"""The advice of ``python -m incluster`` for a core error about a file whose directory the user gave with
``--service-account-dir``: the core speaks of "the path passed as service_account_dir"; here the flag is known.
As the CLI's path-flag.ts does for ``incluster-kubeconfig``."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .errors import InClusterConfigError

FLAG = "--service-account-dir"


def fix_naming_the_flag(error: InClusterConfigError, given: Optional[str]) -> Optional[str]:
    """The fix in the user's terms, when the path came from the flag and the core's advice does not already fit."""
    if given is None or error.file is None or error.file.origin != "option":
        return None
    elsewhere = f"or point {FLAG} at another directory"
    if error.code == "SERVICE_ACCOUNT_NOT_MOUNTED":
        return f"Correct {FLAG} {given}, or leave the flag out to use $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point."
    if error.code == "UNREADABLE_FILE":
        if error.file.errno == "EISDIR":
            return f"Make it a regular file the container's user can read, {elsewhere}."
        return f"Give the container's user read access to it (runAsUser, fsGroup or the volume's defaultMode), {elsewhere}."
    return None


def message_naming_the_flag(error: InClusterConfigError, given: Optional[str]) -> str:
    """The error's message with the fix that names the flag, or the message as it is."""
    fix = fix_naming_the_flag(error, given)
    return error.message if fix is None else f"{first_sentence(error.message)} {fix}"


def first_sentence(message: str) -> str:
    """Messages say what is wrong, then how to fix it: this is the first part."""
    return re.split(r"(?<=\.) (?=[A-Z])", message, maxsplit=1)[0]
