"""--scheduler: the batch on a Dask cluster, and -o URL. Dask loads only here, only when asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cleanup.cli.messages import Messages
from cleanup.input.remote import RemoteError, as_url
from cleanup.input.sources import Selection
from cleanup.output.report import EXIT_USAGE

# (Not 'cleanup[dask]': the PyPI project named cleanup is another one.)
DASK_MISSING = "needs Dask: pip install dask distributed fsspec (in a checkout of cleanup: pip install '.[dask]')"


def open_cluster(address: str, sel: Selection, messages: Messages) -> Any:
    """A ``cleanup.batch.dask.Cluster`` on ``address`` that reads records as ``sel`` says; says what is
    wrong and exits 2 otherwise."""
    from cleanup.batch.dask import ClusterError, connect

    try:
        cluster = connect(address)
    except ImportError as exc:
        messages.error("--scheduler", f"{DASK_MISSING} ({exc})")
        raise click.exceptions.Exit(EXIT_USAGE) from None
    except ClusterError as exc:
        messages.error("--scheduler", str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None
    if sel.fields is not None:
        cluster.fields = sel.fields
    cluster.max_bytes, cluster.all_statuses = sel.max_bytes, sel.all_statuses
    return cluster


def remote_target(output: Path, fmt: str, messages: Messages) -> Any:
    """The target for ``-o URL`` (an fsspec filesystem); exits 2 when it cannot be written."""
    from cleanup.output.remote import remote_output

    try:
        return remote_output(output, fmt)
    except RemoteError as exc:
        messages.error(str(as_url(output)), str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None
