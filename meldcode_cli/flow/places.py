"""Where a compiled flow's nodes are written (file and line), kept beside it so messages need no YAML."""

from __future__ import annotations

import os
from typing import Any


class Places:
    """Where each node (and each option of a choice) is written: file and line, for messages such
    as the coverage of `meldcode test`, without reading the YAML again. Answers `file_of` and
    `line_of` like yamlsource.Located, for the locations ("nodes", n) and ("nodes", n, "options", k)."""

    def __init__(self, data: dict[str, Any], shown_as: str | None = None) -> None:
        self.data = data
        # The files are kept relative to the flow's folder, so that a message names them the way the
        # user named the flow now, whichever way it was named when the cache was written.
        folder = os.path.dirname(shown_as) if shown_as is not None else ""
        self.file = shown_as if shown_as is not None else data["file"]
        self._files = [os.path.normpath(os.path.join(folder, name)) for name in data["files"]]
        self._nodes = data["nodes"]

    def shown_as(self, flow_file: str) -> Places:
        """The same places, with file names relative to how the user names the flow file now."""
        return Places(self.data, flow_file)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Places) and other.data == self.data

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def of(cls, flow: Any, located: Any) -> Places:
        files: list[str] = []

        folder = os.path.dirname(os.path.abspath(located.file))

        def place(loc: tuple[Any, ...]) -> list[Any]:
            file = os.path.relpath(os.path.abspath(located.file_of(loc)), folder)
            if file not in files:
                files.append(file)
            return [files.index(file), located.line_of(loc)]

        nodes = [
            [
                *place(("nodes", n)),
                [place(("nodes", n, "options", k)) for k in range(len(getattr(node, "options", [])))],
            ]
            for n, node in enumerate(flow.nodes)
        ]
        return cls({"file": os.path.basename(located.file), "files": files, "nodes": nodes})

    def _place(self, loc: tuple[Any, ...]) -> tuple[str, int | None]:
        try:
            file, line, options = self._nodes[loc[1]]
            if len(loc) == 4:
                file, line = options[loc[3]]
            return self._files[file], line
        except (IndexError, TypeError, ValueError):
            return self.file, None

    def file_of(self, loc: tuple[Any, ...]) -> str:
        return self._place(loc)[0]

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        return self._place(loc)[1]
