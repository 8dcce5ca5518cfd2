"""`meldcode` exercise, cases and class-report: the trainer's commands."""

from __future__ import annotations

from meldcode_cli.cli import app  # noqa: F401
