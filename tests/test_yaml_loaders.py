"""Every YAML file we ship reads the same with libyaml and with PyYAML's pure-Python loader (the
fallback where libyaml is missing)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from meldcode_cli.flow import yamlsource

ROOT = Path(__file__).parent.parent
FILES = sorted(p for folder in ("flows", "docs/examples", "tests/data") for p in (ROOT / folder).rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_loaders_read_the_same(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    pure = yamlsource.parse(text, str(path))
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    monkeypatch.setattr(yamlsource, "_Loader", yaml.CSafeLoader)
    fast = yamlsource.parse(text, str(path))
    assert pure.data == fast.data
    assert pure.lines == fast.lines
