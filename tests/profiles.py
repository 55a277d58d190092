"""The hypothesis profiles: one governs every property test, chosen by HYPOTHESIS_PROFILE.

- quick (the default, the README's test command): each property a few dozen examples;
- thorough (CI runs it too, on the property tests alone): ten times as many;
- fuzz (a long search by hand, see docs/hostile-and-speed.md): forty times as many again.

A test that needs more or fewer examples than its neighbours says so as a weight (`scaled`), never as a
count of its own, so that the profile scales it with the rest.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

QUICK = 30
PROFILES = {"quick": QUICK, "thorough": 10 * QUICK, "fuzz": 400 * QUICK // 10}


def load() -> None:
    for name, examples in PROFILES.items():
        settings.register_profile(name, max_examples=examples, deadline=None,
                                  suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def scaled(weight: float, **options: object) -> settings:
    """The profile in force, with `weight` times its examples (at least 5)."""
    return settings(settings.default, max_examples=max(5, round(settings.default.max_examples * weight)),
                    **options)  # type: ignore[arg-type]
