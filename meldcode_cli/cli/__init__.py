"""The `meldcode` command line: the typer app, its command groups, and the commands' work."""
