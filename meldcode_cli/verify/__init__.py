"""Proof of a flow: static analysis, path exploration, guarantees, scenarios, `meldcode validate`."""
