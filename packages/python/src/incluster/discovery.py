"""Discovery: the only I/O of incluster's core."""

from __future__ import annotations

import os

from .carried_text import require_carriable_path
from .file_reader import os_file_reader
from .namespace import discover_namespace, validate_namespace_option
from .pod_environment import PodEnvironment
from .service_account_files import (
    read_certificate_authority as read_certificate_authority_file,
    read_service_account_token,
    require_service_account_file,
    service_account_paths,
)
from .service_environment import read_service_address

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see incluster.types)
if TYPE_CHECKING:
    from typing import Optional

    from .types import Environment, FileReader


def discover_pod_environment(
    *,
    env: Optional[Environment] = None,
    reader: Optional[FileReader] = None,
    service_account_dir: Optional[str] = None,
    read_token: bool = False,
    read_certificate_authority: bool = False,
    namespace: Optional[str] = None,
) -> PodEnvironment:
    """Finds the API server and the service account of the Pod this process runs in, the way client-go's
    rest.InClusterConfig() and kubectl do: the address, then the files, then the namespace (unless the caller chose
    one), stopping at the first problem.

    :param env: the environment to read; ``os.environ`` by default.
    :param reader: how files are read; the real file system by default.
    :param service_account_dir: the service-account directory; defaults to $INCLUSTER_SERVICE_ACCOUNT_DIR, then the
        kubelet's mount point. ``INVALID_OPTION`` when it holds NUL or a surrogate, which no kubeconfig path can.
    :param read_token: read the token itself, for an embedded credential. Off by default: a kubeconfig should
        reference it.
    :param read_certificate_authority: read ca.crt, to embed it as certificate-authority-data.
    :param namespace: the namespace the caller chose. It wins over the Pod's own, which is then neither read nor
        required to be valid (a bad POD_NAMESPACE or namespace file cannot block it); ``INVALID_OPTION`` unless it is
        a DNS-1123 label.
    """
    if service_account_dir:
        require_carriable_path("service_account_dir", service_account_dir)
    env = os.environ if env is None else env
    reader = os_file_reader if reader is None else reader
    host, port = read_service_address(env)
    paths = service_account_paths(env, service_account_dir)
    require_service_account_file(reader, paths.token_path, paths.origin)
    require_service_account_file(reader, paths.certificate_authority_path, paths.origin)
    if namespace is None:
        chosen, namespace_source = discover_namespace(env, reader, paths.namespace_path, paths.origin)
    else:
        chosen, namespace_source = validate_namespace_option(namespace), "option"
    return PodEnvironment(
        host=host,
        port=port,
        service_account_dir=paths.dir,
        token_path=paths.token_path,
        certificate_authority_path=paths.certificate_authority_path,
        namespace=chosen,
        namespace_source=namespace_source,
        token=read_service_account_token(reader, paths.token_path, paths.origin) if read_token else None,
        certificate_authority_data=(
            read_certificate_authority_file(reader, paths.certificate_authority_path, paths.origin)
            if read_certificate_authority
            else None
        ),
    )
