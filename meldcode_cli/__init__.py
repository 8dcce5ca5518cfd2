"""meldcode: an offline, Dutch-first companion for the meldcode huiselijk geweld en kindermishandeling."""

__version__ = "0.1.0"
