"""--scheduler: the batch on a Dask cluster, and -o URL. Dask loads only here, only when asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cleanup.cli.messages import Messages
from cleanup.input.remote import RemoteError, as_url
from cleanup.output.report import EXIT_USAGE

DASK_MISSING = "--scheduler needs Dask: pip install 'cleanup[dask]' (dask, distributed, fsspec)"


def open_cluster(address: str, fields: Any, messages: Messages) -> Any:
    """A ``cleanup.batch.dask.Cluster`` on ``address``; says what is wrong and exits 2 otherwise."""
    from cleanup.batch.dask import ClusterError, connect

    try:
        cluster = connect(address)
    except ImportError as exc:
        messages.error("--scheduler", f"{DASK_MISSING} ({exc})")
        raise click.exceptions.Exit(EXIT_USAGE) from None
    except ClusterError as exc:
        messages.error("--scheduler", str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None
    cluster.fields = fields
    return cluster


def remote_target(output: Path, fmt: str, messages: Messages) -> Any:
    """The target for ``-o URL`` (an fsspec filesystem); exits 2 when it cannot be written."""
    from cleanup.output.remote import remote_output

    try:
        return remote_output(output, fmt)
    except RemoteError as exc:
        messages.error(str(as_url(output)), str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None
