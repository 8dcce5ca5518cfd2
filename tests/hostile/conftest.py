"""Hypothesis profiles: thousands of examples by default, fewer in CI (CI=true), more with --long."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=2000, **_COMMON)
settings.register_profile("ci", max_examples=300, **_COMMON)
settings.register_profile("long", max_examples=20000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))
