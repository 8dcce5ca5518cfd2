"""Hypothesis profiles: a quick run by default (the README's test command), more on request."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
# The default keeps the README's test command quick on a laptop and in CI; the thorough runs are one
# environment variable away (HYPOTHESIS_PROFILE=full or long).
settings.register_profile("default", max_examples=300, **_COMMON)
settings.register_profile("full", max_examples=2000, **_COMMON)
settings.register_profile("long", max_examples=20000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "default")
