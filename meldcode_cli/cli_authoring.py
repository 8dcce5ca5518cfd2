"""`meldcode` validate, test, graph and schema: the flow author's commands."""

from __future__ import annotations

from meldcode_cli.cli import app  # noqa: F401
