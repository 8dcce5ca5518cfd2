"""Plain text and path parameters for typer without pydantic, so quick commands do not import it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# typer 0.29 checks every non-bool parameter with a pydantic TypeAdapter, built when the parameter
# is first processed: importing pydantic and building the adapter cost more than `meldcode flows`
# itself. Our text and path parameters need no such check (a text is a text; typer's own path
# checks still run), so they get a plain coercion here. Any other parameter (numbers with bounds,
# choices, lists), and any typer without this internal hook, keeps typer's own way: that is
# slower, never wrong.

_installed = False


def install() -> None:
    """Give plain `str` and `Path` parameters a coercion without pydantic (once; a no-op when the
    installed typer has no such hook)."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        from typer import _coercion, _param_types, core

        base = _coercion.RuntimeParam
        parameter_class = core._TyperParameter
        coerce_path = _param_types.coerce_cli_path
        original = parameter_class.get_runtime_param
    except (ImportError, AttributeError):
        return

    class PlainText(base):  # type: ignore[misc,valid-type]
        """A text parameter: the value as given on the command line."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return os.fsdecode(value) if isinstance(value, bytes) else str(value)

    class PlainPath(base):  # type: ignore[misc,valid-type]
        """A path parameter: made a Path here, then typer's own checks (exists, readable, ...)."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, (str, bytes)):
                value = Path(os.fsdecode(value))
            return coerce_path(value, self.parameter_info, path_type=Path, param=param, ctx=ctx)

    class Deferred(base):  # type: ignore[misc,valid-type]
        """Any other parameter: typer's own check, built only when a value is actually given (an
        option left out is None, and needs no check at all; a flag that is already a bool neither)."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is bool and isinstance(value, bool):
                return value
            return _coercion.build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    def plain(descriptor: Any) -> Any:
        info = getattr(descriptor, "parameter_info", None)
        if info is None:
            return None
        if (
            getattr(info, "parser", None) is not None
            or getattr(info, "click_type", None) is not None
            or getattr(descriptor, "file_annotation", None) is not None
        ):
            return Deferred(parameter_info=info, annotation=descriptor.annotation)
        annotation = descriptor.annotation
        if annotation is str:
            return PlainText(parameter_info=info, annotation=annotation)
        if annotation is Path and getattr(info, "path_type", None) in (None, Path):
            return PlainPath(parameter_info=info, annotation=annotation)
        return Deferred(parameter_info=info, annotation=annotation)

    def get_runtime_param(self: Any) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            try:
                self._runtime_param = plain(self.type_descriptor)
            except Exception:  # an unknown typer shape: let typer decide as it always does
                self._runtime_param = None
        return original(self)

    # Patched on purpose (the hook typer offers no other way to): the type checker rightly warns.
    parameter_class.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
