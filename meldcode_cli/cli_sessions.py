"""`meldcode` sessions, resume and report: the commands around saved sessions."""

from __future__ import annotations

from meldcode_cli.cli import app  # noqa: F401
