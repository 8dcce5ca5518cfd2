"""Lets `python -m meldcode_cli` run the same program as the `meldcode` command."""

from meldcode_cli.entry import main

if __name__ == "__main__":
    main()
