"""Hypothesis profiles for reflow's properties: ``ci`` (fast, derandomized) and ``thorough``.

``register_profiles()`` registers them and nothing else: loading one is the
caller's choice (``--reflow-profile ci``, ``HYPOTHESIS_PROFILE=thorough``, or
``settings.load_profile``). ``suite_settings()`` is the settings object reflow's
own property tests use: the profile named by ``HYPOTHESIS_PROFILE`` or
``--reflow-profile`` when one is given, ``ci`` otherwise, without changing the
global default for other tests.

>>> register_profiles()
>>> from hypothesis import settings
>>> settings.get_profile("ci").derandomize, settings.get_profile("ci").deadline
(True, None)
>>> settings.get_profile("thorough").max_examples
1000
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: profile name -> settings keywords
PROFILES = {
    # every CI run sees the same examples; no deadline (a clean is not a benchmark);
    # the examples that found bugs are not stored (the tests name them)
    "ci": dict(max_examples=20, derandomize=True, deadline=None, database=None,
               print_blob=True, suppress_health_check=[HealthCheck.too_slow,
                                                       HealthCheck.data_too_large]),
    # nightly: many random examples, failures kept in the local example database
    "thorough": dict(max_examples=1000, deadline=None, print_blob=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
}


def register_profiles() -> None:
    """Register ``ci`` and ``thorough`` with hypothesis (loads neither)."""
    for name, kwargs in PROFILES.items():
        settings.register_profile(name, **kwargs)


#: the profile the pytest plugin loaded for ``--reflow-profile`` (None: not asked)
chosen: str | None = None


def current_profile() -> str | None:
    """The profile asked for by ``--reflow-profile`` or ``HYPOTHESIS_PROFILE``, if any."""
    return chosen or os.environ.get("HYPOTHESIS_PROFILE") or None


def load(name: str) -> None:
    """Register the profiles and load ``name`` globally (what ``--reflow-profile`` does)."""
    global chosen
    register_profiles()
    settings.load_profile(name)
    chosen = name


def suite_settings(**overrides) -> settings:
    """Settings for one property test: the asked-for profile, else ``ci``, with overrides.

    >>> suite_settings(max_examples=3).max_examples in (3,)
    True
    """
    register_profiles()
    name = current_profile() or "ci"
    return settings(settings.get_profile(name), **overrides)


__all__ = ["PROFILES", "register_profiles", "suite_settings", "current_profile", "load"]
